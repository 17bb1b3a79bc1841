// Runs every fixture under testdata/rules: each file (or each sub-folder, as one
// multi-file scan) must produce exactly the findings written inside it.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "cli/scan.h"
#include "grammars/source_text.h"
#include "rules/engine/rule.h"
#include "tests/fixture_expectations.h"
#include "tests/read_text.h"

namespace fs = std::filesystem;
using patless::testing::describe;
using patless::testing::expectations_of;

namespace {

const fs::path kRulesDir = fs::path(PATLESS_SOURCE_DIR) / "testdata" / "rules";

bool is_fixture(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".bicep" || ext == ".bicepparam" || ext == ".json" || ext == ".yaml" || ext == ".yml";
}

// Units of work: single files, or folders linted as one scan.
std::vector<fs::path> fixture_units() {
  std::vector<fs::path> units;
  for (const auto& rule_dir : fs::directory_iterator(kRulesDir))
    for (const auto& entry : fs::directory_iterator(rule_dir.path()))
      if (entry.is_directory() || is_fixture(entry.path())) units.push_back(entry.path());
  std::sort(units.begin(), units.end());
  return units;
}

std::vector<std::string> files_of(const fs::path& unit) {
  std::vector<std::string> files;
  if (fs::is_directory(unit)) {
    for (const auto& e : fs::recursive_directory_iterator(unit))
      if (e.is_regular_file() && is_fixture(e.path())) files.push_back(e.path().string());
  } else {
    files.push_back(unit.string());
  }
  return files;
}

// A range's line and column are those of its byte offsets in the file it names:
// a range taken from another file (a caller's, a parameter file's) is not.
std::string misplaced(const std::string& path, const patless::SourceRange& r) {
  if (!r.valid() || r.end_offset == 0) return {};  // a whole-file place (1:1), no offsets
  std::string bytes = read_text(path);
  patless::SourceText text(bytes);
  auto start = text.position(r.start_offset), end = text.position(r.end_offset);
  if (r.end_offset <= bytes.size() && start == std::pair{r.start_line, r.start_column} &&
      end == std::pair{r.end_line, r.end_column})
    return {};
  return path + ":" + std::to_string(r.start_line) + ":" + std::to_string(r.start_column) + " is not at bytes " +
         std::to_string(r.start_offset) + "-" + std::to_string(r.end_offset);
}

}  // namespace

TEST_CASE("every fixture produces exactly the findings written in it", "[fixtures]") {
  auto units = fixture_units();
  REQUIRE(units.size() > 20);
  for (const fs::path& unit : units) {
    std::multiset<std::string> expected, actual;
    for (const std::string& f : files_of(unit))
      for (auto& e : expectations_of(f)) expected.insert(e);
    patless::ScanOptions options;
    options.paths = {unit.string()};
    options.jobs = 1;
    // Suppressed findings are checked by suppression_test.cpp, not written in fixtures.
    std::vector<std::string> misplaced_ranges;
    for (const auto& f : patless::scan(options).findings) {
      if (!f.suppressed) actual.insert(describe(f));
      if (auto m = misplaced(f.path, f.range); !m.empty()) misplaced_ranges.push_back(f.rule_id + " " + m);
      for (const auto& r : f.related)
        if (auto m = misplaced(r.path, r.range); !m.empty()) misplaced_ranges.push_back(f.rule_id + " note " + m);
    }

    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
    INFO("fixture " << unit.string());
    for (const auto& m : missing) UNSCOPED_INFO("missing finding: " << m);
    for (const auto& x : extra) UNSCOPED_INFO("unexpected finding: " << x);
    for (const auto& m : misplaced_ranges) UNSCOPED_INFO("misplaced range: " << m);
    CHECK(missing.empty());
    CHECK(extra.empty());
    CHECK(misplaced_ranges.empty());
  }
}

