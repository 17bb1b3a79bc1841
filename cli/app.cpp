#include "cli/app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "cli/atomic_write.h"
#include "cli/baseline.h"
#include "cli/fix.h"
#include "cli/git.h"
#include "cli/named_files.h"
#include "cli/reports.h"
#include "cli/scan.h"
#include "grammars/read_document.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string config;
  bool fail_level_given = false;
  bool fix = false, diff = false;
  std::string root;
  std::string baseline;
  double max_file_mib = 0;  // 0: the default limit
  std::vector<std::string> parameter_files;
  std::string format = "text";
  std::string output;
  std::vector<std::string> reports;  // --report FORMAT:FILE
  std::string fail_level = "error";
  unsigned jobs = 0;
  bool no_module_cache = false;
  bool no_cache = false;
};

// Where a run with files named keeps, for the next one, what it took from the
// repository's files (cli/selection_cache.h): PATLESS_CACHE_DIR, else
// .patless_cache at the top of the repository, as ruff and pytest keep theirs.
std::string selection_cache_directory(const CheckOptions& o, const std::optional<NamedFiles>& named) {
  if (!named || o.no_cache) return {};
  if (const char* dir = std::getenv("PATLESS_CACHE_DIR"); dir && *dir) return dir;
  return (named->root() / ".patless_cache").string();
}

// The formats of `check`'s report, for --format and --report.
const std::vector<std::string> kFormats = {"text", "sarif", "json", "junit", "azure", "github"};

// --report FORMAT:FILE, split at the first colon (a file's name may hold more).
struct ExtraReport {
  std::string format, file;
};
ExtraReport split_report(const std::string& r) {
  size_t colon = r.find(':');
  if (colon == std::string::npos) return {r, ""};
  return {r.substr(0, colon), r.substr(colon + 1)};
}

// The configuration: --config; with files named, the repository's .patless.yaml;
// else the one of the directory scanned (or of the current one), or above it in
// its repository.
bool load_configuration(const CheckOptions& o, const std::optional<std::filesystem::path>& context,
                        ScanOptions& scan_options, std::ostream& err) {
  std::string config_path = o.config;
  if (config_path.empty()) {
    std::error_code ec;
    if (context) {
      std::filesystem::path candidate = *context / ".patless.yaml";
      if (std::filesystem::is_regular_file(candidate, ec)) config_path = candidate.string();
    } else {
      config_path = find_config(o.paths.size() == 1 && std::filesystem::is_directory(o.paths[0], ec)
                                    ? std::filesystem::path(o.paths[0])
                                    : std::filesystem::path("."));
    }
  }
  if (config_path.empty()) return true;
  std::string error;
  auto config = load_config(config_path, error);
  if (!config) {
    err << "patless: " << error << "\n";
    return false;
  }
  scan_options.config = std::move(*config);
  return true;
}

// Writes a report to --output atomically, or to stdout, as `write` renders it:
// not held whole first.
int emit(const std::function<void(std::ostream&)>& write, const std::string& output, std::ostream& out,
         std::ostream& err) {
  if (output.empty()) {
    write(out);
    out << std::flush;
    return 0;
  }
  std::string error;
  if (!write_file_atomically(output, write, error)) {
    err << "patless: " << error << "\n";
    return 2;
  }
  return 0;
}

// A report never replaces a file the scan read (`-o main.bicep` typed for
// `-o main.sarif`): says which, before anything is written. Only the files of
// the target's name are resolved: a scan reads thousands.
bool report_replaces_input(const CheckOptions& o, const ScanResult& result, std::ostream& err) {
  namespace fs = std::filesystem;
  std::vector<std::string> targets;
  if (!o.output.empty()) targets.push_back(o.output);
  for (const std::string& r : o.reports) targets.push_back(split_report(r).file);
  for (const std::string& t : targets) {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(t, ec);
    auto same = [&](const std::string& f) {
      return fs::path(f).filename() == target.filename() && fs::weakly_canonical(f, ec) == target;
    };
    bool read = false;
    result.each_document([&](const Document& d) { read = read || same(d.path); });
    read = read || std::any_of(result.outlined.begin(), result.outlined.end(), same) ||
           std::any_of(result.context.begin(), result.context.end(), same);
    if (!read) continue;
    err << "patless: " << t << " is a file this scan read: the report would replace it; write it elsewhere\n";
    return true;
  }
  return false;
}

