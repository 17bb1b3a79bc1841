#include "cli/context.h"

#include <string.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "cli/bicep_registry.h"
#include "cli/read_file.h"
#include "cli/selection_cache.h"
#include "grammars/needle_set.h"
#include "grammars/paths.h"
#include "grammars/read_document.h"

namespace patless {
namespace {

// Where `needle` is in `bytes` from `from` on, or npos. glibc's memmem, not
// string_view::find, which stops at every byte equal to the needle's first
// ('\'' is everywhere in Bicep). For the few files a family has.
size_t find(std::string_view bytes, std::string_view needle, size_t from = 0) {
  if (from > bytes.size()) return std::string_view::npos;
  const void* at = ::memmem(bytes.data() + from, bytes.size() - from, needle.data(), needle.size());
  return at ? static_cast<size_t>(static_cast<const char*>(at) - bytes.data()) : std::string_view::npos;
}

// The words a Bicep or ARM file is searched for, all in one pass; the chain's
// types in any letter case (ARM types are case-insensitive).
enum TemplateWord : size_t { kFluxType, kCredentialType, kClusterType, kClientId, kBicepPath, kJsonPath };
const NeedleSet& template_words() {
  static const NeedleSet words{{"kubernetesconfiguration", true},
                               {"federatedidentitycredentials", true},
                               {"managedclusters", true},
                               {"azureclientid", true},
                               {".bicep", false},
                               {".json", false}};
  return words;
}

// And a YAML file: Flux's API groups (the Flux Operator's FluxInstance too), and
// kustomize's with the file names a kustomization writes.
enum YamlWord : size_t { kFluxGroup, kFluxOperatorGroup, kKustomizeGroup, kYamlPath, kYmlPath };
const NeedleSet& yaml_words() {
  static const NeedleSet words{
      {"fluxcd.io"}, {"fluxcd.controlplane.io"}, {"kustomize.config.k8s.io"}, {".yaml"}, {".yml"}};
  return words;
}

// Whether a Bicep or ARM file names a type the chain's rules report on:
// clusters, Flux, federated credentials. A user-assigned identity alone does
// not count: no finding points at one (PL401 points at the extension that uses
// it), and AVM modules name one `existing` for customer-managed keys.
bool names_chain_type(std::string_view bytes, std::vector<NeedleSet::Match>& matches) {
  matches.clear();
  template_words().find_all(bytes, matches);
  return std::any_of(matches.begin(), matches.end(), [](const NeedleSet::Match& m) {
    return m.needle == kFluxType || m.needle == kCredentialType || m.needle == kClusterType;
  });
}

// The registry modules and template specs a Bicep file deploys (`module`, a
// `.bicepparam`'s `using`), not those it imports types or values from.
std::vector<std::string_view> registry_references(std::string_view bytes) {
  std::vector<std::string_view> out;
  for (std::string_view scheme : {"'br:", "'br/", "'ts:", "'ts/"}) {
    for (size_t at = find(bytes, scheme); at != std::string_view::npos; at = find(bytes, scheme, at + 1)) {
      size_t close = bytes.find('\'', at + 1);
      if (close == std::string_view::npos) break;
      size_t before = at;
      while (before > 0 && (bytes[before - 1] == ' ' || bytes[before - 1] == '\t')) --before;
      std::string_view head = bytes.substr(0, before);
      if (head.ends_with("from") &&
          (head.size() == 4 || !std::isalnum(static_cast<unsigned char>(head[head.size() - 5]))))
        continue;
      out.push_back(bytes.substr(at + 1, close - at - 1));
    }
  }
  return out;
}

// The quoted string around `ext` at `at` when it names a file (ends in .bicep,
// .bicepparam — a base a .bicepparam extends — or .json), beside `file`, whose
// bytes these are; and whether it is the ARM parameters schema (deploymentParameters.json).
std::optional<std::string> quoted_path(std::string_view bytes, size_t at, std::string_view ext, const std::string& file,
                                       bool& parameters_schema) {
  size_t close = at + ext.size();
  if (ext == ".json" && bytes.substr(0, at).ends_with("eploymentParameters")) parameters_schema = true;
  if (ext == ".bicep" && bytes.substr(close).starts_with("param")) close += 5;
  if (close >= bytes.size()) return std::nullopt;
  char quote = bytes[close];
  if (quote != '\'' && (quote != '"' || ext != ".json")) return std::nullopt;
  size_t open = bytes.rfind(quote, at);
  if (open == std::string_view::npos || close - open > 512) return std::nullopt;
  std::string_view path = bytes.substr(open + 1, close - open - 1);
  if (path.find('\n') != std::string_view::npos || path.find(':') != std::string_view::npos) return std::nullopt;
  return beside(file, path);
}

// The file name around `ext` at `at` in a kustomization (resources, patch files:
// `path: x.yaml`, `- x.yaml`), beside `file`, the kustomization: what it
// builds and patches with.
std::optional<std::string> yaml_path(std::string_view bytes, size_t at, std::string_view ext, const std::string& file) {
  auto in_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '/';
  };
  size_t end = at + ext.size();
  if (end < bytes.size() && in_name(bytes[end])) return std::nullopt;
  size_t start = at;
  while (start > 0 && in_name(bytes[start - 1]) && at - start < 512) --start;
  if (start == at) return std::nullopt;
  return beside(file, bytes.substr(start, end - start));
}

// A file the selection may keep, and what it needs of the file's bytes, taken
// while they are read: the bytes themselves are not kept (memory stays that of
// the largest file).
struct Candidate {
  std::string path, normal;
  FileKind kind = FileKind::Other;
  bool read = false;
  bool unreadable = false;
  std::optional<FileStamp> stamp;  // taken before the bytes were read
  SelectionFacts own;              // taken from the bytes
  const SelectionFacts* cached = nullptr;  // the cache's, for a file not read again: not copied
  std::vector<uint32_t> targets;           // candidates it deploys, patches with or is the parameters of (by index)

