// Findings as the logging commands of CI systems, which show them on the build
// summary and beside the code: Azure Pipelines (`##vso[task.logissue …]`) and
// GitHub Actions (`::error file=…::`). The escapes are the ones each runner's
// own task library applies (azure-pipelines-task-lib, @actions/core). A file is
// named from the repository's top, where both place it (GitHub shows an
// annotation on a pull request's file only so), wherever patless ran.
#include <string>

#include "cli/reports.h"
#include "cli/utf8.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

struct Escapes {
  const char* percent;   // what '%' becomes
  const char* property;  // characters that end a property value, escaped there as %XX
  bool azure;            // the agent runs `##vso[` anywhere in a line, and `##[` at its start
};
constexpr Escapes kAzure{"%AZP25", ";]", true};
constexpr Escapes kGitHub{"%25", ":,", false};

// A message (property = false) or a property value: line breaks and the runner's
// delimiters escaped, other control characters (which could hide text) as \xNN.
// For Azure, "##" becomes "# #": a path or value in a message cannot issue a command.
std::string escaped(std::string_view text, const Escapes& e, bool property) {
  static const char* upper = "0123456789ABCDEF";
  static const char* lower = "0123456789abcdef";
  std::string out;
  for (char c : valid_utf8(text)) {
    auto u = static_cast<unsigned char>(c);
    bool delimiter = property && std::string_view(e.property).find(c) != std::string_view::npos;
    if (c == '%') {
      out += e.percent;
    } else if (c == '\r' || c == '\n' || delimiter) {
      out += '%';
      out += upper[u >> 4];
      out += upper[u & 15];
    } else if (u < 0x20 && c != '\t') {
      out += "\\x";
      out += lower[u >> 4];
      out += lower[u & 15];
    } else if (c == '#' && e.azure && !out.empty() && out.back() == '#') {
      out += " #";
    } else {
      out += c;
    }
  }
  return out;
}

// Findings people should see: not suppressed, not already in the baseline.
bool reported(const Finding& f) {
  return !f.suppressed && f.baseline != "unchanged";
}

// The message, then each related location on a line of its own (as the text report's notes).
std::string with_related(std::string message, const Finding& f) {
  for (const RelatedLocation& r : f.related)
    message += "\nnote: " + r.path + ":" + std::to_string(r.range.start_line) + ":" +
               std::to_string(r.range.start_column) + ": " + r.message;
  return message;
}

std::string rule_title(const Finding& f) {
  const Rule* rule = find_rule(f.rule_id);
  return rule ? f.rule_id + " " + std::string(rule->meta().name) : f.rule_id;
}

// The last line, as the text report ends: what the run found.
std::string summary(const ScanResult& result) {
  size_t counts[4] = {0, 0, 0, 0};
  for (const Finding& f : result.findings)
    if (reported(f)) counts[static_cast<int>(f.level)]++;
  auto plural = [](size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  return "patless: " + plural(counts[3], "error") + ", " + plural(counts[2], "warning") + ", " +
         plural(counts[1], "note") + " in " + plural(result.files_considered, "file") + ".\n";
}

}  // namespace

void write_azure_annotations(std::ostream& out, const ScanResult& result, const RepositoryPaths& paths) {
  for (const Finding& f : result.findings) {
    if (!reported(f)) continue;
    std::string message = escaped(with_related(f.rule_id + ": " + f.message, f), kAzure, false);
    if (f.level != Level::Error && f.level != Level::Warning) {
      // task.logissue knows errors and warnings only: a note is a log line, not an issue.
      out << escaped(f.path.empty() ? "<scan>" : f.path, kAzure, false) << ":" << f.range.start_line << ":"
          << f.range.start_column << ": note: " << message << "\n";
      continue;
    }
    out << "##vso[task.logissue type=" << level_name(f.level) << ";";
    if (!f.path.empty()) {
      out << "sourcepath=" << escaped(paths.below_root(f.path).value_or(f.path), kAzure, true) << ";";
      if (f.range.valid())
        out << "linenumber=" << f.range.start_line << ";columnnumber=" << f.range.start_column << ";";
    }
    out << "code=" << f.rule_id << ";]" << message << "\n";
  }
  for (const std::string& n : result.notifications)
    out << "##vso[task.logissue type=warning;]" << escaped("patless: skipped " + n, kAzure, false) << "\n";
  for (const std::string& n : result.notes) out << escaped("patless: note: " + n, kAzure, false) << "\n";
  out << summary(result);
}

void write_github_annotations(std::ostream& out, const ScanResult& result, const RepositoryPaths& paths) {
  for (const Finding& f : result.findings) {
    if (!reported(f)) continue;
    out << "::" << (f.level == Level::Error ? "error" : f.level == Level::Warning ? "warning" : "notice");
    char separator = ' ';
    if (!f.path.empty()) {
      out << " file=" << escaped(paths.below_root(f.path).value_or(f.path), kGitHub, true);
      separator = ',';
      if (f.range.valid()) {
        out << ",line=" << f.range.start_line << ",endLine=" << f.range.end_line << ",col=" << f.range.start_column
            << ",endColumn=" << f.range.end_column;
      }
    }
    out << separator << "title=" << escaped(rule_title(f), kGitHub, true)
        << "::" << escaped(with_related(f.message, f), kGitHub, false) << "\n";
  }
  for (const std::string& n : result.notifications)
    out << "::warning::" << escaped("patless: skipped " + n, kGitHub, false) << "\n";
  for (const std::string& n : result.notes) out << escaped("patless: note: " + n, kGitHub, false) << "\n";
  out << summary(result);
}

}  // namespace patless