// Files named from two repositories, or outside --root, are not checked
// together: their clusters and identities would mix (one cluster name in both
// makes either ambiguous), and each is read around its own repository.
bool in_one_repository(const std::optional<NamedFiles>& named, std::ostream& err) {
  if (!named || named->outside().empty()) return true;
  std::error_code ec;
  err << "patless: " << named->outside().front() << " is not in "
      << std::filesystem::weakly_canonical(named->root(), ec).string()
      << ", the repository read around the files named (the first one's, or --root): run patless once per "
         "repository\n";
  return false;
}

// The result of the last check: its memory is left for the end of the process,
// when the kernel takes it back at once. Freeing the models node by node took
// 12 ms of a whole bicep-registry-modules run (1.5 %), and 1-2 ms of a pre-commit
// one. Reachable from here, it is not a leak to LeakSanitizer.
ScanResult* left_to_exit = nullptr;

int run_check(const CheckOptions& o, const std::vector<std::string>& command_line, std::ostream& out,
              std::ostream& err) {
  ScanOptions scan_options;
  if (!o.paths.empty()) scan_options.paths = o.paths;
  // Named files inside a repository: report on them, read the repository for context.
  const std::optional<NamedFiles> named = NamedFiles::focus(o.paths, o.root, scan_options);
  if (!in_one_repository(named, err)) return 2;
  const std::optional<std::filesystem::path> context = named ? std::optional(named->root()) : std::nullopt;
  scan_options.jobs = o.jobs;
  scan_options.module_cache = !o.no_module_cache;
  scan_options.selection_cache = selection_cache_directory(o, named);
  if (o.max_file_mib > 0) scan_options.max_file_bytes = static_cast<size_t>(o.max_file_mib * 1024 * 1024);
  scan_options.parameter_files = o.parameter_files;
  // A whole repository's models are put aside; a pre-commit run reads only what its
  // selection kept, and decoding them again would cost it milliseconds for nothing.
  scan_options.put_models_aside = !named;
  // The paths of files outside the chain: for a JUnit report, and to tell that a report would replace one.
  scan_options.list_outlined = o.format == "junit";
  auto report_to = [&](const std::string& file) {  // its name, and that of what it links to (report_replaces_input)
    if (file.empty()) return;
    std::error_code ec;
    scan_options.outlined_names.insert(std::filesystem::path(file).filename().string());
    scan_options.outlined_names.insert(std::filesystem::weakly_canonical(file, ec).filename().string());
  };
  report_to(o.output);
  for (const std::string& r : o.reports) {
    ExtraReport report = split_report(r);
    scan_options.list_outlined = scan_options.list_outlined || report.format == "junit";
    report_to(report.file);
  }
  if (!load_configuration(o, context, scan_options, err)) return 2;
  delete std::exchange(left_to_exit, new ScanResult(scan(scan_options)));
  ScanResult& result = *left_to_exit;
  if (!result.missing_paths.empty()) {
    for (const auto& p : result.missing_paths) err << "patless: no such file or directory: " << p << "\n";
    return 2;
  }
  // The findings the named files take part in: in them, or in another file with
  // a related place in them (related_place_in: a cluster a named file puts Flux
  // on, a template a named parameter file deploys). Fixes stay within the files named.
  auto keep_named = [&](ScanResult& r) {
    if (!named) return;
    std::erase_if(r.findings, [&](Finding& f) {
      const std::string* as_named = named->as_named(f.path);
      if (!as_named && !related_place_in(f, [&](const std::string& path) { return named->named(path); })) return true;
      f.path = as_named ? *as_named : named->display(f.path);
      if (f.fix && as_named)
        f.fix->path = f.path;
      else
        f.fix.reset();
      for (RelatedLocation& related : f.related) related.path = named->display(related.path);
      return false;
    });
    r.notes.clear();  // about the repository, not the files named
    // A file named and skipped ("<path>: why"), as named, and not counted as linted.
    std::set<std::string> skipped;
    for (std::string& n : r.notifications)
      if (size_t colon = n.find(": "); colon != std::string::npos)
        if (const std::string* as_named = named->as_named(n.substr(0, colon))) {
          skipped.insert(*as_named);
          n = *as_named + n.substr(colon);
        }
    r.files_considered = named->size() - skipped.size();
  };
  keep_named(result);
  if (report_replaces_input(o, result, err)) return 2;
  if (o.fix || o.diff) {
    std::vector<std::string> errors;
    std::vector<FileFix> fixes = plan_fixes(result.findings, errors);
    for (const auto& e : errors) err << "patless: cannot fix " << e << "\n";
    if (o.diff) {  // the changes, not the report
      bool refused = false;
      for (const FileFix& f : fixes) {
        if (f.encoding != TextEncoding::Utf8) {  // git and patch take UTF-16 for binary: a UTF-8 diff would not apply
          err << "patless: cannot show the fixes of " << f.path << " as a diff: it is " << encoding_name(f.encoding)
              << " text (--fix applies them)\n";
          refused = true;
          continue;
        }
        write_unified_diff(out, f);
      }
      return !errors.empty() || refused ? 2 : fixes.empty() ? 0 : 1;
    }
    size_t fixed = 0;
    for (const FileFix& f : fixes) {
      std::string error;
      if (!write_file_atomically(f.path, encode_from_utf8(f.fixed, f.encoding), error)) {
        err << "patless: " << error << "\n";
        return 2;
      }
      fixed += f.fixes;
    }
    if (!fixes.empty()) {
      err << "patless: fixed " << fixed << " finding" << (fixed == 1 ? "" : "s") << " in " << fixes.size() << " file"
          << (fixes.size() == 1 ? "" : "s") << "\n";
      result = scan(scan_options);  // report what is left
      keep_named(result);
    }
  }

  // Where the reports place files and what fingerprints hash: the repository around the working directory.
  const RepositoryPaths paths = RepositoryPaths::here();
  if (!o.baseline.empty()) {
    std::string error;
    auto baseline = load_baseline(o.baseline, error);
    if (!baseline) {
      err << "patless: " << error << "\n";
      return 2;
    }
    result.absent = compare_with_baseline(*baseline, result.findings, paths);
  }

  auto render = [&](std::ostream& report, const std::string& format, bool terminal) {
    if (format == "sarif") {
      write_sarif(report, result, SarifContext{command_line, paths});
    } else if (format == "json") {
      write_json(report, result, paths);
    } else if (format == "junit") {
      write_junit(report, result);
    } else if (format == "azure") {
      write_azure_annotations(report, result, paths);
    } else if (format == "github") {
      write_github_annotations(report, result, paths);
    } else {
      TextStyle style;
      style.color = terminal && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
      write_text(report, result, style);
    }
  };
  auto emit_report = [&](const std::string& format, const std::string& file) {
    return emit([&](std::ostream& report) { render(report, format, file.empty()); }, file, out, err);
  };
  // The other reports of the same scan (a pipeline publishes SARIF and JUnit and
  // shows the findings in its log: one scan, not three).
  for (const std::string& r : o.reports) {
    ExtraReport report = split_report(r);
    if (emit_report(report.format, report.file) != 0) return 2;
  }
  if (emit_report(o.format, o.output) != 0) return 2;

  Level fail = *parse_level(o.fail_level);
  if (!o.fail_level_given && scan_options.config.fail_level) fail = *scan_options.config.fail_level;
  if (fail == Level::None) return 0;
  for (const Finding& f : result.findings)
    if (f.level >= fail && !f.suppressed && f.baseline != "unchanged") return 1;
  return 0;
}

