// Runs every fixture under testdata/rules: each file (or each sub-folder, as one
// multi-file scan) must produce exactly the findings written inside it.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
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
using patless::testing::files_of;
using patless::testing::fixture_units;
using patless::testing::kRulesDir;

namespace {

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
