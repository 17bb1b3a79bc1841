#include "cli/context.h"

#include <string.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "cli/scan.h"
#include "grammars/paths.h"
#include "grammars/read_document.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

// Where `needle` is in `bytes` from `from` on, or npos. glibc's memmem, not
// string_view::find, which stops at every byte equal to the needle's first
// ('.', 'a', 'f' are everywhere in JSON): most of a pre-commit run's time.
size_t find(std::string_view bytes, std::string_view needle, size_t from = 0) {
  if (from > bytes.size()) return std::string_view::npos;
  const void* at = ::memmem(bytes.data() + from, bytes.size() - from, needle.data(), needle.size());
  return at ? static_cast<size_t>(static_cast<const char*>(at) - bytes.data()) : std::string_view::npos;
}

bool contains(std::string_view bytes, std::string_view needle) {
  return find(bytes, needle) != std::string_view::npos;
}

// What can link to the identity chain on its own, by format.
bool flux_related(FileKind kind, std::string_view bytes) {
  if (kind == FileKind::Yaml)
    return contains(bytes, "fluxcd.io") ||
           contains(bytes, "fluxcd.controlplane.io") ||  // the Flux Operator's FluxInstance
           contains(bytes, "kustomize.config.k8s.io");
  return contains(bytes, "KubernetesConfiguration") || contains(bytes, "kubernetesconfiguration");
}

// A Bicep or ARM file that deploys federated credentials: they join the identity
// Flux runs as by its name, from any file.
bool has_credentials(FileKind kind, std::string_view bytes) {
  return kind != FileKind::Yaml &&
         (contains(bytes, "federatedIdentityCredentials") || contains(bytes, "federatedidentitycredentials"));
}

// The quoted strings of `bytes` that name a file (end in .bicep, .bicepparam —
// a base a .bicepparam extends — or .json), resolved against `dir`.
std::vector<std::string> quoted_paths(std::string_view bytes, const fs::path& dir) {
  std::vector<std::string> out;
  for (std::string_view ext : {std::string_view(".bicep'"), std::string_view(".bicepparam'"), std::string_view(".json'"),
                               std::string_view(".json\"")}) {
    char quote = ext.back();
    for (size_t at = find(bytes, ext); at != std::string_view::npos; at = find(bytes, ext, at + 1)) {
      size_t close = at + ext.size() - 1;
      size_t open = bytes.rfind(quote, at);
      if (open == std::string_view::npos || close - open > 512) continue;
      std::string_view path = bytes.substr(open + 1, close - open - 1);
      if (path.find('\n') != std::string_view::npos || path.find(':') != std::string_view::npos) continue;
      out.push_back(normal_path(dir / path));
    }
  }
  return out;
}

