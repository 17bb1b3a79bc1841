#include "grammars/arm/arm_reader.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "grammars/arm/arm_expression.h"
#include "grammars/arm/json_reader.h"
#include "grammars/arm/json_scan.h"
#include "grammars/arm/template_pruner.h"
#include "grammars/ascii.h"
#include "grammars/needle_set.h"
#include "grammars/read_document.h"
#include "grammars/source_text.h"

namespace patless {
namespace {

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Turns every JSON string that holds an ARM expression into its expression tree.
void expand_expressions(Value& v, int depth = 0) {
  if (depth > 512) return;  // the JSON reader already bounds nesting
  if (v.kind == Value::Kind::String) {
    if (!v.text.empty() && v.text.front() == '[') v = arm_string_value(v.text, v.range);
    return;
  }
  for (auto& m : v.members) expand_expressions(m.value, depth + 1);
  for (auto& i : v.items) expand_expressions(i, depth + 1);
}

// Whether the text can declare anything of the chain (grammars/read_document.h):
// a chain type, a linked template, a suppression comment. ASCII case does not matter in ARM types.
bool may_touch_chain(std::string_view bytes) {
  enum Word : size_t { kSuppression, kNextLineSuppression };
  static const NeedleSet words{{"patless-disable"},
                               {"disable-next-line"},
                               {"microsoft.containerservice/managedclusters", true},
                               {"microsoft.kubernetesconfiguration/", true},
                               {"microsoft.managedidentity/", true},
                               {"templatelink", true}};
  std::vector<NeedleSet::Match> matches;
  words.find_all(bytes, matches);
  return std::any_of(matches.begin(), matches.end(), [&](const NeedleSet::Match& m) {
    return m.needle != kNextLineSuppression || may_suppress(bytes);
  });
}

// Notes the root's $schema from scan_json's events, and passes over what the
// root's members hold.
class SchemaOnly : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit SchemaOnly(ScannedTokens& tokens) : tokens_(tokens) {}
  std::string schema;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t& s) override {
    if (depth_ == 1 && schema_next_) schema = s;
    schema_next_ = false;
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return enter(); }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool key(string_t& k) override {
    schema_next_ = depth_ == 1 && k == "$schema";
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  ScannedTokens& tokens_;
  bool passing_ = true;
  int depth_ = 0;
  bool schema_next_ = false;
  bool enter() {
    // Once a pass fails, the text is not JSON the scan takes (it stops at that
    // place): passing over every container inside it again would read the rest
    // once per level (200,000 unclosed brackets: minutes).
    if (++depth_ > 1 && passing_) {
      JsonSkipLimits unlimited{SIZE_MAX, SIZE_MAX};  // as nlohmann, which has no limits of its own
      passing_ = tokens_.pass_over(tokens_.open(), unlimited);
    }
    schema_next_ = false;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }
};

// Whether `bytes` is JSON nlohmann takes (scan_json takes exactly that: the
// tests and fuzz_arm hold it to it), and its root's $schema.
bool valid_json(std::string_view bytes, std::string& schema) {
  ScannedTokens tokens(bytes);
  SchemaOnly check(tokens);
  if (!scan_json(bytes, check, tokens)) return false;
  schema = std::move(check.schema);
  return true;
}

// The tree read_json built is read once and then thrown away: its parts are
// moved into the model, not copied (a compiled main.json runs to megabytes).
Value* take(Value& v, std::string_view key) {
  for (Member& m : v.members)
    if (!m.spread && m.key == key) return &m.value;
  return nullptr;
}

// A resource outside the identity chain: only what names and places it stays;
// its other keys are unknown (spread).
void keep_placement_only(Value& body) {
  std::erase_if(body.members,
                [](const Member& m) { return m.key != "name" && m.key != "scope" && m.key != "dependsOn"; });
  body.members.shrink_to_fit();
  body.spread = true;
}

std::string string_of(const Value* v) { return v && v->kind == Value::Kind::String ? v->text : std::string(); }

// What a nested child resource needs of its parent.
struct ParentRef {
  std::string symbol, type;
};

void read_resource(Document& doc, Value& v, const std::string& symbol, const ParentRef* parent) {
  if (v.kind != Value::Kind::Object) return;
  Resource r;
  r.symbol = symbol;
  r.range = v.range;
  r.head_range = SourceRange{v.range.start_line, v.range.start_column, v.range.start_line,
                             v.range.start_column + 1, v.range.start_offset, v.range.start_offset + 1};
  if (const Member* t = v.member("type")) {
    r.type = child_type(parent ? parent->type : std::string(), string_of(&t->value));
    r.type_range = t->value.range;
  }
  if (const Member* a = v.member("apiVersion")) {
    if (a->value.kind == Value::Kind::String) {
      r.api_version = a->value.text;
      // The version text sits inside the quotes.
      SourceRange inner = a->value.range;
      ++inner.start_column;
      ++inner.start_offset;
      if (inner.end_column > 1) --inner.end_column;
      if (inner.end_offset > 0) --inner.end_offset;
      r.api_version_range = inner;
    }
  }
  if (const Value* e = v.get("existing"); e && e->kind == Value::Kind::Bool) r.existing = e->text == "true";
  if (const Value* c = v.get("condition")) {
    r.conditional = true;
    r.condition = *c;
  }
  if (const Value* copy = v.get("copy")) {
    r.loop = true;
    if (const Value* count = copy->get("count")) r.loop_over = *count;
  }
  if (parent) r.parent_symbol = parent->symbol;
  // Child resources are read as resources of their own: out of the body first.
  Value children;
  if (Value* c = take(v, "resources"); c && c->kind == Value::Kind::Array) {
    children = std::move(*c);
    *c = Value{};
    c->kind = Value::Kind::Opaque;
    c->range = children.range;
  }
  r.body = std::move(v);
  if (!is_chain_type(r.type)) keep_placement_only(r.body);
  doc.resources.push_back(std::move(r));
  if (!children.items.empty()) {
    // By value: reading the children appends to doc.resources.
    const ParentRef self{doc.resources.back().symbol, doc.resources.back().type};
    for (size_t i = 0; i < children.items.size(); ++i)
      read_resource(doc, children.items[i], self.symbol + "/resources[" + std::to_string(i) + "]", &self);
  }
}

// Whether a parameter or a type definition is `"nullable": true`, itself or through
// the `"$ref": "#/definitions/t"` it is (Bicep's `param p t` with `type t = {…}?`).
bool nullable_type(const Value& type, const Value* definitions) {
  const Value* t = &type;
  for (int hops = 0; t && t->kind == Value::Kind::Object && hops < 8; ++hops) {
    const Value* nullable = t->get("nullable");
    if (nullable && nullable->kind == Value::Kind::Bool && nullable->text == "true") return true;
    std::string ref = string_of(t->get("$ref"));
    constexpr std::string_view kPrefix = "#/definitions/";
    if (!definitions || !ref.starts_with(kPrefix)) return false;
    t = definitions->get(std::string_view(ref).substr(kPrefix.size()));
  }
  return false;
}

// A template's (or a policy definition's) `parameters`, with their defaults.
void read_parameters(Document& doc, Value& root) {
  const Value* definitions = root.get("definitions");
  if (Value* params = take(root, "parameters"); params && params->kind == Value::Kind::Object) {
    for (Member& m : params->members) {
      Parameter p;
      p.name = m.key;
      p.range = m.key_range;
      p.type = string_of(m.value.get("type"));
      p.nullable = nullable_type(m.value, definitions);
      if (Value* d = take(m.value, "defaultValue")) p.default_value = std::move(*d);
      doc.parameters.push_back(std::move(p));
    }
  }
}

void read_template(Document& doc, Value& root, int depth = 0);

// A Microsoft.Resources/deployments resource with an inline template becomes a
// nested document. Its resource pointer is fixed up once the parent's list stops growing.
void read_nested_templates(Document& doc, int depth) {
  if (depth >= kMaxNestedDeployments) return;
  for (Resource& r : doc.resources) {
    if (!iequals(r.type, "Microsoft.Resources/deployments")) continue;
    Value* props = nullptr;
    for (Member& m : r.body.members)
      if (m.key == "properties") props = &m.value;
    Member* tmpl = nullptr;
    for (Member& m : props ? props->members : r.body.members)
      if (props && m.key == "template") tmpl = &m;
    if (!tmpl || tmpl->value.kind != Value::Kind::Object) continue;
    Document nested;
    nested.path = doc.path;
    nested.format = Format::Arm;
    nested.nested_in = &r;
    const Value* options = props->get("expressionEvaluationOptions");
    const Value* scope = options ? options->get("scope") : nullptr;
    // Outer scope (the default): the template's expressions see this document's parameters.
    nested.outer_expressions = !scope || !iequals(scope->text, "inner");
    // The template lives on in the nested document only: each level is kept once.
    Value body = std::move(tmpl->value);
    tmpl->value = Value{};
    tmpl->value.kind = Value::Kind::Opaque;
    tmpl->value.range = body.range;
    read_template(nested, body, depth + 1);
    if (outside_chain(nested)) {
      // Nothing of the chain inside, and patless does not follow an ARM nested
      // deployment's outputs: the deployment is an ordinary resource.
      keep_placement_only(r.body);
      continue;
    }
    doc.nested.push_back(std::move(nested));
  }
}

void read_template(Document& doc, Value& root, int depth) {
  read_parameters(doc, root);
  if (Value* vars = take(root, "variables"); vars && vars->kind == Value::Kind::Object) {
    for (Member& m : vars->members)
      if (m.key != "copy") doc.variables.push_back({m.key, m.key_range, std::move(m.value)});
  }
  if (Value* outputs = take(root, "outputs"); outputs && outputs->kind == Value::Kind::Object) {
    for (Member& m : outputs->members)
      if (Value* v = take(m.value, "value")) doc.outputs.push_back({m.key, m.key_range, std::move(*v)});
  }
  if (Value* resources = take(root, "resources")) {
    if (resources->kind == Value::Kind::Array) {
      for (size_t i = 0; i < resources->items.size(); ++i)
        read_resource(doc, resources->items[i], "resources[" + std::to_string(i) + "]", nullptr);
    } else if (resources->kind == Value::Kind::Object) {  // languageVersion 2.0: symbolic names
      for (Member& m : resources->members) read_resource(doc, m.value, m.key, nullptr);
    }
  }
  read_nested_templates(doc, depth);
}

// A template spec version as Azure returns it (what Bicep caches for a `ts:`
// module): the template is properties.mainTemplate.
Value* template_spec_template(Value& root) {
  Value* props = take(root, "properties");
  Value* main = props && props->kind == Value::Kind::Object ? take(*props, "mainTemplate") : nullptr;
  if (!main || main->kind != Value::Kind::Object) return nullptr;
  return contains(string_of(main->get("$schema")), "eploymentTemplate.json") ? main : nullptr;
}

// An Azure Policy definition whose deployIfNotExists deploys a template (a
// fluxConfiguration on every cluster, say): the definition, its `properties`,
// or a bare rule file ({"if", "then"}). Null when it deploys none.
Value* policy_deployment(Value& root, Value*& definition) {
  definition = &root;
  if (Value* props = take(root, "properties"); props && props->kind == Value::Kind::Object && take(*props, "policyRule"))
    definition = props;
  Value* rule = take(*definition, "policyRule");
  if (!rule) rule = definition;
  Value* then = take(*rule, "then");
  Value* details = then ? take(*then, "details") : nullptr;
  Value* deployment = details ? take(*details, "deployment") : nullptr;
  Value* props = deployment ? take(*deployment, "properties") : nullptr;
  Value* tmpl = props ? take(*props, "template") : nullptr;
  return tmpl && tmpl->kind == Value::Kind::Object ? deployment : nullptr;
}

// The policy's parameters (with their defaults) are the document's; the
// deployment is a resource whose template is a nested document. Policy passes
// the template its parameters (`[parameters('x')]`, `[field('name')]`); the
// template's own expressions see only those: inner scope.
void read_policy(Document& doc, Value& definition, Value& deployment) {
  read_parameters(doc, definition);
  // Policy writes no type: it is a deployment.
  Value type;
  type.kind = Value::Kind::String;
  type.text = "Microsoft.Resources/deployments";
  type.range = deployment.range;
  deployment.members.push_back({"type", deployment.range, std::move(type)});
  read_resource(doc, deployment, "policyRule.then.details.deployment", nullptr);
  read_nested_templates(doc, 0);
  for (Document& n : doc.nested) n.outer_expressions = false;
}

// azd fills `${AZURE_ENV_NAME}` and `${VAR=default}` in a parameters file from
// its environment before it deploys: such a string is unknown, not a literal.
void mark_substitutions(Value& v) {
  if (v.kind == Value::Kind::String && v.text.find("${") != std::string::npos) v.kind = Value::Kind::Opaque;
  for (Value& item : v.items) mark_substitutions(item);
  for (Member& m : v.members) mark_substitutions(m.value);
}

void read_parameters_file(Document& doc, const Value& root) {
  const Value* params = root.get("parameters");
  if (!params || params->kind != Value::Kind::Object) return;
  for (const Member& m : params->members) {
    Parameter p;
    p.name = m.key;
    p.range = m.key_range;
    // A Key Vault reference or a missing value stays unknown.
    if (const Value* value = m.value.get("value")) {
      p.default_value = *value;
      mark_substitutions(*p.default_value);
    }
    doc.parameters.push_back(std::move(p));
  }
}

}  // namespace

