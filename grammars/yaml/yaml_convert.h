// yaml-cpp nodes → model Values with exact source ranges.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "grammars/limits.h"
#include "grammars/model.h"
#include "grammars/source_text.h"

namespace patless {

class YamlConverter {
 public:
  explicit YamlConverter(const SourceText& src)
      : src_(src),
        budget_(std::clamp(src.bytes().size() * limits::kNodesPerYamlByte, limits::kMinNodesVisited,
                           limits::kMaxNodesVisited)) {}

  // Set when nesting or the node budget ran out (alias bombs): the value is cut there.
  std::optional<SourceRange> limit_hit;
  // The first key written twice in one mapping, which YAML forbids and kustomize
  // and kubectl reject (yaml-cpp keeps both): its second occurrence.
  std::optional<Member> duplicate_key;

  // `shared`: the node is inside an anchored one (see Value::shared).
  Value convert(const YAML::Node& n, int depth, bool shared = false);

  // Where read_yaml took a BOM that starts a later line out of the text
  // yaml-cpp reads (positions in yaml-cpp's terms, ascending).
  std::vector<size_t> removed_boms;

  // yaml-cpp marks are byte offsets that count neither the file's BOM nor removed_boms.
  size_t offset_of(const YAML::Mark& m) const {
    return m.pos < 0 ? src_.bytes().size() : file_offset(static_cast<size_t>(m.pos));
  }
  size_t file_offset(size_t pos) const {
    size_t removed =
        static_cast<size_t>(std::upper_bound(removed_boms.begin(), removed_boms.end(), pos) - removed_boms.begin());
    return std::min(pos + src_.content_start() + 3 * removed, src_.bytes().size());
  }

 private:
  const SourceText& src_;
  size_t budget_;  // values left to build

  // Adds the members of a merge key's mapping (or list of mappings) that `object` lacks.
  void merge_into(Value& object, const YAML::Node& source, int depth);
  // Where the node's value starts; `anchored` is set when its properties include an anchor.
  size_t skip_properties(size_t start, bool& anchored) const;
  // yaml-cpp gives only where a scalar starts; find where it ends in the source.
  SourceRange scalar_range(size_t start, const std::string& value) const;
  // Quoted scalars are strings; plain ones are typed the way Kubernetes reads
  // them; one with a ${variable} in it is Opaque (unknown), text kept.
  static Value::Kind scalar_kind(const YAML::Node& n);
};

}  // namespace patless
