// The format-neutral model every reader produces and every rule reads.
// Rules never see tree-sitter, nlohmann or yaml-cpp types.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace patless {

// 1-based lines and columns (columns count Unicode code points; a tab is one
// column, a UTF-8 BOM is none); end is exclusive. Byte offsets index the
// original file bytes.
struct SourceRange {
  uint32_t start_line = 0, start_column = 0;
  uint32_t end_line = 0, end_column = 0;
  uint32_t start_offset = 0, end_offset = 0;
  bool valid() const { return start_line != 0; }
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const SourceRange&) const = default;
};

struct Member;

enum class Format { Bicep, BicepParams, Arm, ArmParams, Yaml };

// Resource types that can be links of the identity chain (clusters, Kubernetes
// configuration, managed identities, deployments). Readers keep only what names
// and places other resources: most of a repository, which no rule reads.
bool is_chain_type(std::string_view type);
// Whether a resource makes its file part of the chain on its own (grammars/read_document.h):
// one of the chain's types, except an `existing` cluster or identity (whatever uses it is in
// the same file, or reads it through outputs) and a deployment without a linked template
// (an inline one, such as AVM's telemetry deployment, is not read).
bool links_chain(std::string_view type, bool existing, bool linked_template);
const char* format_name(Format f);

// A value as written in the source. Scalars and containers are literals;
// the other kinds keep an expression's shape so the engine can evaluate it.
struct Value {
  enum class Kind : uint8_t {
    Null,
    Bool,
    Number,
    String,
    Object,
    Array,
    Reference,      // a bare name: Bicep identifier (param, var, resource symbol)
    Member,         // items[0].text
    Index,          // items[0][items[1]]
    Call,           // text(items...); text may be namespaced, e.g. "az.resourceGroup"
    Interpolation,  // concatenation of items (strings and expressions)
    Ternary,        // items[0] ? items[1] : items[2]
    Operator,       // text is the operator; items are operands (1 or 2)
    Loop,           // Bicep `[for (item, index) in items[0]: items[1]]`: text is "item" or "item,index"
    Lambda,         // Bicep `x => items[0]`: text is "x" (a lambda of several parameters is Opaque)
    Opaque,         // any other expression, a YAML ${variable}: unknown
  };
  std::string text;  // string contents, number/bool text, name or operator
  std::vector<Value> items;        // array items, call arguments, operands
  std::vector<Member> members;  // object members, in source order
  SourceRange range;
  // The one-byte fields come last, together: a Value is a node of every tree the
  // readers keep, and padding between them would cost each node 8 bytes.
  Kind kind = Kind::Null;
  // An object or array with a spread (`...x`) in it. An object's spread is a
  // member of its own (Member::spread); an array's is an Opaque item.
  bool spread = false;
  // 0: written in its document's own file. n > 0: a kustomize patch put it in
  // an object; ObjectNode::patched_by[n - 1] is the patch's file. kForeign: an
  // evaluated value that came from another file (a caller, a parameter file).
  uint8_t origin = 0;
  static constexpr uint8_t kForeign = 255;
  // YAML: written under an anchor (`&name`), so aliases may stand for it too,
  // or merged in with `<<`, so written outside the mapping that has it. A fix
  // that edited it would change other places or the wrong mapping: none is offered.
  bool shared = false;
  // Bicep's safe dereference `a.?b` (a Member): null where `a` is null or has no `b`.
  bool safe = false;
  // Bicep: written in parentheses, `(a && b)` (the reader needs it; see bicep_reader.cpp).
  bool grouped = false;

  bool is_literal_scalar() const {
    return kind == Kind::Null || kind == Kind::Bool || kind == Kind::Number || kind == Kind::String;
  }
  const Value* get(std::string_view key) const;  // object member by exact key
  const Member* member(std::string_view key) const;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Value&) const = default;
};

struct Member {
  std::string key;
  SourceRange key_range;
  Value value;
  bool spread = false;  // `...value`: no key; its members are merged in at this place
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Member&) const = default;
};

inline const Member* Value::member(std::string_view key) const {
  for (const auto& m : members)
    if (!m.spread && m.key == key) return &m;
  return nullptr;
}
inline const Value* Value::get(std::string_view key) const {
  const Member* m = member(key);
  return m ? &m->value : nullptr;
}

// An Azure resource: a Bicep `resource` or an ARM `resources` entry.
struct Resource {
  std::string symbol;        // Bicep symbolic name / ARM symbolic name or "resources[3]"
  std::string type;          // e.g. Microsoft.KubernetesConfiguration/fluxConfigurations (child types joined)
  std::optional<std::string> api_version;  // nullopt when not a literal
  SourceRange type_range;    // the whole type string (Bicep: 'Type@version' including quotes)
  SourceRange api_version_range;  // just the version text
  SourceRange range;         // the whole declaration
  SourceRange head_range;    // where the declaration starts (Bicep: `resource sym`; ARM: the object's `{`)
  bool existing = false;
  bool conditional = false;  // `if (...)` / ARM `condition`
  std::optional<Value> condition;  // the condition, when conditional
  // What a loop runs over: Bicep's `for x in <this>`, ARM's copy.count.
  std::optional<Value> loop_over;
  bool loop = false;         // `[for ...]` / ARM `copy`
  // Bicep's loop variables: `for item in …` or `for (item, index) in …`.
  std::string loop_item, loop_index;
  std::string parent_symbol;  // Bicep `parent:` symbol or the enclosing ARM resource's symbol
  std::vector<Value> decorators;  // Bicep `@batchSize(1)`, `@description(...)`: Call values
  Value body;                 // the declaration's object: name, location, properties, scope, ...
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Resource&) const = default;
};