// `patless graph`: the identity chain of the paths, as the rules see it.
int run_graph(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  ScanOptions scan_options;
  if (!o.paths.empty()) scan_options.paths = o.paths;
  // Named files inside a repository: the parts of the chain they are in, as `check FILE` reads them.
  const std::optional<NamedFiles> named = NamedFiles::focus(o.paths, o.root, scan_options);
  if (!in_one_repository(named, err)) return 2;
  scan_options.jobs = o.jobs;
  scan_options.module_cache = !o.no_module_cache;
  scan_options.selection_cache = selection_cache_directory(o, named);
  scan_options.parameter_files = o.parameter_files;
  scan_options.draw_chain = true;
  if (!load_configuration(o, named ? std::optional(named->root()) : std::nullopt, scan_options, err)) return 2;
  ScanResult result = scan(scan_options);
  if (!result.missing_paths.empty()) {
    for (const auto& p : result.missing_paths) err << "patless: no such file or directory: " << p << "\n";
    return 2;
  }
  if (named) {
    // The trees of what the files declare, or deploy (a module, a parameter file).
    *result.chain = trees_holding(*result.chain, [&](const ChainNode& n) {
      return named->named(n.path) || std::any_of(n.deployed_from.begin(), n.deployed_from.end(),
                                                 [&](const std::string& f) { return named->named(f); });
    });
    for (ChainNode& n : result.chain->nodes)
      if (!n.path.empty()) n.path = named->display(n.path);
  }
  std::string format = o.format;
  if (format.empty()) format = o.output.empty() && ::isatty(STDOUT_FILENO) ? "text" : "mermaid";
  // GitHub and Azure DevOps render Mermaid with its defaults, which stop at 500 links.
  if (format == "mermaid" && result.chain->edges.size() > 500)
    err << "patless: the graph has " << result.chain->edges.size()
        << " links, more than the 500 Mermaid draws by default: name fewer paths, or use --format dot\n";
  return emit([&](std::ostream& report) { write_graph(report, *result.chain, format); }, o.output, out, err);
}

