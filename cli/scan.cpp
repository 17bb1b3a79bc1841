#include "cli/scan.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "cli/bicep_registry.h"
#include "cli/context.h"
#include "cli/cpu_count.h"
#include "cli/discover.h"
#include "cli/fix.h"
#include "cli/read_file.h"
#include "cli/selection_cache.h"
#include "grammars/ascii.h"
#include "grammars/limits.h"
#include "grammars/paths.h"
#include "grammars/read_document.h"
#include "grammars/text_encoding.h"
#include "rules/engine/deployments.h"
#include "rules/engine/graph.h"
#include "rules/engine/run_rules.h"

namespace patless {

namespace {

void add_output_sources(const Document& d, std::unordered_set<std::string>& out) {
  for (std::string& f : output_sources(d)) out.insert(std::move(f));
  for (const Document& n : d.nested) add_output_sources(n, out);
}

// What the scan could read of registry modules and template specs: those read
// from Bicep's cache (what a scan finds depends on what the machine restored) and
// those not restored (what they deploy is unknown). A note for each, once.
std::vector<std::string> registry_module_notes(const std::vector<std::unique_ptr<Document>>& documents,
                                               bool module_cache) {
  size_t restored = 0, unread = 0;
  std::string first_restored, first_unread;
  auto place = [](const Document& d, const Module& m, const std::string& reference) {
    return d.path + ":" + std::to_string(m.range.start_line) + " ('" + reference + "')";
  };
  for (const auto& d : documents) {
    if (!d) continue;
    for (const Module& m : d->modules) {
      if (!m.registry.empty() && m.path != m.registry) {  // its template was read
        if (restored++ == 0) first_restored = place(*d, m, m.registry);
      } else if (is_registry_reference(m.path)) {
        if (unread++ == 0) first_unread = place(*d, m, m.path);
      }
    }
  }
  auto modules = [](size_t n) { return std::to_string(n) + " module" + (n == 1 ? "" : "s"); };
  std::vector<std::string> notes;
  if (restored)
    notes.push_back(modules(restored) +
                    " read from Bicep's module cache (registry modules and template specs it restored), first " +
                    first_restored + ": findings in them are reported at the module.");
  if (unread)
    notes.push_back(modules(unread) + " from a registry or template spec, first " + first_unread +
                    ": what these deploy is unknown. " +
                    (module_cache ? "patless reads a registry module (br:) or template spec (ts:) from Bicep's module "
                                    "cache once `bicep restore` (or `bicep build`) has put it there."
                                  : "Bicep's module cache is not read (--no-module-cache)."));
  return notes;
}

// A registry module's template and its nested deployments' documents carry the
// reference that names them.
void mark_registry(Document& d, const std::string& reference) {
  d.registry = reference;
  for (Document& n : d.nested) mark_registry(n, reference);
}

// The local files a document deploys (modules, linked templates) or imports from,
// and the files and directories its kustomizations build or patch with, normalised.
std::vector<std::string> files_used(const Document& d) {
  std::vector<std::string> out = deployed_files(d);
  for (std::string& f : imported_files(d)) out.push_back(std::move(f));
  for (const K8sObject& o : d.objects)
    for (std::string_view entry : o.kustomize_paths())
      if (!entry.empty()) out.push_back(beside(d.path, entry));
  for (const KustomizePatch& p : d.patches)
    if (!p.file.empty()) out.push_back(beside(d.path, p.file));
  return out;
}

// A file that the scanned files deploy, import from or build, that is not there,
// and whose name a file beside it has in other letter case: Windows and macOS
// find that one, Linux (where CI and Flux run) does not. The file's name, or empty.
std::string other_case_of(const std::string& target) {
  const std::filesystem::path p(target);
  std::error_code ec;
  for (std::filesystem::directory_iterator it(p.has_parent_path() ? p.parent_path() : ".", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (iequals(name, p.filename().string())) return name;
  }
  return {};
}

// What the scan made of each file: nothing (not lint material, or unreadable), an
// outline (outside the chain: only its path, grammars/read_document.h), a model.
enum FileState : uint8_t { kNone, kOutline, kModel };

// A restored template that does not parse (a broken cache entry) is not the
// repository's to fix: a notification, and the modules that name it are
// registry modules patless cannot read again (what they deploy is unknown).
void forget_broken_restores(const std::vector<std::string>& files, const std::vector<std::string>& registry,
                            size_t repository_files, std::vector<uint8_t>& state,
                            std::vector<std::unique_ptr<Document>>& models, std::vector<std::string>& notifications) {
  std::set<std::string> broken;
  for (size_t i = repository_files; i < files.size(); ++i) {
    if (registry[i].empty()) continue;                 // read for context (scan() below), not from the cache
    bool unread = !models[i] && state[i] != kOutline;  // an outline: a template outside the chain
    bool errors = models[i] && !models[i]->errors.empty();
    if (!unread && !errors) continue;
    broken.insert(files[i]);
    notifications.push_back(files[i] + ": Bicep's cached template of '" + registry[i] + "' cannot be read" +
                            (errors ? " (" + models[i]->errors.front().message + ")" : std::string()) +
                            "; `bicep restore --force` fetches it again.");
    state[i] = kNone;
    models[i].reset();
  }
  if (broken.empty()) return;
  for (size_t i = 0; i < repository_files; ++i)
    if (models[i])
      for (Module& m : models[i]->modules)
        if (!m.registry.empty() && broken.count(m.path)) m.path = m.registry;
}

// The files todo names, the largest first: a large template started last keeps
// one thread reading it after the others are done (a pre-commit run reads a few
// dozen files, one of them a 3 MB compiled pattern module).
void largest_first(const std::vector<std::string>& files, std::vector<size_t>& todo) {
  std::vector<std::pair<uint64_t, size_t>> sized;
  sized.reserve(todo.size());
  for (size_t i : todo) {
    struct stat st {};
    sized.emplace_back(::stat(files[i].c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0, i);
  }
  std::stable_sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; k < todo.size(); ++k) todo[k] = sized[k].second;
}

}  // namespace

ScanResult scan(const ScanOptions& options) {
  ScanResult result;
  const unsigned jobs = options.jobs ? options.jobs : available_cpus();
  Discovery found = discover(options.paths, jobs);
  result.missing_paths = std::move(found.missing);
  for (auto& s : found.skipped) result.notifications.push_back(std::move(s));
  // A file named is read even where discovery does not look (build/, out/,
  // node_modules/); one patless does not read is said to be skipped, as outside
  // a repository.
  for (const std::string& f : options.focus) {
    if (file_kind(f) == FileKind::Other)
      result.notifications.push_back(f + ": " + kNotLintableName);
    else if (std::find(found.files.begin(), found.files.end(), f) == found.files.end())
      found.files.push_back(f);
  }
  // patless's own configuration is not infrastructure code, named or not.
  std::erase_if(found.files,
                [](const std::string& f) { return f == ".patless.yaml" || f.ends_with("/.patless.yaml"); });
  if (!options.config.exclude.empty()) {
    // Excluded paths are not linted, named or not (a pre-commit hook names them
    // when they are staged). The globs are relative to the configuration's
    // directory (`--config .patless.yaml`: the current one).
    std::filesystem::path base = std::filesystem::path(options.config.path).parent_path();
    if (base.empty()) base = ".";
    std::error_code ec;
    std::filesystem::path absolute_base = std::filesystem::absolute(base, ec).lexically_normal();
    std::erase_if(found.files, [&](const std::string& f) {
      std::string rel = std::filesystem::absolute(f, ec).lexically_normal().lexically_relative(absolute_base).string();
      for (const std::string& g : options.config.exclude) {
        if (!glob_match(g, rel)) continue;
        if (std::find(options.focus.begin(), options.focus.end(), f) != options.focus.end())
          result.notifications.push_back(f + ": excluded by " +
                                         std::filesystem::path(options.config.path).lexically_normal().string());
        return true;
      }
      return false;
    });
  }
  for (const std::string& p : options.parameter_files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      result.missing_paths.push_back(p);
      continue;
    }
    std::string normal = normal_path(p);
    bool listed = false;
    for (const std::string& f : found.files) listed = listed || normal_path(f) == normal;
    if (!listed) found.files.push_back(p);
  }
  // A pre-commit run that reaches the chain parses the few files its selection
  // kept, the deployers of the chain's files among them, which the rounds below
  // would read a second time, whole: it reads its templates whole at once (YAML
  // is never read again). Without the chain, they all stay outlines.
  bool templates_whole = false;
  if (!options.focus.empty()) {
    // A parameter file given is named as much as the files are: the selection keeps it.
    std::vector<std::string> named = options.focus;
    named.insert(named.end(), options.parameter_files.begin(), options.parameter_files.end());
    if (options.selection_cache.empty()) {
      found.files = context_files(found.files, named, jobs, nullptr, &templates_whole);
    } else {
      std::error_code ec;
      SelectionCache cache = SelectionCache::load(options.selection_cache, std::filesystem::current_path(ec).string());
      found.files = context_files(found.files, named, jobs, &cache, &templates_whole);
      std::string error;
      cache.save(error);  // without it, the next run reads the repository again: nothing else is lost
    }
  }

