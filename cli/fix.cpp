#include "cli/fix.h"

#include <algorithm>
#include <map>

#include "cli/read_file.h"

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
  std::map<std::string, uint64_t> read_as;  // the text the findings were made from
  for (const Finding& f : findings) {
    if (!f.fix || f.suppressed) continue;
    if (f.fix->text_hash) read_as[f.fix->path] = f.fix->text_hash;
    for (const Replacement& r : f.fix->replacements)
      by_file[f.fix->path].push_back({r.range.start_offset, std::max(r.range.end_offset, r.range.start_offset), r.text});
    ++counts[f.fix->path];
  }
  std::vector<FileFix> out;
  for (auto& [path, edits] : by_file) {
    FileFix fix;
    fix.path = path;
    std::string error, bytes;
    if (!read_file(path, bytes, error)) {
      errors.push_back(path + ": " + error);
      continue;
    }
    fix.original = bytes;
    fix.encoding = decode_to_utf8(fix.original);
    if (fix.encoding != TextEncoding::Utf8 && encode_from_utf8(fix.original, fix.encoding) != bytes) {
      errors.push_back(path + ": not valid " + std::string(encoding_name(fix.encoding)) +
                       " throughout (a lone surrogate or an odd last byte)");
      continue;
    }
    if (auto it = read_as.find(path); it != read_as.end() && it->second != text_hash(fix.original)) {
      errors.push_back(path + ": changed since patless read it; run patless again");
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
  // Fixes are local: diff only what lies between the common head and tail.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  struct Op {
    char mark;
    size_t a_line, b_line;  // 0-based
  };
  std::vector<Op> ops;
  for (size_t i = 0; i < prefix; ++i) ops.push_back({' ', i, i});
  if (n * m <= 4'000'000) {
    // Longest common subsequence of the middle, then walk it.
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        lcs[i][j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        ops.push_back({' ', prefix + i++, prefix + j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push_back({'-', prefix + i++, prefix + j});  // removals before additions, as diff(1) writes them
      } else {
        ops.push_back({'+', prefix + i, prefix + j++});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.push_back({'-', prefix + i, prefix});
    for (size_t j = 0; j < m; ++j) ops.push_back({'+', prefix + n, prefix + j});
  }
  for (size_t k = 0; k < suffix; ++k) ops.push_back({' ', a.size() - suffix + k, b.size() - suffix + k});

  out << "--- " << fix.path << "\n+++ " << fix.path << "\n";
  const size_t context = 3;
  size_t k = 0;
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].mark == ' ') ++k;
    if (k == ops.size()) break;
    // A hunk: context before, changes, and context after until 2*context equal lines in a row.
    size_t start = k >= context ? k - context : 0;
    size_t end = k, equal_run = 0;
    while (end < ops.size() && equal_run < 2 * context) {
      equal_run = ops[end].mark == ' ' ? equal_run + 1 : 0;
      ++end;
    }
    if (equal_run > context) end -= equal_run - context;
    size_t a_count = 0, b_count = 0;
    for (size_t x = start; x < end; ++x) {
      a_count += ops[x].mark != '+';
      b_count += ops[x].mark != '-';
    }
    out << "@@ -" << ops[start].a_line + (a_count ? 1 : 0) << "," << a_count << " +" << ops[start].b_line + (b_count ? 1 : 0)
        << "," << b_count << " @@\n";
    for (size_t x = start; x < end; ++x) {
      std::string_view l = ops[x].mark == '+' ? b[ops[x].b_line] : a[ops[x].a_line];
      out << ops[x].mark << l;
      if (l.empty() || l.back() != '\n') out << "\n\\ No newline at end of file\n";
    }
    k = end;
  }
}

}  // namespace patless
