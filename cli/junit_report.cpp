#include <algorithm>
#include <map>

#include "cli/reports.h"
#include "cli/utf8.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

// XML 1.0 text and attributes: markup characters and line breaks escaped,
// other control characters (which XML 1.0 does not allow) and ill-formed UTF-8 replaced.
std::string xml(std::string_view text) {
  std::string out, s = valid_utf8(text);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;  // kept through attribute-value normalisation
      case '\t': out += "&#9;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += '?';  // not allowed in XML 1.0
        else out += c;
    }
  }
  return out;
}

}  // namespace

void write_junit(std::ostream& out, const ScanResult& result) {
  // file → rule → its findings, in report order.
  std::map<std::string, std::map<std::string, std::vector<const Finding*>>> by_file;
  for (const Finding& f : result.findings)
    if (!f.suppressed) by_file[f.path.empty() ? "<scan>" : f.path][f.rule_id].push_back(&f);
  // Every file read and not failing passes, outlines included, in path order.
  std::vector<std::string> passing;
  result.each_document([&](const Document& d) {  // registry modules (Bicep's cache) are not the repository's
    if (d.registry.empty() && !result.context.count(d.path) && !by_file.count(d.path)) passing.push_back(d.path);
  });
  for (const std::string& p : result.outlined)
    if (!by_file.count(p)) passing.push_back(p);
  std::sort(passing.begin(), passing.end());
  size_t failures = 0;
  for (const auto& [path, rules] : by_file) failures += rules.size();
  size_t tests = failures + passing.size();

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"patless\" tests=\"" << tests << "\" failures=\"" << failures << "\">\n";
  out << "  <testsuite name=\"patless\" tests=\"" << tests << "\" failures=\"" << failures << "\">\n";
  for (const auto& [path, rules] : by_file) {
    for (const auto& [id, findings] : rules) {
      const Rule* rule = find_rule(id);
      std::string name = id;
      if (rule) {
        name += ' ';
        name += rule->meta().name;
      }
      const Finding& first = *findings.front();
      out << "    <testcase classname=\"" << xml(path) << "\" name=\"" << xml(name) << "\">\n";
      out << "      <failure type=\"" << level_name(first.level) << "\" message=\"" << xml(first.message) << "\">";
      for (const Finding* f : findings)
        out << xml(path) << ":" << f->range.start_line << ":" << f->range.start_column << ": " << level_name(f->level)
            << ": " << xml(f->message) << "\n";
      out << "</failure>\n    </testcase>\n";
    }
  }
  for (const std::string& p : passing) out << "    <testcase classname=\"" << xml(p) << "\" name=\"no findings\"/>\n";
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace patless
