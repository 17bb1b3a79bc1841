// libFuzzer target: the ARM JSON reader (comments, positions) and its
// expression parser, with the template schema so that templates are read. A
// template read without what its Document drops must be the Document built
// whole (grammars/arm/template_pruner.h), and read_json must place every token
// as it does tracking every byte: a difference traps. So does a container
// skip_json_container passes over that nlohmann would not take, or one nlohmann
// takes that it does not pass over whole; and scan_json taking a text nlohmann
// does not, or calling other events than nlohmann's.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "grammars/arm/arm_expression.h"
#include "grammars/arm/arm_reader.h"
#include "grammars/arm/json_reader.h"
#include "grammars/arm/json_scan.h"
#include "grammars/arm/json_skip.h"
#include "grammars/arm/template_pruner.h"
#include "tests/describe_document.h"
#include "tests/json_events.h"

namespace {

void read_json_both_ways(const std::string& text) {
  patless::SourceText src(text);
  if (patless::testing::describe(patless::read_json(src)) !=
      patless::testing::describe(patless::read_json_tracked(src)))
    __builtin_trap();
  patless::TemplatePruner pruner(text), tracked_pruner(text);
  if (patless::testing::describe(patless::read_json(src, &pruner)) !=
      patless::testing::describe(patless::read_json_tracked(src, &tracked_pruner)))
    __builtin_trap();
}

void skip_as_nlohmann_reads(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> comments;
  patless::JsonSkipLimits limits{SIZE_MAX, SIZE_MAX};  // nlohmann has no limits of its own
  std::optional<size_t> close = patless::skip_json_container(text, 0, limits, comments);
  if (close && !nlohmann::json::accept(std::string_view(text).substr(0, *close + 1), /*ignore_comments=*/true))
    __builtin_trap();
  if (!close && (text.starts_with('{') || text.starts_with('[')) && nlohmann::json::accept(text, true))
    __builtin_trap();
}

void scan_as_nlohmann_reads(const std::string& text) {
  patless::testing::EventRecorder scanned, parsed;
  patless::ScannedTokens tokens(text);
  const bool scan_took = patless::scan_json(text, scanned, tokens);
  const bool nlohmann_took = nlohmann::json::sax_parse(text, &parsed, nlohmann::json::input_format_t::json,
                                                       /*strict=*/true, /*ignore_comments=*/true);
  if (scan_took != nlohmann_took || (scan_took && scanned.events != parsed.events)) __builtin_trap();
}

void read_both_ways(const std::string& text, bool outline) {
  auto pruned = patless::read_arm("fuzz.json", text, outline);
  auto whole = patless::read_arm("fuzz.json", text, outline, /*prune=*/false);
  if (pruned.has_value() != whole.has_value() ||
      (pruned && patless::testing::describe(*pruned) != patless::testing::describe(*whole)))
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  read_json_both_ways(text);
  skip_as_nlohmann_reads(text);
  scan_as_nlohmann_reads(text);
  read_both_ways(text, false);
  read_both_ways(text, true);
  // The same bytes as one ARM expression string: "[...]".
  patless::arm_string_value("[" + text + "]", patless::SourceRange{1, 1, 1, 1, 0, 0});
  // And as the body of a template (the reader only reads JSON with the schema).
  std::string wrapped =
      "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", "
      "\"resources\": ";
  wrapped += text;
  wrapped += "}";
  read_json_both_ways(wrapped);
  read_both_ways(wrapped, false);
  read_both_ways(wrapped, true);
  return 0;
}
