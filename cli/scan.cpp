#include "cli/scan.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "cli/context.h"
#include "cli/cpu_count.h"
#include "cli/discover.h"
#include "cli/file_models.h"
#include "cli/fix.h"
#include "cli/model_outline.h"
#include "cli/selection_cache.h"
#include "grammars/model_codec.h"
#include "grammars/paths.h"
#include "grammars/read_document.h"
#include "rules/engine/graph.h"
#include "rules/engine/parts.h"
#include "rules/engine/run_rules.h"

namespace patless {

namespace {

// What the configuration excludes: globs relative to its directory (`--config
// .patless.yaml`: the current one).
class Exclusions {
 public:
  explicit Exclusions(const Config& config) : globs_(config.exclude) {
    std::filesystem::path base = std::filesystem::path(config.path).parent_path();
    if (base.empty()) base = ".";
    std::error_code ec;
    base_ = std::filesystem::absolute(base, ec).lexically_normal();
  }
  bool operator()(const std::string& file) const {
    if (globs_.empty()) return false;
    std::error_code ec;
    std::string rel = std::filesystem::absolute(file, ec).lexically_normal().lexically_relative(base_).string();
    return std::any_of(globs_.begin(), globs_.end(), [&](const std::string& g) { return glob_match(g, rel); });
  }