// A plain git pre-commit hook for teams without the pre-commit framework: this
// binary, on the staged files that patless reads (names with spaces included).
// It goes where git runs hooks from: core.hooksPath when set, else the hooks of
// the repository, which its worktrees share (their `.git` is a file).
int install_hook(bool force, std::ostream& out, std::ostream& err) {
  if (git_top_level_of_directory(".").empty()) {
    err << "patless: not inside a git repository\n";
    return 2;
  }
  std::optional<std::string> hooks = git_output(".", {"rev-parse", "--path-format=absolute", "--git-path", "hooks"});
  if (!hooks || hooks->empty()) {  // a checkout another user owns, say: git said why
    err << "patless: git did not say where this repository's hooks are\n";
    return 2;
  }
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string binary = ec ? std::string("patless") : self.string();
  std::filesystem::path hook = std::filesystem::path(*hooks) / "pre-commit";
  if (!force && std::filesystem::exists(hook, ec)) {
    err << "patless: " << hook.string() << " exists (use --force to replace it)\n";
    return 2;
  }
  std::string script =
      "#!/bin/sh\n"
      "# Installed by `patless install-hook`: lints the staged Bicep, ARM and Flux YAML files.\n"
      "git diff --cached --name-only -z --diff-filter=ACMR |\n"
      "  grep -zE '" +
      std::string(kReadNamePattern) +
      "' |\n"
      "  xargs -0 -r " +
      shell_quoted(binary) + " check\n";
  std::string error;
  std::filesystem::create_directories(hook.parent_path(), ec);
  if (!write_file_atomically(hook.string(), script, error, Links::Replace)) {
    err << "patless: " << error << "\n";
    return 2;
  }
  std::filesystem::permissions(hook, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                         std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                         std::filesystem::perms::others_exec, ec);
  out << "Installed " << hook.string() << "\n";
  return 0;
}