  const SelectionFacts& facts() const { return cached ? *cached : own; }
};

// Takes what the selection needs from `c`'s bytes, in one pass over them a
// window at a time (read into `buffer`); or from the cache, when the file has
// not changed since. Change kSelectionFactsVersion (cli/selection_cache.h) with
// what this takes.
void inspect_bytes(Candidate& c, const SelectionCache* cache, std::string& buffer, std::string& error,
                   std::vector<NeedleSet::Match>& matches) {
  c.read = true;
  if (cache) {
    c.stamp = stamp_of(c.path);  // before the bytes: a later change cannot hide behind it
    if ((c.cached = c.stamp ? cache->find(c.normal, *c.stamp) : nullptr)) return;
  }
  SelectionFacts& f = c.own;
  const bool yaml = c.kind == FileKind::Yaml;
  bool kustomization = yaml && is_kustomization_file(c.path);  // apiVersion and kind may be left out
  bool parameters_schema = false;
  // The windows end kWindowMargin past what is taken from them, and start
  // kWindowContext before it: room for the longest word, and for the quoted
  // path around one (quoted_path and yaml_path look 512 bytes back at most).
  static_assert(kWindowContext > 512 + 32 && kWindowMargin > 32);
  auto take = [&](std::string_view bytes, size_t from, size_t to) {
    matches.clear();
    (yaml ? yaml_words() : template_words()).find_all(bytes, matches);
    for (const NeedleSet::Match& m : matches) {
      if (m.offset < from || m.offset >= to) continue;  // another window's
      if (yaml) {
        f.flux = f.flux || m.needle == kFluxGroup || m.needle == kFluxOperatorGroup || m.needle == kKustomizeGroup;
        kustomization = kustomization || m.needle == kKustomizeGroup;
        if (m.needle == kYamlPath || m.needle == kYmlPath)
          if (auto path = yaml_path(bytes, m.offset, m.needle == kYamlPath ? ".yaml" : ".yml", c.path))
            f.targets.push_back(std::move(*path));
        continue;
      }
      switch (m.needle) {
        case kFluxType:
          f.flux = true;
          break;
        case kCredentialType:
          f.credentials = true;
          break;
        case kClusterType:
          f.cluster = true;
          break;
        case kClientId:
          f.client_id = true;
          break;
        default:
          if (auto path =
                  quoted_path(bytes, m.offset, m.needle == kBicepPath ? ".bicep" : ".json", c.path, parameters_schema))
            f.targets.push_back(std::move(*path));
      }
    }
  };
  c.unreadable = !read_text_in_windows(c.path, buffer, error, limits::kMaxFileBytes, take);
  if (yaml) {
    f.flux = f.flux || kustomization;
    if (!kustomization) f.targets.clear();  // only a kustomization builds and patches with files
    return;
  }
  f.arm_parameters = c.kind == FileKind::Json && parameters_schema;
}

// `seeds` (marks over `files`), what deploys them (their arguments decide the
// seeds' values), what deploys that, and so on; then everything those deploy
// (outputs feed values across siblings), and so on. Not the other deployers of
// what is reached downward: they deploy it again, elsewhere.
std::vector<char> family_of(const std::vector<Candidate>& files, std::vector<char> in) {
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < files.size(); ++i)
      if (!in[i] && std::any_of(files[i].targets.begin(), files[i].targets.end(), [&](uint32_t t) { return in[t]; })) {
        in[i] = true;
        changed = true;
      }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < files.size(); ++i)
      if (in[i])
        for (uint32_t t : files[i].targets)
          if (!in[t]) {
            in[t] = true;
            changed = true;
          }
  }
  return in;
}

