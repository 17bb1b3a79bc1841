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
// block scalars (never valid YAML, and the known trigger), then loads on a
// helper thread with a deadline, so that an unknown trigger ends in an error
// instead of a hang.
YamlLoad load_all_yaml(const std::string& text);

}  // namespace patless
