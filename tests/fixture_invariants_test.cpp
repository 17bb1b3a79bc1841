// Invariants over every fixture that need no expectation written in it: a
// pre-commit run that names one file of a fixture gets every finding of the
// whole fixture's scan that file takes part in, and CRLF line ends, a BOM and
// UTF-16 move nothing.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli/scan.h"
#include "grammars/text_encoding.h"
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
      focused.put_models_aside = true;  // as a whole scan does: what is linted must not depend on it
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

// Runs `rewrite` on the text of every file of a copy of `unit` in `copies`; returns the copy.
template <typename Rewrite>
fs::path rewritten_copy(const fs::path& unit, const fs::path& copies, Rewrite rewrite) {
  fs::remove_all(copies);
  fs::create_directories(copies);
  const fs::path copy = copies / unit.filename();
  if (fs::is_directory(unit))
    fs::copy(unit, copy, fs::copy_options::recursive);
  else
    fs::copy_file(unit, copy);
  for (const std::string& file : files_of(copy)) {
    const std::string text = rewrite(read_text(file));  // before the stream empties the file
    std::ofstream(file, std::ios::binary) << text;
  }
  return copy;
}

std::string with_bom(const std::string& bytes) {
  return bytes.starts_with("\xEF\xBB\xBF") ? bytes : "\xEF\xBB\xBF" + bytes;
}

}  // namespace

TEST_CASE("every fixture written with CRLF line ends and a BOM gives the same findings at the same places",
          "[fixtures][locations]") {
  const fs::path copies = fs::temp_directory_path() / ("patless-crlf-" + std::to_string(::getpid()));
  for (const fs::path& unit : fixture_units()) {
    const fs::path copy = rewritten_copy(unit, copies, [](const std::string& bytes) {
      std::string crlf;
      for (size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) crlf += '\r';
        crlf += bytes[i];
      }
      return with_bom(crlf);
    });
    INFO("fixture " << unit.string());
    CHECK(findings_of(unit, unit.parent_path()) == findings_of(copy, copies));
  }
  fs::remove_all(copies);
}

TEST_CASE("every fixture saved as UTF-16 gives the same findings at the same places", "[fixtures][locations]") {
  // What Windows PowerShell's `>` writes; the units alternate between little and big endian.
  const fs::path copies = fs::temp_directory_path() / ("patless-utf16-" + std::to_string(::getpid()));
  bool little = true;
  size_t converted = 0;
  for (const fs::path& unit : fixture_units()) {
    little = !little;
    const auto encoding = little ? patless::TextEncoding::Utf16LE : patless::TextEncoding::Utf16BE;
    const fs::path copy = rewritten_copy(unit, copies, [&](const std::string& bytes) {
      std::string text = with_bom(bytes), utf16 = patless::encode_from_utf8(text, encoding), back = utf16;
      // A fixture of bytes that are no UTF-8 (PL001's) has no UTF-16 form with the same columns.
      if (patless::decode_to_utf8(back) != encoding || back != text) return bytes;
      ++converted;
      return utf16;
    });
    INFO("fixture " << unit.string() << " in " << patless::encoding_name(encoding));
    CHECK(findings_of(unit, unit.parent_path()) == findings_of(copy, copies));
  }
  CHECK(converted > 200);
  fs::remove_all(copies);
}
