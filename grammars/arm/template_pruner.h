// What read_arm() need not build of a template: the parts its Document drops
// unread. A compiled pattern module (a 3 MB main.json) is mostly those.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/arm/json_reader.h"

namespace patless {

// How deep read_arm() reads nested deployments' inline templates.
constexpr int kMaxNestedDeployments = 16;

// "Microsoft.X/a" + "b" → "Microsoft.X/a/b"; a child that names its provider stays as it is.
std::string child_type(const std::string& parent, const std::string& child);

// Tells read_json() to skip, of a resource outside the chain, every member but
// those read_resource() reads before keep_placement_only() drops the rest; and
// to read as empty the template of a nested deployment whose text names
// nothing of the chain (read_nested_templates() makes the deployment such a
// resource either way). Decided once a resource's type is read (Bicep writes it
// before `properties`): what comes before it is built. Where a key this goes by
// has a twin (two `properties`), the file is to be read again, whole.
class TemplatePruner : public JsonPruner {
 public:
  explicit TemplatePruner(std::string_view bytes);

  void enter(const std::string* key, bool object) override;
  void leave() override { frames_.pop_back(); }
  Action before_value(const std::string& key, size_t key_end) override;
  void value(const std::string* key, const Value& v) override;
  Value replacement(const SourceRange& range) override;
  bool unsafe() const override { return unsafe_; }
  void restart() override {
    frames_.clear();
    unsafe_ = false;
  }

 private:
  enum class Role { Other, Template, Resources, Resource, DeploymentProperties };
  struct Frame {
    Role role = Role::Other;
    int depth = 0;                           // of the template it is in: 0 for the file's
    std::optional<std::string> parent_type;  // Resource: its parent's type ("" at the top), when known
    std::optional<std::string> type;         // Resource: its type; Resources: their parent's
    bool type_seen = false, expect_type = false, outside_chain = false, deployment = false;
    unsigned keys_seen = 0;  // of resources, properties, template, type
  };

  bool inline_deployment_type(size_t at) const;
  bool template_outside_chain(size_t key_end) const;

  std::string_view bytes_;
  std::vector<size_t> chain_words_;  // offsets of what could put a nested template in the chain
  std::vector<Frame> frames_;
  bool unsafe_ = false;
};

}  // namespace patless
