#include "tests/fixture_expectations.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "grammars/read_document.h"

namespace patless::testing {
namespace {

// A file of a name patless reads (its sidecar `.expect` files are not).
bool is_fixture(const std::filesystem::path& p) {
  return file_kind(p.string()) != FileKind::Other;
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The text after "expect:" when the line is an expectation comment.
bool expectation_text(const std::string& line, std::string& spec) {
  size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return false;
  std::string_view rest(line);
  rest.remove_prefix(first);
  if (rest.rfind("//", 0) == 0) rest.remove_prefix(2);
  else if (rest.rfind("#", 0) == 0) rest.remove_prefix(1);
  else return false;
  size_t k = rest.find_first_not_of(' ');
  if (k == std::string_view::npos || rest.substr(k).rfind("expect:", 0) != 0) return false;
  spec = std::string(rest.substr(k + 7));
  return true;
}

}  // namespace

std::string describe(const Finding& f) {
  const SourceRange& r = f.range;
  std::ostringstream s;
  s << f.path << ":" << r.start_line << ":" << r.start_column << "-" << r.end_line << ":" << r.end_column << " "
    << f.rule_id << " " << level_name(f.level);
  return s.str();
}

std::vector<std::string> expectations_of(const std::string& path) {
  std::vector<std::string> out;
  std::vector<std::string> lines = lines_of(path);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string spec;
    if (!expectation_text(lines[i], spec)) continue;
    size_t target = i + 1;
    std::string ignored;
    while (target < lines.size() && expectation_text(lines[target], ignored)) ++target;
    std::istringstream in(spec);
    std::string rule, level, columns;
    in >> rule >> level >> columns;
    size_t dash = columns.find('-');
    std::string start_col = columns.substr(0, dash), end = columns.substr(dash + 1);
    std::string end_line = std::to_string(target + 1), end_col = end;
    if (size_t colon = end.find(':'); colon != std::string::npos) {
      end_line = end.substr(0, colon);
      end_col = end.substr(colon + 1);
    }
    out.push_back(path + ":" + std::to_string(target + 1) + ":" + start_col + "-" + end_line + ":" + end_col + " " +
                  rule + " " + level);
  }
  for (const std::string& line : lines_of(path + ".expect")) {
    std::istringstream in(line);
    std::string rule, level, where;
    if (!(in >> rule >> level >> where)) continue;
    out.push_back(path + ":" + where + " " + rule + " " + level);
  }
  return out;
}

std::vector<std::filesystem::path> fixture_units() {
  std::vector<std::filesystem::path> units;
  for (const auto& rule_dir : std::filesystem::directory_iterator(kRulesDir))
    for (const auto& entry : std::filesystem::directory_iterator(rule_dir.path()))
      if (entry.is_directory() || is_fixture(entry.path())) units.push_back(entry.path());
  std::sort(units.begin(), units.end());
  return units;
}

std::vector<std::string> files_of(const std::filesystem::path& unit) {
  std::vector<std::string> files;
  if (std::filesystem::is_directory(unit)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(unit))
      if (e.is_regular_file() && is_fixture(e.path())) files.push_back(e.path().string());
  } else {
    files.push_back(unit.string());
  }
  return files;
}

}  // namespace patless::testing
