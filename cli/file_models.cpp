#include "cli/file_models.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "cli/fix.h"
#include "cli/model_outline.h"
#include "cli/read_file.h"
#include "grammars/ascii.h"
#include "grammars/model_codec.h"
#include "grammars/paths.h"
#include "rules/engine/deployments.h"

namespace patless {
namespace {

// What the scan made of each file: nothing (not lint material, or unreadable), an
// outline (outside the chain: only its path, grammars/read_document.h), a model.
enum FileState : uint8_t { kNone, kOutline, kModel };

// `readers`: the modules whose outputs `d` reads, when `d` is an outline (cli/model_outline.h).
void add_output_sources(const Document& d, const std::set<std::string>* readers, std::unordered_set<std::string>& out) {
  for (std::string& f : readers ? output_sources(d, *readers) : output_sources(d)) out.insert(std::move(f));
  // An ARM template's nested ones deploy their linked templates, whose outputs all count.
  static const std::set<std::string> none;
  for (const Document& n : d.nested) add_output_sources(n, readers ? &none : nullptr, out);
}

// What the scan could read of registry modules and template specs: those read
// from Bicep's cache (what a scan finds depends on what the machine restored) and
// those not restored (what they deploy is unknown). A note for each, once.
std::vector<std::string> registry_module_notes(const HeldModels& held, bool module_cache) {
  size_t restored = 0, unread = 0;
  std::string first_restored, first_unread;
  auto place = [](const Document& d, uint32_t line, const std::string& reference) {
    return d.path + ":" + std::to_string(line) + " ('" + reference + "')";
  };
  // A module, or a .bicepparam's `using`: the reference as written, and whether its template was read.
  auto count = [&](const Document& d, uint32_t line, const std::string& path, const std::string& registry) {
    if (!registry.empty() && path != registry) {
      if (restored++ == 0) first_restored = place(d, line, registry);
    } else if (is_registry_reference(path)) {
      if (unread++ == 0) first_unread = place(d, line, path);
    }
  };
  for (size_t i = 0; i < held.size(); ++i) {
    std::optional<Document> scratch;
    const Document* d = held.get(i, scratch);
    if (!d) continue;
    for (const Module& m : d->modules) count(*d, m.range.start_line, m.path, m.registry);
    if (d->format == Format::BicepParams) count(*d, d->using_range.start_line, d->using_path, d->using_registry);
  }
  auto modules = [](size_t n) { return std::to_string(n) + " module" + (n == 1 ? "" : "s"); };
  std::vector<std::string> notes;
  if (restored)
    notes.push_back(modules(restored) +
                    " read from Bicep's module cache (registry modules and template specs it restored), first " +
                    first_restored + ": findings in them are reported at the module (or the `using`) that names them.");
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

// The local files a document deploys (modules, linked templates, a .bicepparam's
// `using` template and `extends` base) or imports from, and the files and
// directories its kustomizations build or patch with, normalised.
std::vector<std::string> files_used(const Document& d) {
  std::vector<std::string> out = deployed_files(d);
  for (std::string& f : imported_files(d)) out.push_back(std::move(f));
  for (const std::string* f : {&d.using_path, &d.extends_path})
    if (!f->empty() && !is_registry_reference(*f)) out.push_back(beside(d.path, *f));
  for (const K8sObject& o : d.objects)
    for (std::string_view entry : o.kustomize_paths())
      if (!entry.empty()) out.push_back(beside(d.path, entry));
  for (const KustomizePatch& p : d.patches)
    if (!p.file.empty()) out.push_back(beside(d.path, p.file));
  return out;
}

// The kustomization file kustomize reads in a directory, or empty.
std::string kustomization_in(const std::string& directory) {
  for (std::string_view name : kKustomizationFileNames) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::path(directory) / name;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  return {};
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

// A restored template that does not parse (a broken cache entry) is not the
// repository's to fix: a notification, and the modules that name it are
// registry modules patless cannot read again (what they deploy is unknown).
// `registry`: for each file after the repository's, the reference it was restored for.
void forget_broken_restores(const PathList& files, const std::vector<std::string>& registry, size_t repository_files,
                            std::vector<uint8_t>& state, HeldModels& held, std::vector<std::string>& notifications) {
  std::set<std::string> broken;
  for (size_t i = repository_files; i < files.size(); ++i) {
    const std::string& reference = registry[i - repository_files];
    if (reference.empty()) continue;  // read for context (read_outside_paths), not from the cache
    std::optional<Document> scratch;
    const Document* model = held.get(i, scratch);
    bool unread = !model && state[i] != kOutline;  // an outline: a template outside the chain
    bool errors = model && !model->errors.empty();
    if (!unread && !errors) continue;
    std::string path = files[i];
    notifications.push_back(path + ": Bicep's cached template of '" + reference + "' cannot be read" +
                            (errors ? " (" + model->errors.front().message + ")" : std::string()) +
                            "; `bicep restore --force` fetches it again.");
    broken.insert(std::move(path));
    state[i] = kNone;
    held.drop(i);
  }
  if (broken.empty()) return;
  for (size_t i = 0; i < repository_files; ++i)
    held.change(i, [&](Document& d) {
      bool changed = false;
      for (Module& m : d.modules)
        if (!m.registry.empty() && broken.count(m.path)) {
          m.path = m.registry;
          changed = true;
        }
      if (!d.using_registry.empty() && broken.count(d.using_path)) {
        d.using_path = d.using_registry;
        changed = true;
      }
      return changed;
    });
}

// The files todo names, the largest first: a large template started last keeps
// one thread reading it after the others are done (a pre-commit run reads a few
// dozen files, one of them a 3 MB compiled pattern module).
void largest_first(const PathList& files, std::vector<size_t>& todo) {
  std::vector<std::pair<uint64_t, size_t>> sized;
  sized.reserve(todo.size());
  for (size_t i : todo) {
    struct stat st {};
    sized.emplace_back(::stat(files[i].c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0, i);
  }
  std::stable_sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; k < todo.size(); ++k) todo[k] = sized[k].second;
}

// The normal paths of the scan's files and of what was looked at since, without
// a copy of each file's path (a repository's worth): their hashes, sorted, each
// with its file; a path is compared only when its hash matches.
class KnownPaths {
 public:
  explicit KnownPaths(const PathList& files) : files_(files) {
    by_hash_.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) by_hash_.emplace_back(hash(normal_path(files[i])), i);
    std::sort(by_hash_.begin(), by_hash_.end());
  }
  bool count(const std::string& normal) const {
    if (added_.count(normal)) return true;
    const uint64_t h = hash(normal);
    for (auto it = std::lower_bound(by_hash_.begin(), by_hash_.end(), std::pair<uint64_t, size_t>(h, 0));
         it != by_hash_.end() && it->first == h; ++it)
      if (normal_path(files_[it->second]) == normal) return true;
    return false;
  }
  // False when it was known.
  bool insert(const std::string& normal) { return !count(normal) && added_.insert(normal).second; }

 private:
  static uint64_t hash(std::string_view s) { return std::hash<std::string_view>()(s); }
  const PathList& files_;  // those after by_hash_'s are in added_
  std::vector<std::pair<uint64_t, size_t>> by_hash_;
  std::unordered_set<std::string> added_;
};

}  // namespace

FileModels::FileModels(PathList files, const ScanOptions& options, unsigned jobs)
    : options_(options),
      jobs_(jobs),
      files_(std::move(files)),
      repository_files_(files_.size()),
      state_(files_.size(), kNone) {
  held_.resize(files_.size());
  if (options.put_models_aside && !options.draw_chain) {
    spill_ = std::make_shared<Spill>();
    if (spill_->failed()) spill_.reset();  // no temporary file: the models stay in memory
  }
}

void FileModels::read(std::vector<size_t> todo, Detail detail) {
  largest_first(files_, todo);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    std::string bytes, error;
    for (size_t k = next++; k < todo.size(); k = next++) {
      size_t i = todo[k];
      const std::string path = files_[i];
      if (!read_text_file(path, bytes, error, options_.max_file_bytes)) {
        std::lock_guard lock(skipped_mutex_);
        skipped_.emplace_back(i, path + ": " + error);
        continue;
      }
      std::optional<Document> doc = read_document(path, bytes, detail);
      if (!doc) continue;
      state_[i] = doc->outline ? kOutline : kModel;
      if (state_[i] == kModel) doc->text_hash = text_hash(bytes);  // what fixes will be made from
      if (state_[i] == kModel && spill_) {
        std::string encoded;
        encode(*doc, encoded);
        if (std::optional<Spill::Handle> at = spill_->put(encoded)) {
          held_.hold_aside(i, {*at, output_readers(*doc)}, outline_of_model(*doc));
          continue;
        }
      }
      // An outline keeps nothing but its modules' paths, if it has modules.
      if (state_[i] == kModel || !doc->modules.empty())
        held_.hold(i, std::move(*doc));
      else
        held_.drop(i);
    }
  };
  unsigned n = static_cast<unsigned>(std::min<size_t>(jobs_, std::max<size_t>(1, todo.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
}

std::vector<size_t> FileModels::resolve_registry_modules(const std::vector<size_t>& todo) {
  std::vector<size_t> added;
  if (!options_.module_cache) return added;
  // `path` names the cached template from now on, `registry` the reference as written.
  auto restore = [&](size_t i, std::string& path, std::string& registry) {
    std::optional<std::string> cached = bicep_cache_.cached_template(files_[i], path);
    if (!cached) return false;
    auto [at, is_new] = restored_.emplace(*cached, files_.size());
    if (is_new) {
      files_.push_back(*cached);
      registry_.push_back(path);
      added.push_back(at->second);
    }
    registry = std::move(path);
    path = *cached;
    return true;
  };
  for (size_t i : todo)
    held_.change(i, [&](Document& d) {
      bool changed = false;
      if (d.format == Format::Bicep)
        for (Module& m : d.modules) changed = restore(i, m.path, m.registry) || changed;
      else if (d.format == Format::BicepParams)
        changed = restore(i, d.using_path, d.using_registry);
      return changed;
    });
  return added;
}

void FileModels::read_restored(const std::vector<size_t>& added) {
  if (added.empty()) return;
  held_.resize(files_.size());
  state_.resize(files_.size(), kNone);
  read(added, Detail::ChainOnly);
}

void FileModels::read_listed(bool templates_whole) {
  std::vector<size_t> everything(files_.size());
  for (size_t i = 0; i < everything.size(); ++i) everything[i] = i;
  if (!templates_whole) {
    read(everything, Detail::ChainOnly);
  } else {
    std::vector<size_t> templates, yaml;
    for (size_t i : everything) (file_kind(files_[i]) == FileKind::Yaml ? yaml : templates).push_back(i);
    read(templates, Detail::Whole);
    read(yaml, Detail::ChainOnly);
  }
  read_restored(resolve_registry_modules(everything));
}

void FileModels::read_outside_paths(ScanResult& result) {
  std::optional<KnownPaths> known;  // made when the first file names something
  std::vector<size_t> todo(repository_files_);
  for (size_t i = 0; i < todo.size(); ++i) todo[i] = i;
  for (int depth = 0; depth < kMaxModuleDepth && !todo.empty(); ++depth) {
    std::vector<size_t> added;
    for (size_t i : todo) {
      std::optional<Document> scratch;
      const Document* model = held_.get(i, scratch);
      if (!model) continue;
      for (std::string& target : files_used(*model)) {
        if (!known) known.emplace(files_);
        if (known->count(target)) continue;
        std::error_code ec;
        std::vector<std::string> files;
        if (std::filesystem::is_regular_file(target, ec)) {
          files.push_back(std::move(target));
        } else {
          known->insert(target);  // a directory, or nothing there: looked at once, however many files name it
          if (std::filesystem::is_directory(target, ec)) {
            // A directory a kustomization builds is the kustomization in it, as kustomize
            // reads it; what that one builds is read in the next round. Not the files
            // below it: `../..` from a file in /tmp would be the whole file system.
            if (std::string k = kustomization_in(target); !k.empty()) files.push_back(std::move(k));
          } else if (std::string name = other_case_of(target); !name.empty() && other_case_++ == 0)
            first_other_case_ = files_[i] + " names " + target + ", which is not there; " + name + " is";
        }
        for (std::string& f : files) {
          f = normal_path(f);
          if (!known->insert(f)) continue;
          added.push_back(files_.size());
          result.context.insert(f);
          files_.push_back(std::move(f));
          registry_.emplace_back();
        }
      }
    }
    read_restored(added);
    std::vector<size_t> restored_now = resolve_registry_modules(added);
    read_restored(restored_now);
    todo = std::move(added);
    todo.insert(todo.end(), restored_now.begin(), restored_now.end());
  }
}

// - up: a Bicep file of modules that deploys a file of the chain passes it parameters;
// - down: a template that a file read whole deploys feeds it through the outputs it reads.
// Deployments deeper than kMaxModuleDepth are not followed, so neither are these rounds.
void FileModels::read_back_outlines() {
  size_t count = files_.size();
  std::vector<uint8_t> in_chain(count), sources_known(count);  // read whole for what it is or deploys
  for (size_t i = 0; i < count; ++i) in_chain[i] = state_[i] == kModel;
  std::unordered_set<std::string> read_back;  // what the files read whole take outputs from
  for (int round = 0; round <= 2 * kMaxModuleDepth; ++round) {
    std::unordered_set<std::string> chain_paths;
    for (size_t i = 0; i < count; ++i) {
      if (in_chain[i]) chain_paths.insert(normal_path(files_[i]));
      if (state_[i] == kModel && !sources_known[i]) {
        std::optional<Document> scratch;
        const HeldModels::Aside* aside = held_.aside(i);
        add_output_sources(*held_.get(i, scratch), aside ? &aside->output_readers : nullptr, read_back);
        sources_known[i] = 1;
      }
    }
    std::vector<size_t> again;
    for (size_t i = 0; i < count; ++i) {
      if (state_[i] != kOutline) continue;
      bool up = false;
      std::optional<Document> scratch;
      if (const Document* outline = held_.get(i, scratch))
        for (const std::string& f : deployed_files(*outline)) up = up || chain_paths.count(f) > 0;
      if (up) in_chain[i] = 1;
      if (up || read_back.count(normal_path(files_[i]))) again.push_back(i);
    }
    if (again.empty()) break;
    read(again, Detail::Whole);
    // Read again from the file, the references are as written: resolved again (none is new,
    // as an outline keeps its modules' paths, but a new one would be read like the others).
    read_restored(resolve_registry_modules(again));
    count = files_.size();
    in_chain.resize(count);
    for (size_t i = sources_known.size(); i < count; ++i) in_chain[i] = state_[i] == kModel;
    sources_known.resize(count);
  }
}

void FileModels::move_into(ScanResult& result) {
  // A file that could not be read was not linted; registry modules are not the repository's.
  // In the order of the files, not of the threads; once each.
  std::stable_sort(skipped_.begin(), skipped_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  skipped_.erase(
      std::unique(skipped_.begin(), skipped_.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
      skipped_.end());
  result.files_considered =
      repository_files_ - static_cast<size_t>(std::count_if(skipped_.begin(), skipped_.end(), [&](const auto& s) {
        return s.first < repository_files_;
      }));
  for (auto& s : skipped_) result.notifications.push_back(std::move(s.second));
  forget_broken_restores(files_, registry_, repository_files_, state_, held_, result.notifications);
  // Counted before outlines go: a Bicep file of modules may be one.
  for (std::string& note : registry_module_notes(held_, options_.module_cache)) result.notes.push_back(std::move(note));
  if (other_case_ > 0)
    result.notes.push_back(
        (other_case_ == 1 ? first_other_case_
                          : std::to_string(other_case_) +
                                " files named by the files scanned are not "
                                "there but in other letter case, first: " +
                                first_other_case_) +
        ". Windows and macOS take one for the other; on Linux, where CI and Flux run, Bicep and kustomize do not "
        "find it. What it would deploy or build is unknown.");
  auto listed = [&](const std::string& path) {
    return options_.list_outlined || options_.outlined_names.count(std::filesystem::path(path).filename().string());
  };
  // A parameter file named on the command line deploys every template of its format.
  std::set<std::string> given;
  for (const std::string& p : options_.parameter_files) given.insert(normal_path(p));
  result.spill = spill_;
  const auto models = static_cast<size_t>(std::count(state_.begin(), state_.end(), kModel));
  spill_ ? result.outlines.reserve(models) : result.documents.reserve(models);
  for (size_t i = 0; i < files_.size(); ++i) {
    bool outside = i >= repository_files_;  // from Bicep's cache, or read for context
    const std::string path = files_[i];
    if (state_[i] == kOutline && !outside && listed(path)) result.outlined.push_back(path);  // not the graph's
    if (state_[i] != kModel) {
      held_.drop(i);
      continue;
    }
    const std::string* registry =
        outside && !registry_[i - repository_files_].empty() ? &registry_[i - repository_files_] : nullptr;
    const bool parameters = !given.empty() && given.count(normal_path(path));
    if (registry || parameters)
      held_.change(i, [&](Document& d) {
        if (registry) mark_registry(d, *registry);
        if (parameters) d.given_as_parameters = true;
        return true;
      });
    if (!spill_) {
      if (std::optional<Document> model = held_.take(i)) result.documents.push_back(std::move(*model));
    } else if (const HeldModels::Aside* aside = held_.aside(i)) {
      result.spilled.push_back(aside->at);
      result.outlines.push_back(held_.take_outline(i));
    } else if (std::optional<Document> model = held_.take(i)) {
      // Not put aside (the temporary file refused it): the outline is the model.
      result.spilled.push_back(std::nullopt);
      std::string& bytes = result.outlines.emplace_back();
      encode(*model, bytes);
      bytes.shrink_to_fit();
    }
  }
}

}  // namespace patless