 private:
  const std::vector<std::string>& globs_;
  std::filesystem::path base_;
};

// The files to read: those under the paths, with the files named, less patless's
// configuration and what the configuration excludes, with the parameter files
// given; with files named inside a repository, only those that can change their
// findings (cli/context.h), and `chain` says whether those reach the chain.
PathList files_to_read(const ScanOptions& options, unsigned jobs, ScanResult& result, bool& chain) {
  Discovery found = discover(options.paths, jobs);
  result.missing_paths = std::move(found.missing);
  for (auto& s : found.skipped) result.notifications.push_back(std::move(s));
  // A file named is read even where discovery does not look (build/, out/,
  // node_modules/); one patless does not read is said to be skipped, as outside
  // a repository.
  std::set<std::string_view> unlisted;  // named and not found: one pass over the list, however many are named
  for (const std::string& f : options.focus)
    if (file_kind(f) == FileKind::Other)
      result.notifications.push_back(f + ": " + kNotLintableName);
    else
      unlisted.insert(f);
  if (!unlisted.empty()) found.files.for_each([&](const std::string& f) { unlisted.erase(f); });
  for (const std::string& f : options.focus)
    if (unlisted.erase(f)) found.files.push_back(f);
  // patless's own configuration is not infrastructure code, named or not.
  found.files =
      found.files.filtered([](const std::string& f) { return f != ".patless.yaml" && !f.ends_with("/.patless.yaml"); });
  if (!options.config.exclude.empty()) {
    // Excluded paths are not linted, named or not (a pre-commit hook names them
    // when they are staged).
    const Exclusions excluded(options.config);
    found.files = found.files.filtered([&](const std::string& f) {
      if (!excluded(f)) return true;
      if (std::find(options.focus.begin(), options.focus.end(), f) != options.focus.end())
        result.notifications.push_back(f + ": excluded by " +
                                       std::filesystem::path(options.config.path).lexically_normal().string());
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
    found.files.for_each([&](const std::string& f) { listed = listed || normal_path(f) == normal; });
    if (!listed) found.files.push_back(p);
  }
  if (options.focus.empty()) return std::move(found.files);
  // A parameter file given is named as much as the files are: the selection keeps it.
  std::vector<std::string> named = options.focus;
  named.insert(named.end(), options.parameter_files.begin(), options.parameter_files.end());
  const std::vector<std::string> files = found.files.strings();
  if (options.selection_cache.empty()) return PathList(context_files(files, named, jobs, nullptr, &chain));
  std::error_code ec;
  SelectionCache cache = SelectionCache::load(options.selection_cache, std::filesystem::current_path(ec).string());
  PathList kept(context_files(files, named, jobs, &cache, &chain));
  std::string error;
  cache.save(error);  // without it, the next run reads the repository again: nothing else is lost
  return kept;
}

// A finding in a file read for context is reported when a file scanned takes part
// in it (related_place_in), as in a pre-commit run (cli/app.cpp); what the
// configuration excludes is never reported. A note names the files.
void report_context(const ScanOptions& options, ScanResult& result) {
  if (result.context.empty()) return;
  std::set<std::string> from_registry;
  result.each_document([&](const Document& d) {
    if (!d.registry.empty()) from_registry.insert(d.path);
  });
  auto scanned = [&](const std::string& path) { return !result.context.count(path) && !from_registry.count(path); };
  const Exclusions excluded(options.config);
  std::erase_if(result.findings, [&](Finding& f) {
    if (!result.context.count(f.path)) return false;
    if (excluded(f.path)) return true;
    if (!related_place_in(f, scanned)) return true;
    f.fix.reset();  // fixes stay within the files scanned
    return false;
  });
  bool one = result.context.size() == 1;
  std::string unless = options.config.exclude.empty()
                           ? ""
                           : ", unless the configuration excludes " + std::string(one ? "it" : "the file");
  result.notes.push_back(
      one ? "1 file outside the paths named or excluded, which the files scanned deploy or import from, was read "
            "for context: " +
                *result.context.begin() + ". Its findings are reported only where a file scanned takes part in them" +
                unless + "."
          : std::to_string(result.context.size()) +
                " files outside the paths named or excluded, which the files scanned deploy or import from, were "
                "read for context, first " +
                *result.context.begin() + ". Their findings are reported only where a file scanned takes part in them" +
                unless + ".");
}

// The findings of the documents' models, put aside (ScanOptions::put_models_aside):
// part by part, each part's models decoded in turn.
std::vector<Finding> lint_by_part(ScanResult& result, const RuleOptions* options) {
  std::set<size_t> unreadable;  // said once, however often the parts load it
  const LoadDocuments load = [&](const std::vector<size_t>& indices) {
    std::vector<Document> out;
    out.reserve(indices.size());
    for (size_t i : indices) {
      const Document outline = decode_document(result.outlines[i]).value_or(Document());
      std::optional<Document> model;
      if (!result.spilled[i]) {
        model = copy_of(outline);  // not put aside: the outline is the model
      } else if (std::optional<std::string> bytes = result.spill->get(*result.spilled[i])) {
        model = decode_document(*bytes);
      }
      if (!model) {
        // The temporary file failed it (a disk error): nothing of it is linted, rather than its outline,
        // whose resources have no properties.
        if (unreadable.insert(i).second)
          result.notifications.push_back(outline.path + ": its model could not be read back from the temporary file");
        model.emplace();
        model->path = outline.path;
        model->format = outline.format;
      }
      restore_outline(*model, outline);
      out.push_back(std::move(*model));
    }
    return out;
  };
  const LinkSource links(result.outlines.size(), [&](size_t i) {
    return decode_document(result.outlines[i]).value_or(Document());  // this scan's own bytes: they decode
  });
  return run_rules_by_part(lint_parts(links, load), load, options);
}

}  // namespace

void ScanResult::each_document(const std::function<void(const Document&)>& read) const {
  for (const Document& d : documents) read(d);
  for (const std::string& bytes : outlines)
    if (std::optional<Document> outline = decode_document(bytes)) read(*outline);
}

ScanResult scan(const ScanOptions& options) {
  ScanResult result;
  const unsigned jobs = options.jobs ? options.jobs : available_cpus();
  bool chain = false;  // a pre-commit run that reaches it reads its templates whole at once
  {                    // its tables have a row per file of the repository: gone before the graph is built
    FileModels files(files_to_read(options, jobs, result, chain), options, jobs);
    files.read_listed(/*templates_whole=*/chain);
    files.read_outside_paths(result);
    files.read_back_outlines();
    files.move_into(result);
  }
  std::optional<Graph> graph;  // of all the documents at once, when the models are in memory
  if (result.spill) {
    result.findings = lint_by_part(result, &options.config.options);
  } else {
    graph.emplace(result.documents);
    result.findings = run_rules(*graph, &options.config.options);
  }
  // What each fix was made from: applied only to a file that still has it.
  std::unordered_map<std::string_view, std::vector<Finding*>> fixes;
  for (Finding& f : result.findings)
    if (f.fix) fixes[f.fix->path].push_back(&f);
  if (!fixes.empty())
    result.each_document([&](const Document& d) {
      if (auto it = fixes.find(d.path); it != fixes.end()) {
        for (Finding* f : it->second) f->fix->text_hash = d.text_hash;
        fixes.erase(it);  // a path's first document tells
      }
    });
  report_context(options, result);
  // Levels from the configuration; `off` drops the rule's findings.
  std::erase_if(result.findings, [&](Finding& f) {
    auto it = options.config.levels.find(f.rule_id);
    if (it == options.config.levels.end()) return false;
    if (!it->second) return true;
    f.level = *it->second;
    return false;
  });
  if (options.draw_chain && graph) result.chain = build_chain_view(*graph, result.findings);
  return result;
}

}  // namespace patless
