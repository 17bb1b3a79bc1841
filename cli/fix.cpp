#include "cli/fix.h"

#include <algorithm>
#include <map>

#include "cli/scan.h"

namespace patless {
namespace {

struct Edit {
  size_t start, end;
  std::string text;
};

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

}  // namespace

std::vector<FileFix> plan_fixes(const std::vector<Finding>& findings, std::vector<std::string>& errors) {
  std::map<std::string, std::vector<Edit>> by_file;
  std::map<std::string, size_t> counts;
  for (const Finding& f : findings) {
    if (!f.fix || f.suppressed) continue;
    for (const Replacement& r : f.fix->replacements)
      by_file[f.fix->path].push_back({r.range.start_offset, std::max(r.range.end_offset, r.range.start_offset), r.text});
    ++counts[f.fix->path];
  }
  std::vector<FileFix> out;
  for (auto& [path, edits] : by_file) {
    FileFix fix;
    fix.path = path;
    std::string error;
    if (!read_file(path, fix.original, error)) {
      errors.push_back(path + ": " + error);
      continue;
    }
    bool crlf = fix.original.find("\r\n") != std::string::npos;
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    // Keep edits that do not overlap an earlier one (the same edit twice counts once).
    std::vector<Edit> kept;
    for (Edit& e : edits) {
      if (e.end > fix.original.size()) continue;
      if (!kept.empty()) {
        const Edit& last = kept.back();
        if (last.start == e.start && last.end == e.end && last.text == e.text) continue;
        if (e.start < last.end || (e.start == last.start && e.start == e.end)) continue;
      }
      kept.push_back(std::move(e));
    }
    fix.fixed = fix.original;
    for (auto e = kept.rbegin(); e != kept.rend(); ++e) {
      std::string text = e->text;
      if (crlf) {
        std::string converted;
        for (char c : text) {
          if (c == '\n') converted += '\r';
          converted += c;
        }
        text = std::move(converted);
      }
      fix.fixed.replace(e->start, e->end - e->start, text);
    }
    fix.fixes = counts[path];
    if (fix.fixed != fix.original) out.push_back(std::move(fix));
  }
  return out;
}

void write_unified_diff(std::ostream& out, const FileFix& fix) {
  auto a = lines_of(fix.original), b = lines_of(fix.fixed);
  // Edits are local: one hunk from the first to the last differing line.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const size_t context = 3;
  size_t start = prefix > context ? prefix - context : 0;
  size_t a_end = std::min(a.size(), a.size() - suffix + context);
  size_t b_end = std::min(b.size(), b.size() - suffix + context);
  out << "--- " << fix.path << "\n+++ " << fix.path << "\n";
  out << "@@ -" << start + 1 << "," << a_end - start << " +" << start + 1 << "," << b_end - start << " @@\n";
  auto line = [&](char mark, std::string_view l) {
    out << mark << l;
    if (l.empty() || l.back() != '\n') out << "\n\\ No newline at end of file\n";
  };
  for (size_t i = start; i < prefix; ++i) line(' ', a[i]);
  for (size_t i = prefix; i < a.size() - suffix; ++i) line('-', a[i]);
  for (size_t i = prefix; i < b.size() - suffix; ++i) line('+', b[i]);
  for (size_t i = a.size() - suffix; i < a_end; ++i) line(' ', a[i]);
}

}  // namespace patless
