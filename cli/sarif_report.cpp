#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/fingerprint.h"
#include "cli/json_writer.h"
#include "cli/reports.h"
#include "grammars/ascii.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

using json = nlohmann::ordered_json;

// RFC 3986: keep unreserved characters and '/', percent-encode the rest.
std::string uri_encode(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
                c == '_' || c == '.' || c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

// SARIF wants a region's end at or after its start.
uint32_t end_column(const SourceRange& r) {
  return std::max(r.end_column, r.end_line == r.start_line ? r.start_column : 1u);
}

// The doc's first paragraph under "What it checks", else the summary.
std::string full_description(const RuleMeta& m, std::string_view doc) {
  size_t at = doc.find("## What it checks");
  if (at == std::string_view::npos) return std::string(m.summary);
  at = doc.find('\n', at);
  if (at == std::string_view::npos) return std::string(m.summary);
  size_t start = doc.find_first_not_of("\r\n", at);
  if (start == std::string_view::npos) return std::string(m.summary);
  size_t end = doc.find("\n\n", start);
  std::string text(doc.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

json rule_descriptor(const RuleMeta& m) {
  std::string_view doc = rule_doc(m.id);
  json tags = json::array();
  std::string_view t = m.tags;
  while (!t.empty()) {
    size_t sp = t.find(' ');
    tags.push_back(std::string(t.substr(0, sp)));
    t = sp == std::string_view::npos ? std::string_view() : t.substr(sp + 1);
  }
  json props{{"tags", tags}, {"precision", m.id == "PL001" ? "very-high" : "high"}};
  if (m.security) props["security-severity"] = m.level == Level::Error ? "7.5" : "5.0";
  json r{{"id", std::string(m.id)},
         {"name", std::string(m.name)},
         {"shortDescription", {{"text", std::string(m.summary)}}},
         {"fullDescription", {{"text", full_description(m, doc)}}}};
  if (!doc.empty()) r["help"] = {{"text", std::string(doc)}, {"markdown", std::string(doc)}};
  std::string_view doc_path = rule_doc_path(m.id);
  r["helpUri"] = std::string(PATLESS_HOMEPAGE) + (doc_path.empty() ? "" : "/blob/main/" + std::string(doc_path));
  r["defaultConfiguration"] = {{"level", level_name(m.level)}};
  r["properties"] = props;
  return r;
}

json automation_details() {
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  // In Azure Pipelines: the run's pipeline, in the shape GitHub Advanced Security
  // for Azure DevOps ingests (what Sarif.Multitool's GHAzDO rules check).
  if (!iequals(env("TF_BUILD"), "true")) return {{"id", "patless/"}};
  std::string org = env("SYSTEM_COLLECTIONURI");
  while (!org.empty() && org.back() == '/') org.pop_back();
  org = org.substr(org.find_last_of('/') + 1);
  std::string definition_id = env("SYSTEM_DEFINITIONID");
  if (definition_id.empty() || definition_id.find_first_not_of("0123456789") != std::string::npos ||
      definition_id[0] == '0')
    definition_id = "-1";
  std::string id = "azuredevops/pipeline/build/" + org + "/" + env("SYSTEM_TEAMPROJECT") + "/" + definition_id + "/" +
                   env("SYSTEM_PHASEID") + "/" + env("BUILD_SOURCEBRANCH") + "/" + env("BUILD_BUILDID") + "/";
  auto non_empty = [](std::string v, const char* fallback) { return v.find_first_not_of(" \t") == std::string::npos ? std::string(fallback) : v; };
  return {{"id", id},
          {"properties",
           {{"azuredevops/pipeline/build/buildDefinitionId", definition_id},
            {"azuredevops/pipeline/build/buildDefinitionName", non_empty(env("BUILD_DEFINITIONNAME"), "patless")},
            {"azuredevops/pipeline/build/phaseId", env("SYSTEM_PHASEID")},
            {"azuredevops/pipeline/build/phaseName", non_empty(env("SYSTEM_PHASENAME"), "patless")}}}};
}

// %SRCROOT% is the repository's top level (the working directory outside one)
// and a file below it is written relative to it; anything else is an absolute
// file URI (`file://../x` would name a host "..").
void write_artifact_location(JsonWriter& w, const RepositoryPaths& paths, const std::string& path) {
  w.key("artifactLocation").begin_object();
  if (std::optional<std::string> below = paths.below_root(path))
    w.member("uri", uri_encode(*below)).member("uriBaseId", "%SRCROOT%");
  else
    w.member("uri", "file://" + uri_encode(paths.absolute(path)));
  w.end_object();
}

void write_region(JsonWriter& w, std::string_view name, const SourceRange& r) {
  w.key(name)
      .begin_object()
      .member("startLine", r.start_line)
      .member("startColumn", r.start_column)
      .member("endLine", r.end_line)
      .member("endColumn", end_column(r))
      .end_object();
}

void write_physical_location(JsonWriter& w, const RepositoryPaths& paths, const std::string& path,
                             const SourceRange& r) {
  w.key("physicalLocation").begin_object();
  write_artifact_location(w, paths, path);
  if (r.valid()) write_region(w, "region", r);
  w.end_object();
}

// One element of `results`, in the members' order of the rest of the report.
void write_result(std::string& out, const Finding& f, const std::map<std::string, size_t>& rule_index,
                  const std::string& fingerprint, const RepositoryPaths& paths) {
  JsonWriter w(out);
  w.begin_object().member("ruleId", f.rule_id);
  if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) w.member("ruleIndex", it->second);
  w.member("level", level_name(f.level)).message("message", f.message);
  if (!f.path.empty()) {
    w.key("locations").begin_array().begin_object();
    write_physical_location(w, paths, f.path, f.range);
    w.end_object().end_array();
  }
  if (!f.related.empty()) {
    w.key("relatedLocations").begin_array();
    uint64_t id = 1;
    for (const RelatedLocation& rel : f.related) {
      w.begin_object().member("id", id++);
      write_physical_location(w, paths, rel.path, rel.range);
      w.message("message", rel.message).end_object();
    }
    w.end_array();
  }
  w.key("partialFingerprints").begin_object().member("patless/v1", fingerprint).end_object();
  if (!f.baseline.empty()) w.member("baselineState", f.baseline);
  if (f.suppressed) {
    w.key("suppressions").begin_array().begin_object().member("kind", "inSource");
    if (!f.suppressed->empty()) w.member("justification", *f.suppressed);
    w.end_object().end_array();
  }
  if (f.fix) {
    w.key("fixes").begin_array().begin_object().message("description", f.fix->description);
    w.key("artifactChanges").begin_array().begin_object();
    write_artifact_location(w, paths, f.fix->path);
    w.key("replacements").begin_array();
    for (const Replacement& rep : f.fix->replacements) {
      w.begin_object();
      write_region(w, "deletedRegion", rep.range);
      w.message("insertedContent", rep.text).end_object();
    }
    w.end_array().end_object().end_array().end_object().end_array();
  }
  w.end_object();
}

}  // namespace

void write_sarif(std::ostream& out, const ScanResult& result, const SarifContext& context) {
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  for (const Rule* rule : all_rules()) {
    rule_index[std::string(rule->meta().id)] = rules.size();
    rules.push_back(rule_descriptor(rule->meta()));
  }

  std::vector<std::string> prints = fingerprints(result.findings, context.paths);
  json notifications = json::array();
  for (const std::string& n : result.notifications)
    notifications.push_back({{"level", "note"}, {"message", {{"text", "Skipped " + n}}}});
  for (const std::string& n : result.notes) notifications.push_back({{"level", "note"}, {"message", {{"text", n}}}});

  json invocation{{"executionSuccessful", true}};
  if (!context.command_line.empty()) {
    std::string cmd;
    for (const std::string& a : context.command_line) cmd += (cmd.empty() ? "" : " ") + a;
    invocation["commandLine"] = cmd;
  }
  invocation["toolExecutionNotifications"] = notifications;

  json sarif{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::array({{{"tool",
                      {{"driver",
                        {{"name", "patless"},
                         {"fullName", "patless: PAT-less Flux on AKS linter"},
                         {"version", PATLESS_VERSION},
                         {"semanticVersion", PATLESS_VERSION},
                         {"informationUri", PATLESS_HOMEPAGE},
                         {"rules", rules}}}}},
                     {"automationDetails", automation_details()},
                     {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file://" + uri_encode(context.paths.root())}}}}},
                     {"invocations", json::array({invocation})},
                     {"columnKind", "unicodeCodePoints"},
                     {"results", "@results@"}}})}};
  const std::string head = sarif.dump(2, ' ', false, json::error_handler_t::replace);
  const std::string placeholder = "\"@results@\"";
  const size_t at = head.rfind(placeholder);
  out << std::string_view(head).substr(0, at) << "[";
  // Results go out one at a time, written directly (json_writer.h), in chunks.
  std::string buffer;
  size_t written = 0;
  auto next = [&] {
    buffer += written++ ? ",\n        " : "\n        ";
  };
  auto flush = [&](size_t above) {
    if (buffer.size() <= above) return;
    out << buffer;
    buffer.clear();
  };
  for (size_t i = 0; i < result.findings.size(); ++i) {
    next();
    write_result(buffer, result.findings[i], rule_index, prints[i], context.paths);
    flush(1 << 16);
  }
  for (const std::string& a : result.absent) {
    next();
    buffer += json::parse(a).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  flush(0);
  out << (written ? "\n      ]" : "]") << std::string_view(head).substr(at + placeholder.size()) << "\n";
}

namespace {

// nlohmann's dump(2) of `j`, its lines after the first indented by `by` more:
// what dumping it inside its parent at that depth writes.
std::string dumped_at(const json& j, std::string_view by) {
  std::string text = j.dump(2, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out += by;  // a JSON string holds no raw newline: each is a line break
  }
  return out;
}

}  // namespace

// The bytes of nlohmann's dump(2) of the whole log, a finding at a time: the
// findings are never one tree.
void write_json(std::ostream& out, const ScanResult& result, const RepositoryPaths& paths) {
  std::vector<std::string> prints = fingerprints(result.findings, paths);
  out << "{\n  \"version\": " << json(PATLESS_VERSION).dump() << ",\n  \"findings\": [";
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    json j{{"rule", f.rule_id},
           {"level", level_name(f.level)},
           {"message", f.message},
           {"path", f.path},
           {"line", f.range.start_line},
           {"column", f.range.start_column},
           {"endLine", f.range.end_line},
           {"endColumn", f.range.end_column},
           {"fingerprint", prints[i]}};
    if (!f.related.empty()) {
      json related = json::array();
      for (const RelatedLocation& r : f.related)
        related.push_back({{"path", r.path}, {"line", r.range.start_line}, {"column", r.range.start_column},
                           {"message", r.message}});
      j["related"] = related;
    }
    if (f.suppressed) j["suppressed"] = *f.suppressed;
    if (!f.baseline.empty()) j["baselineState"] = f.baseline;
    out << (i ? ",\n    " : "\n    ") << dumped_at(j, "    ");
  }
  out << (result.findings.empty() ? "]" : "\n  ]");
  json skipped = json::array();
  for (const std::string& n : result.notifications) skipped.push_back(n);
  out << ",\n  \"skipped\": " << dumped_at(skipped, "  ") << ",\n  \"notes\": " << dumped_at(json(result.notes), "  ")
      << "\n}\n";
}

}  // namespace patless
