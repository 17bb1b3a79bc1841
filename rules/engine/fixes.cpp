#include "rules/engine/fixes.h"

#include "grammars/ascii.h"

namespace patless {
namespace {

std::string literal(Format format, std::string_view value) {
  if (format == Format::Yaml) return std::string(value);
  char quote = format == Format::Arm || format == Format::ArmParams ? '"' : '\'';
  std::string out(1, quote);
  out += value;
  out += quote;
  return out;
}

SourceRange point(const SourceRange& r) {
  return SourceRange{r.end_line, r.end_column, r.end_line, r.end_column, r.end_offset, r.end_offset};
}

}  // namespace

std::optional<Replacement> insert_member_after(const Document& doc, const Value& object, const Member& after,
                                               std::string_view key, std::string_view value) {
  if (object.shared || after.value.shared) return std::nullopt;
  // `key: null` (YAML `key:`) counts as not set, but a second `key` would make a
  // duplicate that Bicep, ARM and kustomize reject. Names compare as ARM's do.
  for (const Member& m : object.members)
    if (!m.spread && iequals(m.key, key)) return std::nullopt;
  SourceRange at = point(after.value.range);
  if (doc.format == Format::Arm || doc.format == Format::ArmParams) {
    std::string text = ", \"";
    text += key;
    text += "\": ";
    text += literal(doc.format, value);
    return Replacement{at, std::move(text)};
  }
  // Block layout only: nothing else of the object on `after`'s last line.
  uint32_t line = after.value.range.end_line;
  for (const Member& m : object.members)
    if (&m != &after && m.key_range.start_line == line) return std::nullopt;
  if (doc.format != Format::Yaml && object.range.end_line == line) return std::nullopt;  // `}` on that line
  // A comment at the end of the line stays with `after`.
  for (const Comment& c : doc.comments)
    if (c.range.start_line == line && c.range.start_offset >= at.start_offset) at = point(c.range);
  std::string text = "\n";
  text.append(after.key_range.start_column > 0 ? after.key_range.start_column - 1 : 0, ' ');
  text += key;
  text += ": ";
  text += literal(doc.format, value);
  return Replacement{at, std::move(text)};
}

Replacement replace_string(const Document& doc, const SourceRange& at, std::string_view value) {
  return Replacement{at, literal(doc.format, value)};
}

}  // namespace patless