void list_rules(std::ostream& out) {
  out << "ID     NAME                              LEVEL    FORMATS  SUMMARY\n";
  for (const Rule* r : all_rules()) {
    const RuleMeta& m = r->meta();
    std::string name(m.name), level(level_name(m.level)), formats(m.formats);
    out << m.id << "  " << name << std::string(name.size() < 34 ? 34 - name.size() : 1, ' ') << level
        << std::string(9 - level.size(), ' ') << formats << std::string(formats.size() < 9 ? 9 - formats.size() : 1, ' ')
        << m.summary << "\n";
  }
}

}  // namespace

int run_app(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"patless: lints Bicep, ARM and Flux YAML for PAT-less Flux on AKS (Azure workload identity)",
               "patless"};
  app.require_subcommand(1);
  app.set_version_flag("--version", PATLESS_VERSION);

  CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Lint files and directories (default: .)");
  check_cmd->add_option("paths", check.paths,
                        "Files or directories to lint. Files inside a git repository (or --root): the findings they "
                        "take part in, with the repository read around them");
  check_cmd->add_option("--params", check.parameter_files,
                        "Parameter file to deploy the templates with (.bicepparam or ARM parameters JSON); repeatable");
  check_cmd
      ->add_option("-f,--format", check.format,
                   "Output format (azure, github: the logging commands of Azure Pipelines and GitHub Actions)")
      ->check(CLI::IsMember(kFormats))
      ->capture_default_str();
  check_cmd->add_option("-o,--output", check.output, "Write the report to this file (atomically) instead of stdout");
  check_cmd
      ->add_option("--report", check.reports,
                   "FORMAT:FILE, also write the report in FORMAT to FILE (atomically), from the same scan; repeatable")
      ->check([](const std::string& r) -> std::string {
        ExtraReport report = split_report(r);
        if (!report.file.empty() && std::find(kFormats.begin(), kFormats.end(), report.format) != kFormats.end())
          return "";
        std::string formats;
        for (const std::string& f : kFormats) formats += (formats.empty() ? "" : ", ") + f;
        return "expected FORMAT:FILE, FORMAT one of " + formats;
      });
  check_cmd->add_option("--fail-level", check.fail_level, "Lowest level that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->capture_default_str();
  check_cmd
      ->add_option("-j,--jobs", check.jobs,
                   "Files read in parallel (default: one per CPU available; taskset and container CPU limits count)")
      ->check(CLI::Range(1u, 1024u));
  check_cmd->add_option(
      "--config", check.config,
      "Configuration file (default: .patless.yaml of the scanned root, or above it in its repository)");
  check_cmd->add_option("--root", check.root,
                        "With files named: the repository to read around them (default: their git top level)");
  check_cmd->add_option("--max-file-size", check.max_file_mib,
                        "Skip files larger than this many MiB, with a notification (default 32)")
      ->check(CLI::PositiveNumber);
  check_cmd->add_option("--baseline", check.baseline,
                        "A SARIF log of an earlier run: findings in it are 'unchanged' and do not fail the run");
  check_cmd->add_flag("--no-module-cache", check.no_module_cache,
                      "Do not read registry modules and template specs from Bicep's module cache: they stay unknown");
  check_cmd->add_flag("--no-cache", check.no_cache,
                      "With files named: read every file of the repository again, and keep nothing for the next run "
                      "(kept in .patless_cache, or PATLESS_CACHE_DIR)");
  check_cmd->add_flag("--fix", check.fix, "Apply the fixes rules offer, in place, then report what is left");
  check_cmd->add_flag("--diff", check.diff, "Print the fixes as a unified diff instead of the report")
      ->excludes(check_cmd->get_option("--fix"));

  CheckOptions graph;
  graph.format.clear();  // text on a terminal, else Mermaid
  auto* graph_cmd = app.add_subcommand(
      "graph", "Draw the identity chain: clusters, Flux, identities, credentials, and where it breaks");
  graph_cmd->add_option("paths", graph.paths, "Files or directories to read (default: .)");
  graph_cmd->add_option("-f,--format", graph.format, "text (an indented tree; the default on a terminal), "
                        "mermaid (the default otherwise) or dot (Graphviz)")
      ->check(CLI::IsMember({"text", "mermaid", "dot"}));
  graph_cmd->add_option("-o,--output", graph.output, "Write the picture to this file (atomically) instead of stdout");
  graph_cmd->add_option("--params", graph.parameter_files, "Parameter file to deploy the templates with; repeatable");
  graph_cmd->add_flag("--no-module-cache", graph.no_module_cache,
                      "Do not read registry modules and template specs from Bicep's module cache");
  graph_cmd->add_flag("--no-cache", graph.no_cache,
                      "With files named: read every file of the repository again, and keep nothing for the next run");
  graph_cmd->add_option(
      "--config", graph.config,
      "Configuration file (default: .patless.yaml of the scanned root, or above it in its repository)");
  graph_cmd
      ->add_option("-j,--jobs", graph.jobs,
                   "Files read in parallel (default: one per CPU available; taskset and container CPU limits count)")
      ->check(CLI::Range(1u, 1024u));
  graph_cmd->add_option("--root", graph.root,
                        "With files named: the repository to read around them (default: their git top level)");

  bool hook_force = false;
  auto* hook_cmd = app.add_subcommand("install-hook", "Install a git pre-commit hook that runs patless on staged files");
  hook_cmd->add_flag("--force", hook_force, "Overwrite an existing pre-commit hook");

  bool force = false;
  auto* init_cmd = app.add_subcommand("init", "Write a commented starter .patless.yaml here");
  init_cmd->add_flag("--force", force, "Overwrite an existing .patless.yaml");

  auto* rules_cmd = app.add_subcommand("rules", "List every rule");
  std::string explain_id;
  auto* explain_cmd = app.add_subcommand("explain", "Print a rule's documentation");
  explain_cmd->add_option("rule", explain_id, "Rule id, e.g. PL102")->required();
  auto* version_cmd = app.add_subcommand("version", "Print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream o, e2;
    int code = app.exit(e, o, e2);
    out << o.str();
    err << e2.str();
    return code == 0 ? 0 : 2;
  }

  if (*hook_cmd) return install_hook(hook_force, out, err);
  if (*init_cmd) {
    std::error_code ec;
    if (!force && std::filesystem::exists(".patless.yaml", ec)) {
      err << "patless: .patless.yaml exists (use --force to overwrite it)\n";
      return 2;
    }
    std::string error;
    if (!write_file_atomically(".patless.yaml", starter_config(), error)) {
      err << "patless: " << error << "\n";
      return 2;
    }
    out << "Wrote .patless.yaml\n";
    return 0;
  }
  if (*check_cmd) {
    check.fail_level_given = check_cmd->get_option("--fail-level")->count() > 0;
    std::vector<std::string> command_line(argv, argv + argc);
    return run_check(check, command_line, out, err);
  }
  if (*graph_cmd) return run_graph(graph, out, err);
  if (*rules_cmd) {
    list_rules(out);
    return 0;
  }
  if (*explain_cmd) {
    std::string id = explain_id;
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Rule* rule = find_rule(id);
    if (!rule) {
      err << "patless: no rule " << explain_id << " (see `patless rules`)\n";
      return 2;
    }
    std::string_view doc = rule_doc(id);
    if (doc.empty()) out << rule->meta().id << " " << rule->meta().name << ": " << rule->meta().summary << "\n";
    else out << doc;
    return 0;
  }
  if (*version_cmd) {
    out << "patless " << PATLESS_VERSION << "\n";
    return 0;
  }
  return 2;
}

}  // namespace patless