// Whether a file of a family can be where a chain rule reports: it names a type
// of the chain (the flags its first reading took), or, for Bicep, deploys a
// restored registry module that does. Only that last is read again (the first
// pass keeps no bytes, and a family is a few files), once: the selection asks
// again each time ARM templates it reached were read.
class ChainTouch {
 public:
  bool operator()(const Candidate& c) {
    const SelectionFacts& f = c.facts();
    if (c.kind == FileKind::Yaml || c.unreadable || f.flux || f.credentials || f.cluster) return true;
    if (c.kind == FileKind::Json) return false;
    auto [known, added] = deploys_chain_.try_emplace(c.normal, false);
    if (added) known->second = deploys_restored_chain(c);
    return known->second;
  }

 private:
  bool deploys_restored_chain(const Candidate& c) {
    if (!read_text_file(c.path, bytes_, error_)) return true;
    for (std::string_view reference : registry_references(bytes_)) {
      std::optional<std::string> cached = registry_.cached_template(c.path, reference);
      if (!cached) continue;  // not restored: unknown to the scan as well
      if (!read_text_file(*cached, restored_, error_) || names_chain_type(restored_, matches_)) return true;
    }
    return false;
  }

  BicepRegistry registry_;
  std::map<std::string, bool> deploys_chain_;  // Bicep files read again, by normal path
  std::string bytes_, restored_, error_;
  std::vector<NeedleSet::Match> matches_;
};

}  // namespace

