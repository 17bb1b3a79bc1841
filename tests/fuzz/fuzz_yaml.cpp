// libFuzzer target: the YAML reader, inline kustomize patches included. The
// objects read for the rules alone (documents dropped as soon as their apiVersion
// and kind tell) must be the whole read's objects that rules read, value for value.
#include <cstdint>
#include <string>

#include "grammars/yaml/yaml_reader.h"
#include "tests/describe_document.h"

namespace {

// The objects of `part`, in order, are among those of `whole`, each the same.
bool among(const patless::Document& part, const patless::Document& whole) {
  size_t at = 0;
  for (const patless::K8sObject& o : part.objects) {
    std::string described = patless::testing::describe(o.root);
    while (at < whole.objects.size() && patless::testing::describe(whole.objects[at].root) != described) ++at;
    if (at++ == whole.objects.size()) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto whole = patless::read_yaml("fuzz.yaml", text);
  auto for_rules = patless::read_yaml("fuzz.yaml", text, /*only_what_rules_read=*/true);
  // A limit stops each read at the first object it reads past it: those may differ.
  if (whole && for_rules && whole->errors.empty() && for_rules->errors.empty() && !among(*for_rules, *whole))
    __builtin_trap();
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
