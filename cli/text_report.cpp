#include <algorithm>
#include <optional>
#include <vector>

#include "cli/read_file.h"
#include "cli/reports.h"
#include "cli/utf8.h"
#include "grammars/source_text.h"

namespace patless {
namespace {

const char* level_color(Level l) {
  switch (l) {
    case Level::Error: return "\x1b[1;31m";
    case Level::Warning: return "\x1b[1;33m";
    default: return "\x1b[1;36m";
  }
}

// Control characters in a path or message would let a file name forge output lines.
std::string printable(std::string_view text) {
  std::string out, s = valid_utf8(text);
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t') {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

// `   12 | code` then `      |   ^^^^` under the finding's first line.
// A line longer than this (code points) is shown around the finding, with
// "..." for what is cut: a minified template is one line of megabytes.
constexpr uint32_t kFrameWidth = 160;
constexpr uint32_t kFrameLead = 40;  // code points shown before the finding's column

// The byte offset of each code point of one line, kept while findings stay on
// it: a minified template's findings are all on one line of megabytes, which
// indexing again per finding made quadratic (10,000 findings on a 1.2 MB line
// took minutes).
struct LineIndex {
  const SourceText* src = nullptr;
  uint32_t line = 0;
  std::vector<size_t> starts;

  const std::vector<size_t>& of(const SourceText& text, uint32_t number) {
    if (src == &text && line == number) return starts;
    src = &text;
    line = number;
    starts.clear();
    std::string_view bytes = text.line(number);
    for (size_t k = 0; k < bytes.size(); ++k)
      if (starts_code_point(bytes[k])) starts.push_back(k);
    return starts;
  }
};

void write_frame(std::ostream& out, const SourceText& src, const SourceRange& r, const TextStyle& style, Level level,
                 LineIndex& index) {
  if (!r.valid() || r.start_line > src.line_count()) return;
  std::string_view line = src.line(r.start_line);
  const std::vector<size_t>& starts = index.of(src, r.start_line);
  const uint32_t count = static_cast<uint32_t>(starts.size());
  uint32_t first = 1, last = count;  // the columns shown
  if (count > kFrameWidth) {
    first = r.start_column > kFrameLead ? r.start_column - kFrameLead : 1;
    first = std::min(first, count - kFrameWidth + 1);
    last = first + kFrameWidth - 1;
  }
  auto byte_of = [&](uint32_t column) { return column <= count ? starts[column - 1] : line.size(); };
  std::string_view shown = line.substr(byte_of(first), byte_of(last + 1) - byte_of(first));
  std::string before = first > 1 ? "..." : "", after = last < count ? "..." : "";

  std::string number = std::to_string(r.start_line);
  std::string gutter(number.size(), ' ');
  // Columns as the terminal draws the line: a control character as printable()
  // shows it (\xNN), a wide character in two, a BOM or a combining mark in none.
  auto width = [&](uint32_t column) -> uint32_t {
    unsigned char c = static_cast<unsigned char>(line[byte_of(column)]);
    if (c < 0x20 && c != '\t') return 4;
    size_t length = 0;
    return static_cast<uint32_t>(terminal_width(next_code_point(line, byte_of(column), length)));
  };
  std::string marker(before.size(), ' ');
  for (uint32_t column = first; column < r.start_column && column <= last; ++column)
    marker += line[byte_of(column)] == '\t' ? std::string("\t") : std::string(width(column), ' ');
  // To the range's end on this line (the line's end for a range over several), within what is shown.
  uint32_t end = r.end_line == r.start_line ? r.end_column : count + 1;
  end = std::min(end, last + 1);
  uint32_t carets = 0;
  for (uint32_t column = r.start_column; column < end && column <= count; ++column) carets += width(column);
  carets = std::max<uint32_t>(carets, 1);
  out << " " << number << " | " << before << printable(shown) << after << "\n";
  out << " " << gutter << " | " << marker;
  if (style.color) out << level_color(level);
  out << std::string(carets, '^');
  if (style.color) out << "\x1b[0m";
  out << "\n";
}

}  // namespace

void write_text(std::ostream& out, const ScanResult& result, const TextStyle& style) {
  // Findings come sorted by file: keep one file's text and line index at a time.
  std::string source_path, source_bytes;
  std::optional<SourceText> source;
  LineIndex line_index;
  size_t counts[4] = {0, 0, 0, 0};
  size_t suppressed = 0, unchanged = 0;
  for (const Finding& f : result.findings) {
    if (f.suppressed) {  // in SARIF and JSON, not in front of people
      ++suppressed;
      continue;
    }
    if (f.baseline == "unchanged") {  // known from the baseline: only new findings are news
      ++unchanged;
      continue;
    }
    counts[static_cast<int>(f.level)]++;
    std::string location = printable(f.path.empty() ? "<scan>" : f.path);
    if (f.range.valid()) {
      location += ':';
      location += std::to_string(f.range.start_line);
      location += ':';
      location += std::to_string(f.range.start_column);
    }
    if (style.color) out << "\x1b[1m";
    out << location << ": ";
    if (style.color) out << level_color(f.level);
    out << level_name(f.level) << "[" << f.rule_id << "]";
    if (style.color) out << "\x1b[0m\x1b[1m";
    out << ": " << printable(f.message);
    if (style.color) out << "\x1b[0m";
    out << "\n";
    if (!f.path.empty()) {
      if (!source || source_path != f.path) {
        std::string error;
        source_path = f.path;
        if (!read_text_file(f.path, source_bytes, error)) source_bytes.clear();
        source.emplace(source_bytes);
        line_index = LineIndex{};  // the new text may sit where the old one did
      }
      write_frame(out, *source, f.range, style, f.level, line_index);
    }
    for (const RelatedLocation& r : f.related)
      out << "  note: " << printable(r.path) << ":" << r.range.start_line << ":" << r.range.start_column << ": "
          << printable(r.message) << "\n";
  }
  for (const std::string& n : result.notifications) out << "patless: skipped " << printable(n) << "\n";
  for (const std::string& n : result.notes) out << "patless: note: " << printable(n) << "\n";
  size_t total = result.findings.size() - suppressed - unchanged;
  auto plural = [](size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  std::vector<std::string> asides;
  if (suppressed) asides.push_back(std::to_string(suppressed) + " suppressed");
  if (unchanged) asides.push_back(std::to_string(unchanged) + " unchanged from the baseline");
  if (!result.absent.empty()) asides.push_back(std::to_string(result.absent.size()) + " fixed since the baseline");
  std::string tail;
  for (const std::string& a : asides) tail += (tail.empty() ? " (" : ", ") + a;
  if (!tail.empty()) tail += ")";
  bool with_baseline = unchanged > 0 || !result.absent.empty() ||
                       std::any_of(result.findings.begin(), result.findings.end(),
                                   [](const Finding& f) { return !f.baseline.empty(); });
  if (total == 0) {
    out << (with_baseline ? "No new findings in " : "No findings in ") << plural(result.files_considered, "file") << tail << ".\n";
  } else {
    out << plural(counts[3], "error") << ", " << plural(counts[2], "warning") << ", " << plural(counts[1], "note")
        << " in " << plural(result.files_considered, "file") << tail << ".\n";
  }
  if (std::any_of(result.findings.begin(), result.findings.end(), [](const Finding& f) {
        return !f.suppressed && f.baseline != "unchanged" && is_chain_rule(f.rule_id);
      }))
    out << "`patless graph` with the same paths draws the identity chain and where it breaks.\n";
}

}  // namespace patless