std::vector<std::string> context_files(const std::vector<std::string>& all, const std::vector<std::string>& named,
                                       unsigned jobs, SelectionCache* cache, bool* reaches_chain) {
  std::set<std::string> named_set;
  bool bicep = false, json = false;
  for (const std::string& n : named) {
    named_set.insert(normal_path(n));
    FileKind k = file_kind(n);
    bicep = bicep || k == FileKind::Bicep || k == FileKind::BicepParams;
    json = json || k == FileKind::Json;
  }
  // The files of the formats that can matter. With only Bicep named, ARM
  // templates matter only where Bicep deploys them (a module or a .bicepparam's
  // `using` may name a .json): they are read once reached, not all up front.
  // A JSON parameters file named after a Bicep file beside it (main.bicep,
  // main.parameters.json) may deploy it: read up front.
  auto without_extension = [](std::string_view f) { return f.substr(0, f.rfind('.')); };
  std::unordered_set<std::string_view> bicep_stems;  // directory/stem of every Bicep file, as listed
  if (bicep && !json)
    for (const std::string& f : all)
      if (f.ends_with(".bicep")) bicep_stems.insert(without_extension(f));
  auto named_after_bicep = [&](std::string_view f) {
    if (bicep_stems.empty()) return false;
    std::string_view stem = without_extension(f);
    size_t name = stem.rfind('/');
    for (size_t dot = stem.find('.', name == std::string_view::npos ? 0 : name + 1); dot != std::string_view::npos;
         dot = stem.find('.', dot + 1))
      if (bicep_stems.count(stem.substr(0, dot))) return true;
    return false;
  };
  std::vector<Candidate> files;
  std::vector<size_t> first;  // read before anything is selected
  std::unordered_set<std::string> listed;  // with a cache: every file's normal path
  for (const std::string& f : all) {
    FileKind k = file_kind(f);
    std::string normal = normal_path(f);
    if (cache) listed.insert(normal);
    bool now = named_set.count(normal) || k == FileKind::Yaml ||
               ((bicep || json) && (k == FileKind::Bicep || k == FileKind::BicepParams)) ||
               (k == FileKind::Json && (json || named_after_bicep(f)));
    if (!now && !(bicep && k == FileKind::Json)) continue;
    if (now) first.push_back(files.size());
    Candidate c;
    c.path = f;
    c.normal = std::move(normal);
    c.kind = k;
    files.push_back(std::move(c));
  }
  std::unordered_map<std::string_view, uint32_t> index_of;  // by normal path
  for (size_t i = 0; i < files.size(); ++i) index_of.emplace(files[i].normal, static_cast<uint32_t>(i));
  std::vector<char> named_marks(files.size());
  for (const std::string& n : named_set)
    if (auto it = index_of.find(n); it != index_of.end()) named_marks[it->second] = true;
  // What was deleted or renamed leaves the cache; what is not read this time stays.
  if (cache) cache->keep_only(listed);
  std::map<std::string, std::vector<uint32_t>> templates_in;  // directory -> templates read
  // Reads files[todo[k]] on `jobs` threads and takes what deploys what from
  // them; an ARM parameters file deploys the templates beside it.
  auto inspect = [&](const std::vector<size_t>& todo) {
    std::atomic<size_t> next{0};
    auto work = [&] {
      std::string bytes, error;
      std::vector<NeedleSet::Match> matches;
      for (size_t k = next++; k < todo.size(); k = next++) inspect_bytes(files[todo[k]], cache, bytes, error, matches);
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::min<size_t>(std::max(1u, jobs), todo.size()); ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    for (size_t i : todo) {
      Candidate& c = files[i];
      if (cache && c.stamp && !c.cached && !c.unreadable) cache->put(c.normal, *c.stamp, c.own);
      for (const std::string& t : c.facts().targets)
        if (auto it = index_of.find(t); it != index_of.end() && it->second != i) c.targets.push_back(it->second);
      // Bicep files as well: a JSON parameters file deploys one (main.parameters.json, main.bicep).
      if ((c.kind == FileKind::Json && !c.facts().arm_parameters) || c.kind == FileKind::Bicep)
        templates_in[directory_of(c.path)].push_back(static_cast<uint32_t>(i));
    }
    for (Candidate& c : files)
      if (c.facts().arm_parameters)
        for (uint32_t t : templates_in[directory_of(c.path)])
          if (std::find(c.targets.begin(), c.targets.end(), t) == c.targets.end()) c.targets.push_back(t);
  };
  inspect(first);

  // The named files' family. When nothing in it touches the identity chain, no
  // other file can change what is reported for the named files (a chain rule
  // reports in the chain's files and in those that deploy them or feed them
  // values), and the family is all there is to parse: the usual commit, to
  // infrastructure Flux does not depend on.
  ChainTouch touches_chain;
  bool chain = false;
  std::vector<char> kept;
  for (;;) {
    kept = family_of(files, named_marks);
    // Until it does: ARM templates read below may deploy what touches it.
    for (size_t i = 0; i < files.size(); ++i) chain = chain || (kept[i] && touches_chain(files[i]));
    if (chain) {
      // The chain around them, each part with its family: Flux resources and
      // objects, the clusters they may name (a finding on a cluster points at
      // the extension that needs it), and, when one of those gives the extension
      // an identity (workloadIdentity.azureClientId), the federated credentials,
      // which join that identity by its name from anywhere.
      std::vector<char> seeds = named_marks;
      for (size_t i = 0; i < files.size(); ++i)
        if (files[i].facts().flux || files[i].facts().cluster) seeds[i] = true;
      kept = family_of(files, seeds);
      bool client_id = false;
      for (size_t i = 0; i < files.size(); ++i) client_id = client_id || (kept[i] && files[i].facts().client_id);
      if (client_id) {
        for (size_t i = 0; i < files.size(); ++i)
          if (files[i].facts().credentials) seeds[i] = true;
        kept = family_of(files, seeds);
      }
    }
    // ARM templates reached and not read yet (the only files left unread, with
    // only Bicep named): read them, and select again. Once the chain is, all of
    // them: an extension, a configuration or a credential in one may name a
    // cluster or identity the Bicep files declare.
    std::vector<size_t> reached;
    for (size_t i = 0; i < files.size(); ++i)
      if (!files[i].read && (kept[i] || chain)) reached.push_back(i);
    if (reached.empty()) break;
    inspect(reached);
  }
  if (reaches_chain) *reaches_chain = chain;
  std::vector<std::string> out;
  for (size_t i = 0; i < files.size(); ++i)
    if (kept[i]) out.push_back(files[i].path);
  return out;
}

}  // namespace patless