bool looks_like_arm(std::string_view bytes) {
  return contains(bytes, "eploymentTemplate.json") || contains(bytes, "eploymentParameters.json");
}

std::optional<Document> read_arm(std::string path, std::string_view bytes, bool outline_outside_chain, bool prune) {
  if (outline_outside_chain && !may_touch_chain(bytes)) {
    if (std::string schema; valid_json(bytes, schema)) {
      if (contains(schema, "eploymentTemplate.json")) {
        return outline_of(std::move(path), Format::Arm);
      }
      // A template spec version (properties.mainTemplate) is read whole below.
      if (!contains(schema, "eploymentParameters.json") && !contains(bytes, "\"mainTemplate\"")) return std::nullopt;
    }
    // Not valid JSON, or a parameters file: read whole below.
  }
  SourceText src(bytes);
  Document doc;
  doc.path = std::move(path);
  doc.format = Format::Arm;
  std::optional<TemplatePruner> pruner;
  if (prune) pruner.emplace(bytes);
  JsonReadResult json = read_json(src, pruner ? &*pruner : nullptr);
  if (json.pruned_unsafely) json = read_json(src);
  doc.comments = std::move(json.comments);
  if (!json.root) {
    doc.errors.push_back(*json.error);
    return doc;
  }
  Value& root = *json.root;
  std::string schema = string_of(root.get("$schema"));
  if (contains(schema, "eploymentParameters.json")) {
    doc.format = Format::ArmParams;
    expand_expressions(root);
    read_parameters_file(doc, root);
  } else if (contains(schema, "eploymentTemplate.json")) {
    expand_expressions(root);
    read_template(doc, root);
  } else if (Value* main = template_spec_template(root)) {
    expand_expressions(*main);
    read_template(doc, *main);
  } else if (Value* definition = nullptr, *deployment = policy_deployment(root, definition); deployment) {
    expand_expressions(root);
    read_policy(doc, *definition, *deployment);
  } else {
    return std::nullopt;
  }
  return doc;
}

}  // namespace patless
