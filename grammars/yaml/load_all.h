// YAML::LoadAll with two guards. yaml-cpp 0.7 (Debian 12) never returns on a
// document that starts with a stray ',' (a flow entry in block context): its
// parser emits a null node without consuming the token, over and over.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace patless {

struct YamlLoad {
  std::vector<YAML::Node> documents;
  // Set instead when the text cannot be loaded: where (byte offset into the
  // text) and why. A YAML::Exception is reported the same way.
  std::optional<std::pair<size_t, std::string>> error;
};

// Refuses a line that starts with ',' outside quotes, flow collections and
// block scalars (never valid YAML, and the common trigger, with a clear
// message); then walks the document events once without building anything and
// stops when the parser keeps returning the same empty document (every other
// trigger, e.g. a ',' right after an anchor); only then loads.
YamlLoad load_all_yaml(const std::string& text);

}  // namespace patless
