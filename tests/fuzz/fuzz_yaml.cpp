// libFuzzer target: the YAML reader, inline kustomize patches included.
#include <cstdint>
#include <string>

#include "grammars/yaml/yaml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  patless::read_yaml("fuzz.yaml", text);
  patless::read_yaml("fuzz.yaml", text, /*only_what_rules_read=*/true);
  // As a kustomization's inline patch.
  std::string k = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - patch: |\n";
  size_t at = 0;
  while (at <= text.size()) {
    size_t nl = text.find('\n', at);
    k += "      ";
    k += text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    k += '\n';
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  k += "    target:\n      kind: Deployment\n      name: source-controller\n";
  patless::read_yaml("kustomization.yaml", k);
  return 0;
}