  // A model for each file that has one. An outline is only a mark (its path is
  // found.files[i]): most files of a repository are outlines, and an empty
  // Document for each would make memory grow with the repository.
  size_t count = found.files.size();
  std::vector<std::unique_ptr<Document>> models(count);
  std::vector<uint8_t> state(count, kNone);  // bytes: threads write apart
  std::vector<std::string> skipped(count);
  // Reads and parses the files todo[k] names on `jobs` threads.
  auto read_all = [&](std::vector<size_t> todo, Detail detail) {
    largest_first(found.files, todo);
    std::atomic<size_t> next{0};
    auto worker = [&] {
      std::string bytes, error;
      for (size_t k = next++; k < todo.size(); k = next++) {
        size_t i = todo[k];
        if (!read_text_file(found.files[i], bytes, error, options.max_file_bytes)) {
          skipped[i] = found.files[i] + ": " + error;
          continue;
        }
        std::optional<Document> doc = read_document(found.files[i], bytes, detail);
        if (!doc) continue;
        state[i] = doc->outline ? kOutline : kModel;
        if (state[i] == kModel) doc->text_hash = text_hash(bytes);  // what fixes will be made from
        // An outline keeps nothing but its modules' paths, if it has modules.
        if (state[i] == kModel || !doc->modules.empty()) models[i] = std::make_unique<Document>(std::move(*doc));
        else models[i].reset();
      }
    };
    unsigned n = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(1, todo.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
  };
  std::vector<size_t> everything(count);
  for (size_t i = 0; i < count; ++i) everything[i] = i;
  if (!templates_whole) {
    read_all(everything, Detail::ChainOnly);
  } else {
    std::vector<size_t> templates, yaml;
    for (size_t i : everything) (file_kind(found.files[i]) == FileKind::Yaml ? yaml : templates).push_back(i);
    read_all(templates, Detail::Whole);
    read_all(yaml, Detail::ChainOnly);
  }
  // Registry modules Bicep restored: their templates join the scan, read like the
  // repository's files; registry[i] is the reference of such a file.
  const size_t repository_files = count;
  std::vector<std::string> registry(count);
  BicepRegistry bicep_cache;
  std::map<std::string, size_t> restored;  // template path -> index
  auto resolve_registry_modules = [&](const std::vector<size_t>& todo) {
    std::vector<size_t> added;
    if (!options.module_cache) return added;
    for (size_t i : todo) {
      if (!models[i] || models[i]->format != Format::Bicep) continue;
      for (Module& m : models[i]->modules) {
        std::optional<std::string> cached = bicep_cache.cached_template(found.files[i], m.path);
        if (!cached) continue;
        auto [at, is_new] = restored.emplace(*cached, found.files.size());
        if (is_new) {
          found.files.push_back(*cached);
          registry.push_back(m.path);
          added.push_back(at->second);
        }
        m.registry = std::move(m.path);
        m.path = *cached;
      }
    }
    return added;
  };
  // The templates of registry modules seen for the first time join every table and are read.
  auto read_restored = [&](const std::vector<size_t>& added) {
    if (added.empty()) return;
    count = found.files.size();
    models.resize(count);
    state.resize(count, kNone);
    skipped.resize(count);
    read_all(added, Detail::ChainOnly);
  };
  read_restored(resolve_registry_modules(everything));
  // What the files deploy or import from outside the paths named (`'../shared/flux.bicep'`
  // in a scan of `infra/`, a kustomization's `../../base`) is read as well, as Bicep and
  // kustomize would: its findings are not reported, but what it deploys is known.
  std::unordered_set<std::string> known;
  size_t other_case = 0;  // targets that are not there but in other letter case
  std::string first_other_case;
  std::vector<size_t> todo = everything;
  for (int depth = 0; depth < kMaxModuleDepth && !todo.empty(); ++depth) {
    std::vector<size_t> added;
    for (size_t i : todo) {
      if (!models[i]) continue;
      for (std::string& target : files_used(*models[i])) {
        if (known.empty())
          for (const std::string& f : found.files) known.insert(normal_path(f));
        if (known.count(target)) continue;
        std::error_code ec;
        // A directory a kustomization builds: the files below it.
        std::vector<std::string> files;
        if (std::filesystem::is_regular_file(target, ec)) {
          files.push_back(std::move(target));
        } else {
          known.insert(target);  // a directory, or nothing there: looked at once, however many files name it
          if (std::filesystem::is_directory(target, ec))
            files = discover({target}).files;
          else if (std::string name = other_case_of(target); !name.empty() && other_case++ == 0)
            first_other_case = found.files[i] + " names " + target + ", which is not there; " + name + " is";
        }
        for (std::string& f : files) {
          f = normal_path(f);
          if (!known.insert(f).second) continue;
          added.push_back(found.files.size());
          result.context.insert(f);
          found.files.push_back(std::move(f));
          registry.emplace_back();
        }
      }
    }
    read_restored(added);
    std::vector<size_t> restored_now = resolve_registry_modules(added);
    read_restored(restored_now);
    todo = std::move(added);
    todo.insert(todo.end(), restored_now.begin(), restored_now.end());
  }
  // Outlines that link to the chain are read again, whole, in rounds until none is left:
  // - up: a Bicep file of modules that deploys a file of the chain passes it parameters;
  // - down: a template that a file read whole deploys feeds it through the outputs it reads.
  // Deployments deeper than kMaxModuleDepth are not followed, so neither are these rounds.
  std::vector<uint8_t> in_chain(count), sources_known(count);  // read whole for what it is or deploys
  for (size_t i = 0; i < count; ++i) in_chain[i] = state[i] == kModel;
  std::unordered_set<std::string> read_back;  // what the files read whole take outputs from
  for (int round = 0; round <= 2 * kMaxModuleDepth; ++round) {
    std::unordered_set<std::string> chain_paths;
    for (size_t i = 0; i < count; ++i) {
      if (in_chain[i]) chain_paths.insert(normal_path(found.files[i]));
      if (state[i] == kModel && !sources_known[i]) {
        add_output_sources(*models[i], read_back);
        sources_known[i] = 1;
      }
    }
    std::vector<size_t> again;
    for (size_t i = 0; i < count; ++i) {
      if (state[i] != kOutline) continue;
      bool up = false;
      if (models[i])
        for (const std::string& f : deployed_files(*models[i])) up = up || chain_paths.count(f) > 0;
      if (up) in_chain[i] = 1;
      if (up || read_back.count(normal_path(found.files[i]))) again.push_back(i);
    }
    if (again.empty()) break;
    read_all(again, Detail::Whole);
    // Read again from the file, the references are as written: resolved again (none is new,
    // as an outline keeps its modules' paths, but a new one would be read like the others).
    read_restored(resolve_registry_modules(again));
    in_chain.resize(count);
    for (size_t i = sources_known.size(); i < count; ++i) in_chain[i] = state[i] == kModel;
    sources_known.resize(count);
  }

  // A file that could not be read was not linted; registry modules are not the repository's.
  result.files_considered = static_cast<size_t>(std::count_if(
      skipped.begin(), skipped.begin() + static_cast<std::ptrdiff_t>(repository_files),
      [](const std::string& s) { return s.empty(); }));
  for (std::string& s : skipped)
    if (!s.empty()) result.notifications.push_back(std::move(s));
  forget_broken_restores(found.files, registry, repository_files, state, models, result.notifications);
  // Counted before outlines go: a Bicep file of modules may be one.
  for (std::string& note : registry_module_notes(models, options.module_cache)) result.notes.push_back(std::move(note));
  if (other_case > 0)
    result.notes.push_back(
        (other_case == 1 ? first_other_case
                         : std::to_string(other_case) +
                               " files named by the files scanned are not "
                               "there but in other letter case, first: " +
                               first_other_case) +
        ". Windows and macOS take one for the other; on Linux, where CI and Flux run, Bicep and kustomize do not "
        "find it. What it would deploy or build is unknown.");
  std::vector<Document>& docs = result.documents;
  docs.reserve(static_cast<size_t>(std::count(state.begin(), state.end(), kModel)));
  for (size_t i = 0; i < count; ++i) {
    bool from_registry = !registry[i].empty();
    bool outside = i >= repository_files;  // from Bicep's cache, or read for context
    if (state[i] == kOutline && !outside)
      result.outlined.push_back(std::move(found.files[i]));  // the graph has no use for it
    if (state[i] == kModel) {
      docs.push_back(std::move(*models[i]));
      if (from_registry) mark_registry(docs.back(), registry[i]);
    }
    models[i].reset();
  }
  for (const std::string& p : options.parameter_files) {
    std::string normal = normal_path(p);
    for (Document& d : docs)
      if (normal_path(d.path) == normal) d.given_as_parameters = true;
  }
  Graph graph(result.documents);
  result.findings = run_rules(graph, &options.config.options);
  std::unordered_map<std::string_view, uint64_t> read_as;
  for (const Document& d : result.documents) read_as.emplace(d.path, d.text_hash);
  for (Finding& f : result.findings)
    if (f.fix)
      if (auto it = read_as.find(f.fix->path); it != read_as.end()) f.fix->text_hash = it->second;
  if (!result.context.empty()) {
    std::erase_if(result.findings, [&](const Finding& f) { return result.context.count(f.path) > 0; });
    bool one = result.context.size() == 1;
    result.notes.push_back(
        one ? "1 file outside the paths named or excluded, which the files scanned deploy or import from, was read "
              "for context: " +
                  *result.context.begin() + ". Findings in it are not reported."
            : std::to_string(result.context.size()) +
                  " files outside the paths named or excluded, which the files scanned deploy or import from, were "
                  "read for context, first " +
                  *result.context.begin() + ". Findings in them are not reported.");
  }
  // Levels from the configuration; `off` drops the rule's findings.
  std::erase_if(result.findings, [&](Finding& f) {
    auto it = options.config.levels.find(f.rule_id);
    if (it == options.config.levels.end()) return false;
    if (!it->second) return true;
    f.level = *it->second;
    return false;
  });
  if (options.draw_chain) result.chain = build_chain_view(graph, result.findings);
  return result;
}

}  // namespace patless
