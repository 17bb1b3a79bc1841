// PL001: a file that cannot be parsed. The readers record the first error;
// this rule turns it into a finding so it is filtered and reported like any other.
#include "rules/engine/graph.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class ParseErrorRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL001", "parse-error", Level::Error, "BAY",
                            "A file that cannot be parsed; the scan goes on with the other files.",
                            "correctness", false};
    return m;
  }
  void check(const Graph& graph, Emitter& out) const override {
    for (const Document& doc : graph.documents()) {
      for (const ParseError& e : doc.errors) {
        Finding f;
        f.message = std::string("Cannot parse this ") + format_label(doc.format) + " file: " + e.message + ".";
        f.path = doc.path;
        f.range = e.range;
        f.logical_location = "file";
        out.report(std::move(f));
      }
    }
  }

 private:
  static const char* format_label(Format f) {
    switch (f) {
      case Format::Bicep: return "Bicep";
      case Format::BicepParams: return "Bicep parameters";
      case Format::Arm: return "ARM JSON";
      case Format::ArmParams: return "ARM parameters";
      case Format::Yaml: return "YAML";
    }
    return "";
  }
};

PATLESS_REGISTER_RULE(ParseErrorRule);

}  // namespace
}  // namespace patless
