#include "rules/engine/suppressions.h"

#include <algorithm>
#include <map>
#include <set>

#include "grammars/ascii.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

struct Suppression {
  const Document* doc = nullptr;
  const Comment* comment = nullptr;
  std::vector<std::string> ids;  // known rule ids
  std::string reason;
  bool whole_file = false;
  uint32_t first_line = 0, last_line = 0;  // the lines it covers
  bool used = false;
};

// A rule id, or a mistyped one (PL1O2, pl10): "PL" and up to four letters or digits.
// PL, a digit, then letters or digits: PL1O1 is a typo of an id; "placed" is a word.
bool id_like(std::string_view t) {
  if (t.size() < 3 || t.size() > 6 || !iequals(t.substr(0, 2), "PL") || t[2] < '0' || t[2] > '9') return false;
  return std::all_of(t.begin() + 2, t.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}


// The lines a YAML document spans: from its object's first line to the line
// before the next one's.
uint32_t yaml_document_end(const Document& doc, const K8sObject& o) {
  const K8sObject* next = doc.next_object(o);
  return next ? next->range.start_line - 1 : UINT32_MAX;
}

// The line a next-line comment is for: the next line that is not a comment.
uint32_t target_line(const Document& doc, uint32_t line) {
  std::set<uint32_t> comment_lines;
  for (const Comment& c : doc.comments) comment_lines.insert(c.range.start_line);
  uint32_t t = line + 1;
  while (comment_lines.count(t)) ++t;
  return t;
}

std::optional<Suppression> parse(const Document& doc, const Comment& c, bool first_comment,
                                 std::vector<Finding>& problems) {
  std::string_view text = c.text;
  bool hash = !text.empty() && text[0] == '#';
  if (text.starts_with("//") || text.starts_with("/*")) text.remove_prefix(2);
  else if (hash) text.remove_prefix(1);
  if (text.ends_with("*/")) text.remove_suffix(2);
  size_t b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return std::nullopt;
  text.remove_prefix(b);
  Suppression s;
  s.doc = &doc;
  s.comment = &c;
  std::string_view keyword;
  bool bicep_native = false;
  for (std::string_view k : {"patless-disable-next-line", "patless-disable-file", "disable-next-line"}) {
    if (!text.starts_with(k) || (text.size() > k.size() && text[k.size()] != ' ' && text[k.size()] != '\t')) continue;
    if (k == "disable-next-line" && !(hash && (doc.format == Format::Bicep || doc.format == Format::BicepParams)))
      continue;
    keyword = k;
    bicep_native = k == "disable-next-line";
    break;
  }
  if (keyword.empty()) return std::nullopt;
  s.whole_file = keyword == "patless-disable-file";
  if (s.whole_file && !first_comment) return std::nullopt;
  // The ids, then the reason.
  size_t at = keyword.size();
  size_t offset_in_comment = static_cast<size_t>(text.data() - c.text.data());
  while (at < text.size()) {
    size_t start = text.find_first_not_of(" \t", at);
    if (start == std::string_view::npos) break;
    size_t end = text.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(start, end - start);
    if (token.ends_with(',')) token.remove_suffix(1);
    if (bicep_native && token.starts_with("//")) {  // Bicep's own comment after the codes
      s.reason = std::string(text.substr(start + 2));
      s.reason.erase(0, std::min(s.reason.find_first_not_of(" \t"), s.reason.size()));
      break;
    }
    if (!id_like(token)) {
      if (bicep_native) {  // Bicep's own codes (BCP081, no-unused-params) are not ours
        at = end;
        continue;
      }
      s.reason = std::string(text.substr(start));
      break;
    }
    std::string id = ascii_upper(token);
    if (find_rule(id)) {
      s.ids.push_back(id);
    } else {
      Finding f;
      f.rule_id = "PL002";
      f.path = doc.path;
      uint32_t col = c.range.start_column + static_cast<uint32_t>(offset_in_comment + start);
      f.range = SourceRange{c.range.start_line, col, c.range.start_line, col + static_cast<uint32_t>(token.size()),
                            c.range.start_offset + static_cast<uint32_t>(offset_in_comment + start),
                            c.range.start_offset + static_cast<uint32_t>(offset_in_comment + end)};
      f.message = "Suppression names " + std::string(token) + ", which is not a patless rule";
      std::string nearest = nearest_rule_id(id);
      if (!nearest.empty()) f.message += ": did you mean " + nearest + "?";
      else f.message += ".";
      f.logical_location = "file#suppression:" + c.text;
      problems.push_back(std::move(f));
    }
    at = end;
  }
  if (s.ids.empty()) return std::nullopt;
  if (s.whole_file) {
    s.first_line = 1;
    s.last_line = UINT32_MAX;
    return s;
  }
  uint32_t t = target_line(doc, c.range.start_line);
  s.first_line = s.last_line = t;
  // Right above a declaration: all of it.
  for (const Resource& r : doc.resources)
    if (r.range.start_line == t) s.last_line = std::max(s.last_line, r.range.end_line);
  for (const K8sObject& o : doc.objects)
    if (o.range.start_line == t) s.last_line = std::max(s.last_line, yaml_document_end(doc, o));
  return s;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string nearest_rule_id(std::string_view id) {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const Rule* r : all_rules()) {
    size_t d = edit_distance(ascii_upper(id), r->meta().id);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(r->meta().id);
    }
  }
  return best_distance <= 2 ? best : std::string();
}

void apply_suppressions(std::span<const Document> documents, std::vector<Finding>& findings) {
  std::vector<Finding> problems;
  std::vector<Suppression> all;
  for (const Document& doc : documents)
    for (size_t i = 0; i < doc.comments.size(); ++i)
      if (auto s = parse(doc, doc.comments[i], i == 0, problems)) all.push_back(std::move(*s));
  if (!all.empty()) {
    std::map<std::string_view, std::vector<Suppression*>> by_path;
    for (Suppression& s : all) by_path[s.doc->path].push_back(&s);
    for (Finding& f : findings) {
      auto it = by_path.find(f.path);
      if (it == by_path.end()) continue;
      for (Suppression* s : it->second) {
        if (f.range.start_line < s->first_line || f.range.start_line > s->last_line) continue;
        if (std::find(s->ids.begin(), s->ids.end(), f.rule_id) == s->ids.end()) continue;
        s->used = true;
        if (!f.suppressed) f.suppressed = s->reason;
      }
    }
  }
  for (const Suppression& s : all) {
    if (s.used) continue;
    Finding f;
    f.rule_id = "PL003";
    f.path = s.doc->path;
    f.range = s.comment->range;
    std::string ids;
    for (const std::string& id : s.ids) ids += (ids.empty() ? "" : " ") + id;
    f.message = "This suppression of " + ids + " suppresses nothing: no such finding " +
                (s.whole_file ? "in this file" : "on the line it covers") + ". Remove it.";
    f.logical_location = "file#suppression:" + s.comment->text;
    problems.push_back(std::move(f));
  }
  for (Finding& p : problems) {
    if (const Rule* r = find_rule(p.rule_id)) p.level = r->meta().level;
    findings.push_back(std::move(p));
  }
}

}  // namespace patless
