// Invariants over every fixture that need no expectation written in it: a
// pre-commit run that names one file of a fixture gets every finding of the
// whole fixture's scan that file takes part in, and CRLF line ends and a BOM
// move nothing.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli/scan.h"
#include "tests/fixture_expectations.h"
#include "tests/read_text.h"
#include "tests/takes_part.h"

namespace fs = std::filesystem;
using patless::testing::describe;
using patless::testing::files_of;
using patless::testing::fixture_units;
using patless::testing::takes_part;

TEST_CASE("a pre-commit run gives each file of a fixture every finding of the whole fixture's scan it takes part in",
          "[fixtures][pre-commit]") {
  for (const fs::path& unit : fixture_units()) {
    if (!fs::is_directory(unit)) continue;
    patless::ScanOptions whole;
    whole.paths = {unit.string()};
    whole.jobs = 1;
    const std::vector<patless::Finding> everything = patless::scan(whole).findings;
    for (const std::string& file : files_of(unit)) {
      patless::ScanOptions focused = whole;
      focused.focus = {file};
      std::multiset<std::string> expected, actual;
      for (const auto& f : everything)
        if (!f.suppressed && takes_part(f, file)) expected.insert(describe(f));
      for (const auto& f : patless::scan(focused).findings)
        if (!f.suppressed && takes_part(f, file)) actual.insert(describe(f));
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