struct Parameter {
  std::string name;
  SourceRange range;
  std::string type;
  std::optional<Value> default_value;
  // Bicep `param p T?`, ARM `"nullable": true`: a deployment that does not pass it gets null.
  bool nullable = false;
  std::vector<Value> decorators;  // Bicep `@secure()`, `@allowed([...])`: Call values
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Parameter&) const = default;
};

struct Variable {
  std::string name;
  SourceRange range;
  Value value;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Variable&) const = default;
};

// A module path that names a registry module (`br:…`, `br/<alias>:…`) or a
// template spec (`ts:…`, `ts/<alias>:…`) rather than a file.
inline bool is_template_spec_reference(std::string_view path) {
  return path.starts_with("ts:") || path.starts_with("ts/");
}
inline bool is_registry_reference(std::string_view path) {
  return path.starts_with("br:") || path.starts_with("br/") || is_template_spec_reference(path);
}

struct Module {
  std::string symbol;
  // `[for (item, index) in <loop_over>: {…}]`: a deployment for each item.
  bool loop = false;
  std::optional<Value> loop_over;
  std::string loop_item, loop_index;
  std::vector<Value> decorators;  // `@batchSize(1)`: Call values
  std::string path;  // as written: './x.bicep', 'br:...'; a restored registry module's main.json (below)
  SourceRange range;
  SourceRange path_range;  // the path's string, quotes included
  // A registry module (`br:`, `br/public:`) that Bicep restored to its cache:
  // the reference as written; `path` is then the cached template (cli/bicep_registry.h).
  std::string registry;
  bool conditional = false;        // `module m '...' = if (...)`
  std::optional<Value> condition;  // the condition, when conditional
  Value body;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Module&) const = default;
};

// A compile-time import: `import { a, b as c } from 'x.bicep'` or
// `import * as ns from 'x.bicep'`. What it names is read from that file.
struct Import {
  std::string path;  // as written
  std::vector<std::pair<std::string, std::string>> names;  // (exported name, local name)
  std::string wildcard;  // `* as ns`: ns
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Import&) const = default;
};

struct Output {
  std::string name;
  SourceRange range;
  Value value;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Output&) const = default;
};

// The Flux Operator's FluxInstance (fluxcd.controlplane.io), which installs Flux
// and makes a GitRepository and a Kustomization from its spec.sync.
inline bool names_flux_instance(std::string_view api_version, std::string_view kind) {
  return kind == "FluxInstance" && api_version.starts_with("fluxcd.controlplane.io/");
}

// The names kustomize finds a kustomization by in a directory, in the order it
// looks for them (konfig.RecognizedKustomizationFileNames).
inline constexpr std::string_view kKustomizationFileNames[] = {"kustomization.yaml", "kustomization.yml",
                                                               "Kustomization"};

// A kustomization by its file name. Such a file is read even without apiVersion
// and kind, which kustomize then takes to be kustomize.config.k8s.io/v1beta1
// Kustomization (types.FixKustomization).
inline bool is_kustomization_file(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view k : kKustomizationFileNames)
    if (name == k) return true;
  return false;
}

// A Kubernetes object: one YAML document with apiVersion and kind.
struct K8sObject {
  std::string api_version, kind, name, namespace_;
  SourceRange range;  // the document's root node; for a generated object, what it is made from
  Value root;
  // An object that another one makes in the cluster (the GitRepository and
  // Kustomization of a FluxInstance's spec.sync, rules/engine/graph_flux_instance.cpp):
  // the index of that one in its Document::objects; -1 for an object written out.
  int generated_by = -1;
  // A kustomize kustomization or component (kustomize.config.k8s.io), not Flux's Kustomization.
  bool is_kustomization() const {
    return (kind == "Kustomization" || kind == "Component") && api_version.starts_with("kustomize.config.k8s.io/");
  }
  // The Flux Operator's FluxInstance (fluxcd.controlplane.io): it installs Flux.
  bool is_flux_instance() const { return names_flux_instance(api_version, kind); }
  // What a kustomization builds (`resources`, `bases`, `components`), as written:
  // files or directories, not remote repositories. None for any other object.
  std::vector<std::string_view> kustomize_paths() const;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const K8sObject&) const = default;
};