// The file names a kustomization writes (resources, patch files: `path: x.yaml`,
// `- x.yaml`), resolved against `dir`: what it builds and patches with.
std::vector<std::string> yaml_paths(std::string_view bytes, const fs::path& dir) {
  auto in_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '/';
  };
  std::vector<std::string> out;
  for (std::string_view ext : {std::string_view(".yaml"), std::string_view(".yml")}) {
    for (size_t at = find(bytes, ext); at != std::string_view::npos; at = find(bytes, ext, at + 1)) {
      size_t end = at + ext.size();
      if (end < bytes.size() && in_name(bytes[end])) continue;
      size_t start = at;
      while (start > 0 && in_name(bytes[start - 1]) && at - start < 512) --start;
      if (start == at) continue;
      out.push_back(normal_path(dir / bytes.substr(start, end - start)));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> context_files(const std::vector<std::string>& all, const std::vector<std::string>& named,
                                       unsigned jobs) {
  std::set<std::string> named_set;
  bool bicep = false, json = false;
  for (const std::string& n : named) {
    named_set.insert(normal_path(n));
    FileKind k = file_kind(n);
    bicep = bicep || k == FileKind::Bicep || k == FileKind::BicepParams;
    json = json || k == FileKind::Json;
  }
  // The files of the formats that can matter, and what the selection needs of
  // their bytes, taken while they are read: the bytes themselves are not kept
  // (memory stays that of the largest file).
  struct Candidate {
    std::string path, normal;
    FileKind kind = FileKind::Other;
    bool kept = false;
    bool credentials = false;  // deploys federated credentials (see below)
    bool client_id = false;    // names workloadIdentity.azureClientId
    bool arm_parameters = false;
    std::vector<std::string> targets;  // quoted paths to other files
  };
  std::vector<Candidate> files;
  for (const std::string& f : all) {
    FileKind k = file_kind(f);
    std::string normal = normal_path(f);
    // Bicep deploys ARM templates too (a module or a .bicepparam's `using` may name a .json).
    bool wanted = named_set.count(normal) || k == FileKind::Yaml ||
                  ((bicep || json) && (k == FileKind::Bicep || k == FileKind::BicepParams)) ||
                  (json && k == FileKind::Json);
    if (!wanted) continue;
    Candidate c;
    c.path = f;
    c.normal = std::move(normal);
    c.kind = k;
    files.push_back(std::move(c));
  }
  std::atomic<size_t> next{0};
  auto read = [&] {
    std::string bytes, error;
    for (size_t i = next++; i < files.size(); i = next++) {
      Candidate& c = files[i];
      if (!read_file(c.path, bytes, error)) bytes.clear();
      c.kept = named_set.count(c.normal) || flux_related(c.kind, bytes);
      c.credentials = !c.kept && has_credentials(c.kind, bytes);
      c.client_id = c.kind != FileKind::Yaml && (contains(bytes, "azureClientId") || contains(bytes, "azureclientid"));
      fs::path dir = fs::path(c.path).parent_path();
      if (c.kind != FileKind::Yaml) c.targets = quoted_paths(bytes, dir);
      else if (contains(bytes, "kustomize.config.k8s.io"))
        c.targets = yaml_paths(bytes, dir);
      c.arm_parameters = c.kind == FileKind::Json && contains(bytes, "eploymentParameters.json");
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::max(1u, jobs); ++t) threads.emplace_back(read);
  read();
  for (auto& t : threads) t.join();

  // Upward: what deploys a named file, and what deploys that, and so on: their
  // arguments decide the named files' values.
  std::set<std::string> up(named_set.begin(), named_set.end());
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < files.size(); ++i) {
      if (up.count(files[i].normal)) continue;
      for (const std::string& t : files[i].targets) {
        if (!up.count(t)) continue;
        changed = up.insert(files[i].normal).second || changed;
        break;
      }
    }
  }
  // Downward: what the files kept so far deploy, and so on.
  std::set<std::string> present;
  for (const Candidate& c : files) present.insert(c.normal);
  std::set<std::string> kept = up;
  for (const Candidate& c : files)
    if (c.kept) kept.insert(c.normal);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < files.size(); ++i) {
      if (!kept.count(files[i].normal)) continue;
      for (const std::string& t : files[i].targets)
        if (present.count(t)) changed = kept.insert(t).second || changed;
    }
  }
  // A kept template is deployed with its .bicepparam files.
  for (size_t i = 0; i < files.size(); ++i)
    if (files[i].kind == FileKind::BicepParams)
      for (const std::string& t : files[i].targets)
        if (kept.count(t)) kept.insert(files[i].normal);
  // Files with federated credentials matter when a kept file gives the extension
  // an identity (workloadIdentity.azureClientId): PL401 asks whether it has
  // one. They are read for the credentials alone, not for what they deploy (a
  // pattern module deploys dozens of modules; a credential whose identity is
  // then unknown only keeps PL401 silent).
  bool client_id = false;
  for (const Candidate& c : files) client_id = client_id || (c.client_id && kept.count(c.normal));
  for (Candidate& c : files) c.kept = kept.count(c.normal) > 0 || (client_id && c.credentials);
  // ARM parameter files beside a kept template.
  std::set<std::string> kept_dirs;
  for (const Candidate& c : files)
    if (c.kept && c.kind == FileKind::Json) kept_dirs.insert(directory_of(c.path));
  for (Candidate& c : files)
    if (!c.kept && c.arm_parameters &&
        kept_dirs.count(directory_of(c.path)))
      c.kept = true;

  std::vector<std::string> out;
  for (const Candidate& c : files)
    if (c.kept) out.push_back(c.path);
  return out;
}

}  // namespace patless