TEST_CASE("every rule has a doc, a firing fixture and a silent fixture in each of its formats", "[fixtures]") {
  std::set<std::string> ids, names;
  for (const patless::Rule* rule : patless::all_rules()) {
    const auto& m = rule->meta();
    INFO("rule " << m.id);
    CHECK(ids.insert(std::string(m.id)).second);
    CHECK(names.insert(std::string(m.name)).second);
    CHECK(!patless::rule_doc(m.id).empty());

    fs::path dir = kRulesDir / std::string(m.id);
    REQUIRE(fs::is_directory(dir));
    std::map<char, std::pair<bool, bool>> by_format;  // format letter → (fires, silent)
    for (const fs::path& unit : fixture_units()) {
      if (unit.parent_path() != dir) continue;
      for (const std::string& f : files_of(unit)) {
        std::string ext = fs::path(f).extension().string();
        char format = ext == ".json" ? 'A' : (ext == ".yaml" || ext == ".yml") ? 'Y' : 'B';
        std::string needle = " ";  // built in steps: GCC 12 warns falsely on " " + std::string
        needle += m.id;
        needle += ' ';
        bool fires = false;
        for (const auto& e : expectations_of(f)) fires = fires || e.find(needle) != std::string::npos;
        (fires ? by_format[format].first : by_format[format].second) = true;
      }
    }
    for (char format : m.formats) {
      INFO("format " << format);
      CHECK(by_format[format].first);
      CHECK(by_format[format].second);
    }
  }
}

TEST_CASE("a pre-commit run gives each file of a fixture the findings the whole fixture's scan gives it",
          "[fixtures][pre-commit]") {
  for (const fs::path& unit : fixture_units()) {
    if (!fs::is_directory(unit)) continue;
    patless::ScanOptions whole;
    whole.paths = {unit.string()};
    whole.jobs = 1;
    std::multiset<std::string> everything;
    for (const auto& f : patless::scan(whole).findings)
      if (!f.suppressed) everything.insert(describe(f));
    for (const std::string& file : files_of(unit)) {
      patless::ScanOptions focused = whole;
      focused.focus = {file};
      std::multiset<std::string> expected, actual;
      for (const std::string& d : everything)
        if (d.starts_with(file + ":")) expected.insert(d);
      for (const auto& f : patless::scan(focused).findings)
        if (!f.suppressed && f.path == file) actual.insert(describe(f));
      INFO("fixture " << unit.string() << ", named " << file);
      for (const auto& d : expected)
        if (!actual.count(d)) UNSCOPED_INFO("only in the whole scan: " << d);
      for (const auto& d : actual)
        if (!expected.count(d)) UNSCOPED_INFO("only in the pre-commit run: " << d);
      CHECK(expected == actual);
    }
  }
}

namespace {

// `f` relative to `root`, for comparing the findings of two copies of a fixture.
std::string relative_to(const fs::path& root, std::string described) {
  std::string prefix = root.string() + "/";
  if (described.starts_with(prefix)) described.erase(0, prefix.size());
  return described;
}

std::multiset<std::string> findings_of(const fs::path& unit, const fs::path& root) {
  patless::ScanOptions options;
  options.paths = {unit.string()};
  options.jobs = 1;
  std::multiset<std::string> out;
  for (const auto& f : patless::scan(options).findings) {
    std::string d = relative_to(root, describe(f));
    for (const auto& r : f.related)  // notes too: their places must not move either
      d += " | " + relative_to(root, r.path) + ":" + std::to_string(r.range.start_line) + ":" +
           std::to_string(r.range.start_column);
    out.insert(d);
  }
  return out;
}

}  // namespace

TEST_CASE("every fixture written with CRLF line ends and a BOM gives the same findings at the same places",
          "[fixtures][locations]") {
  const fs::path copies = fs::temp_directory_path() / ("patless-crlf-" + std::to_string(::getpid()));
  for (const fs::path& unit : fixture_units()) {
    fs::remove_all(copies);
    fs::create_directories(copies);
    const fs::path copy = copies / unit.filename();
    if (fs::is_directory(unit))
      fs::copy(unit, copy, fs::copy_options::recursive);
    else
      fs::copy_file(unit, copy);
    for (const std::string& file : files_of(copy)) {
      std::string bytes = read_text(file), crlf = "\xEF\xBB\xBF";
      if (bytes.starts_with("\xEF\xBB\xBF")) crlf.clear();
      for (size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) crlf += '\r';
        crlf += bytes[i];
      }
      std::ofstream(file, std::ios::binary) << crlf;
    }
    INFO("fixture " << unit.string());
    CHECK(findings_of(unit, unit.parent_path()) == findings_of(copy, copies));
  }
  fs::remove_all(copies);
}