// A patch a kustomization writes inline (`patches[].patch`, `patchesStrategicMerge[]`,
// `patchesJson6902[].patch`), parsed, with its ranges in the kustomization's file.
struct KustomizePatch {
  enum class Type { StrategicMerge, Json6902 };
  Type type = Type::StrategicMerge;
  // What it applies to; an empty field matches anything. Kind, name and
  // namespace are patterns; the selectors are Kubernetes label selectors.
  std::string target_group, target_version, target_kind, target_name, target_namespace;
  std::string label_selector, annotation_selector;
  // Reads a `target:` (or a replacement's `select:`) object; null leaves it empty.
  void read_target(const Value* target);
  bool selects_by_metadata() const { return !label_selector.empty() || !annotation_selector.empty(); }
  Value body;         // the patch object, or the list of JSON patch operations
  SourceRange range;  // the patch text, or the path of a patch file
  // From a FluxInstance's spec.kustomize.patches: it patches the Flux that the
  // operator installs, not the files a kustomization builds.
  bool of_flux_instance = false;
  // A patch kept in a file of its own (`patches[].path`, `patchesJson6902[].path`,
  // a path in `patchesStrategicMerge`): the path as written, relative to the
  // kustomization. The body is empty; the graph takes it from the file.
  std::string file;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const KustomizePatch&) const = default;
};

struct Comment {
  std::string text;  // including the comment marker
  SourceRange range;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const Comment&) const = default;
};

// Whether text may hold a suppression that rules/engine/suppressions.cpp reads:
// patless's own keywords (patless-disable-next-line, patless-disable-file), or
// Bicep's #disable-next-line naming a patless rule (PL and a digit, any case).
// A file with one is read whole, so that PL002/PL003 see it; Bicep's own codes
// (#disable-next-line no-deployments-resources, on every AVM module) are not ours.
inline bool may_suppress(std::string_view text) {
  if (text.find("patless-disable") != std::string_view::npos) return true;
  if (text.find("disable-next-line") == std::string_view::npos) return false;
  for (size_t i = 0; i + 2 < text.size(); ++i)
    if ((text[i] == 'P' || text[i] == 'p') && (text[i + 1] == 'L' || text[i + 1] == 'l') && text[i + 2] >= '0' &&
        text[i + 2] <= '9')
      return true;
  return false;
}

// A reader's verdict on a file it could not read as a whole (becomes PL001).
struct ParseError {
  std::string message;
  SourceRange range;
  // Field by field (tests of grammars/model_codec.h).
  bool operator==(const ParseError&) const = default;
};

struct Document {
  std::string path;  // as discovered (relative to the scan root where possible)
  Format format = Format::Bicep;
  std::vector<Resource> resources;
  std::vector<Parameter> parameters;
  std::vector<Variable> variables;
  std::vector<Module> modules;
  std::vector<Import> imports;
  std::vector<Output> outputs;
  std::vector<K8sObject> objects;
  std::vector<KustomizePatch> patches;  // of the kustomizations (and FluxInstances) in this file
  // ARM nested deployments with an inline template (Microsoft.Resources/deployments,
  // properties.template), each a document of its own with the same path.
  std::vector<Document> nested;
  // For a nested document: the deployment resource (in the parent document)
  // and whether its expressions see the parent's parameters and variables
  // (expressionEvaluationOptions.scope 'outer', the default) or their own.
  const Resource* nested_in = nullptr;
  bool outer_expressions = false;
  // A parameter file named on the command line (--params): it deploys every
  // template of its format, not just the ones beside it.
  bool given_as_parameters = false;
  std::vector<Comment> comments;
  std::vector<ParseError> errors;
  std::string using_path;  // .bicepparam `using '...'`; parameter values are in `parameters`
  SourceRange using_range;  // the `using` statement
  SourceRange using_path_range;  // its path's string, quotes included
  // A `using` of a registry module or template spec that Bicep restored: the
  // reference as written; `using_path` is then the cached template (cli/bicep_registry.h).
  std::string using_registry;
  // .bicepparam `extends '...'`: the base file that sets the parameters this one does not.
  std::string extends_path;
  // Read with Detail::ChainOnly and outside the chain: only path and format are
  // set, and for a Bicep file of modules their symbols, paths and ranges
  // (Module::body empty) (grammars/read_document.h).
  bool outline = false;
  // A registry module's template from Bicep's cache, outside the repository (or a
  // nested deployment in one): the reference a module wrote for it. Its findings
  // are reported at that module.
  std::string registry;
  // Of the text read (the scan sets it; std::hash of the UTF-8 text): a fix is
  // applied only to a file that still has it.
  uint64_t text_hash = 0;

  const Parameter* parameter(std::string_view name) const;
  const Variable* variable(std::string_view name) const;
  const Resource* resource(std::string_view symbol) const;
  // The object after `o` in this file (objects are in file order), or null:
  // where o's YAML document ends. A generated object is in its maker's document.
  const K8sObject* next_object(const K8sObject& o) const {
    if (o.generated_by >= 0) return next_object(objects[static_cast<size_t>(o.generated_by)]);
    size_t i = static_cast<size_t>(&o - objects.data());
    return i + 1 < objects.size() ? &objects[i + 1] : nullptr;
  }
};

}  // namespace patless
