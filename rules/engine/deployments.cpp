#include "rules/engine/deployments.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "grammars/ascii.h"
#include "grammars/paths.h"
#include "rules/engine/loops.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

bool is_parameter_file(const Document& d) {
  return d.format == Format::BicepParams || d.format == Format::ArmParams;
}

// A module path the scan can follow: a Bicep file or an ARM template (Bicep
// deploys both), not a registry or template spec reference.
bool is_local(const std::string& path) {
  return !path.empty() && path.find(':') == std::string::npos && (path.ends_with(".bicep") || path.ends_with(".json"));
}

// The documents by normalised path and the templates of each directory, computed once.
struct Paths {
  std::map<std::string, size_t> by_path;
  std::map<std::string, std::vector<size_t>> templates_in;  // by directory
  explicit Paths(std::span<const Document> docs) {
    for (size_t i = 0; i < docs.size(); ++i) {
      by_path[normal_path(docs[i].path)] = i;
      if (is_template(docs[i])) templates_in[directory_of(docs[i].path)].push_back(i);
    }
  }
};

// The values a parameter file gives: its own, then those of the .bicepparam it
// extends that it does not set, each evaluated in its own file, and so on. A base
// that is not in the scan leaves every other parameter unknown.
void bind_parameter_file(Scope& s, const Document& pf, std::span<const Document> docs, const Paths& paths,
                         const std::map<const Document*, const Scope*>& own_scope) {
  const Document* file = &pf;
  for (int depth = 0;; ++depth) {
    auto from = own_scope.find(file);  // every parameter file has one
    if (from == own_scope.end()) {
      s.unlisted_unknown = true;
      return;
    }
    for (const Parameter& p : file->parameters) {
      bool set = std::any_of(s.arguments.begin(), s.arguments.end(), [&](const Argument& a) { return a.name == p.name; });
      if (!set) s.arguments.push_back({p.name, p.default_value ? &*p.default_value : nullptr, from->second});
    }
    if (file->extends_path.empty()) return;
    auto it = paths.by_path.find(beside(file->path, file->extends_path));
    if (depth >= kMaxModuleDepth || it == paths.by_path.end() || docs[it->second].format != Format::BicepParams) {
      s.unlisted_unknown = true;
      return;
    }
    file = &docs[it->second];
  }
}

// The templates a parameter file is for: the one a .bicepparam's `using` names
// (a Bicep file or an ARM template). A JSON parameters file deploys ARM
// templates and Bicep files alike (`az deployment group create -f main.bicep
// -p main.parameters.json`, the layout of azd): given with --params, every
// template the scan does not deploy as a module; found in a directory, the
// templates whose name starts its own (main.json, main.bicep ←
// main.parameters.json), or else every ARM template there.
std::vector<size_t> targets_of(const Document& params, std::span<const Document> docs, const Paths& paths) {
  std::vector<size_t> named, alongside;
  if (params.format == Format::BicepParams) {  // `using none`, or a base others extend: no template
    if (params.using_path.empty()) return {};
    auto it = paths.by_path.find(beside(params.path, params.using_path));
    if (it != paths.by_path.end() && is_template(docs[it->second])) named.push_back(it->second);
    return named;
  }
  if (params.given_as_parameters) {
    for (size_t i = 0; i < docs.size(); ++i)
      if (is_template(docs[i])) named.push_back(i);
    return named;
  }
  auto in_dir = paths.templates_in.find(directory_of(params.path));
  if (in_dir == paths.templates_in.end()) return {};
  std::string stem = fs::path(params.path).stem().string();
  for (size_t i : in_dir->second) {
    if (docs[i].format == Format::Arm) alongside.push_back(i);
    if (stem.starts_with(fs::path(docs[i].path).stem().string() + ".")) named.push_back(i);
  }
  return named.empty() ? alongside : named;
}

void bind_module_arguments(Scope& s, const Module& m) {
  const Value* params = m.body.get("params");
  if (!params) return;
  if (params->kind != Value::Kind::Object) {
    s.arguments_unknown = true;
    return;
  }
  for (const Member& a : params->members) {
    if (a.spread) {
      s.arguments_unknown = true;  // a spread may set any parameter
      return;
    }
    s.arguments.push_back({a.key, &a.value});
  }
}

Scope deployment_of(const Document* d) {
  Scope s;
  s.doc = d;
  return s;
}

// An ARM deployment resource's properties.parameters: each `value`; a
// reference (Key Vault) or anything else is set but unknown.
void bind_arm_arguments(Scope& s, const Resource& deployment) {
  const Value* props = deployment.body.get("properties");
  const Value* params = props ? props->get("parameters") : nullptr;
  if (!params) return;
  if (params->kind != Value::Kind::Object) {
    s.arguments_unknown = true;
    return;
  }
  for (const Member& p : params->members) s.arguments.push_back({p.key, p.value.get("value")});
}

// A deployment in a loop (a Bicep module's `[for …]`, an ARM deployment's
// copy): its arguments are evaluated in the caller with the loop's variables
// set, once per pass when patless knows the passes (none for an empty
// collection). `add` makes the deployment whose arguments come from `pass`
// (null: from the caller, the loop's variables unknown). Loops inside loops
// multiply: past `budget` deployments in all, loops stay unknown.
template <typename Declaration, typename Add>
void each_pass(const Declaration& d, const Scope& caller, std::deque<Scope>& scopes, size_t& budget, Add add) {
  auto passes = expand_loop(d, caller, scopes, budget);
  if (!passes) {
    add(nullptr);
    return;
  }
  for (const Scope* pass : *passes) add(pass);
}

void arguments_from(Scope& s, const Scope* pass) {
  if (!pass) return;
  s.made_in = pass;
  for (Argument& a : s.arguments) a.from = pass;
}

// templateLink.relativePath of an ARM deployment resource, or empty.
std::string linked_template(const Resource& r) {
  if (!iequals(r.type, "Microsoft.Resources/deployments")) return {};
  const Value* props = r.body.get("properties");
  const Value* link = props ? props->get("templateLink") : nullptr;
  const Value* path = link ? link->get("relativePath") : nullptr;
  return path && path->kind == Value::Kind::String ? path->text : std::string();
}

// A deployment resource whose template is a URI (templateLink.uri or id): not in any repository.
bool links_remote_template(const Resource& r) {
  if (!iequals(r.type, "Microsoft.Resources/deployments")) return false;
  const Value* props = r.body.get("properties");
  const Value* link = props ? props->get("templateLink") : nullptr;
  return link && !link->get("relativePath");
}

// How many module, linked or nested deployments lead to `s`; `cycle` when one of them deploys `target`.
int module_depth(const Scope* s, const Document* target, bool& cycle) {
  int depth = 0;
  while (s && depth <= kMaxModuleDepth) {
    if (target && s->doc == target) cycle = true;
    const Scope* up = s->parent();
    if (!up) break;
    s = up;
    ++depth;
  }
  return depth;
}

}  // namespace

bool is_template(const Document& d) {
  return d.format == Format::Bicep || d.format == Format::Arm;
}

bool deploys_resources(const Scope& s) { return s.doc && !s.repeats && is_template(*s.doc); }

namespace {

// The local modules (those `only` names, when given) and linked templates of d, as normalised paths.
std::vector<std::string> files_deployed(const Document& d, const std::set<std::string>* only = nullptr) {
  std::vector<std::string> out;
  for (const Module& m : d.modules)
    if (is_local(m.path) && (!only || only->count(m.symbol))) out.push_back(beside(d.path, m.path));
  for (const Resource& r : d.resources)
    if (std::string linked = linked_template(r); !linked.empty()) out.push_back(beside(d.path, linked));
  return out;
}

// Adds the symbols whose `.outputs` a value reads (m.outputs.x, m[i].outputs['x']).
void output_readers(const Value& v, std::set<std::string>& out) {
  if (v.kind == Value::Kind::Member && v.text == "outputs" && !v.items.empty()) {
    const Value* base = &v.items[0];
    while (base->kind == Value::Kind::Index && !base->items.empty()) base = &base->items[0];
    if (base->kind == Value::Kind::Reference) out.insert(base->text);
  }
  for (const Value& i : v.items) output_readers(i, out);
  for (const Member& m : v.members) output_readers(m.value, out);
}

}  // namespace

std::vector<std::string> deployed_files(const Document& d) { return files_deployed(d); }

std::set<std::string> output_readers(const Document& d) {
  std::set<std::string> read;
  for (const Resource& r : d.resources) {
    output_readers(r.body, read);
    if (r.condition) output_readers(*r.condition, read);
    if (r.loop_over) output_readers(*r.loop_over, read);
  }
  for (const Module& m : d.modules) output_readers(m.body, read);
  for (const Variable& v : d.variables) output_readers(v.value, read);
  for (const Output& o : d.outputs) output_readers(o.value, read);
  for (const Parameter& p : d.parameters)
    if (p.default_value) output_readers(*p.default_value, read);
  return read;
}

std::vector<std::string> output_sources(const Document& d) {
  return output_sources(d, output_readers(d));
}

std::vector<std::string> output_sources(const Document& d, const std::set<std::string>& readers) {
  std::vector<std::string> out = files_deployed(d, &readers);
  // What a file imports is evaluated where it is used: the file is read whole too.
  for (std::string& f : imported_files(d)) out.push_back(std::move(f));
  return out;
}

std::vector<std::string> imported_files(const Document& d) {
  std::vector<std::string> out;
  for (const Import& i : d.imports)
    if (is_local(i.path)) out.push_back(beside(d.path, i.path));
  return out;
}

std::deque<Scope> build_deployments(std::span<const Document> documents) {
  const Paths paths(documents);
  const std::map<std::string, size_t>& by_path = paths.by_path;
  std::vector<bool> deployed_as_module(documents.size(), false);
  for (const Document& d : documents) {
    for (const std::string& target : deployed_files(d)) {
      auto it = by_path.find(target);
      if (it != by_path.end() && &documents[it->second] != &d) deployed_as_module[it->second] = true;
    }
  }
  std::vector<std::vector<const Document*>> parameter_files(documents.size());
  for (const Document& d : documents)
    if (is_parameter_file(d))
      for (size_t t : targets_of(d, documents, paths)) parameter_files[t].push_back(&d);

  std::deque<Scope> scopes;
  std::map<const Document*, const Scope*> own_scope;
  for (const Document& d : documents) {  // parameter files first: they are callers
    if (!is_parameter_file(d)) continue;
    scopes.push_back(deployment_of(&d));
    own_scope[&d] = &scopes.back();
  }
  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    // An outline deploys nothing the rules can see (grammars/read_document.h).
    if (is_parameter_file(d) || d.outline) continue;
    // A module's template, or a registry module's, is deployed by what names it:
    // module declarations, and a .bicepparam's `using`, not a JSON parameters file
    // found beside it.
    std::vector<const Document*> callers = parameter_files[i];
    bool named_only = deployed_as_module[i] || !d.registry.empty();
    if (named_only) std::erase_if(callers, [](const Document* pf) { return pf->format != Format::BicepParams; });
    if (callers.empty()) {
      if (!named_only) scopes.push_back(deployment_of(&d));
      continue;
    }
    for (const Document* pf : callers) {
      Scope s = deployment_of(&d);
      s.caller = own_scope[pf];
      s.parameter_file = pf;
      bind_parameter_file(s, *pf, documents, paths, own_scope);
      scopes.push_back(std::move(s));
    }
  }
  // Module and nested deployments, breadth first; `scopes` grows while it is walked.
  // Templates that only modules of one another deploy (a cycle) are reached
  // from nowhere: once the walk ends, each gets a deployment of its own.
  // Both `marked` and `missing` only move forward: the walk stays linear.
  std::vector<bool> reached(documents.size(), false);
  size_t marked = 0, missing = 0;
  size_t loop_budget = kMaxLoopDeployments;
  for (size_t k = 0;; ++k) {
    if (k == scopes.size()) {
      for (; marked < scopes.size(); ++marked) {
        const Document* d = scopes[marked].doc;
        if (d >= documents.data() && d < documents.data() + documents.size())
          reached[static_cast<size_t>(d - documents.data())] = true;
      }
      while (missing < documents.size() &&
             (reached[missing] || !is_template(documents[missing]) || documents[missing].outline ||
              !documents[missing].registry.empty()))
        ++missing;
      if (missing == documents.size()) break;
      reached[missing] = true;
      scopes.push_back(deployment_of(&documents[missing]));
    }
    if (scopes[k].repeats) continue;  // a pass's copy of a caller: its deployments are the caller's
    Scope& caller = scopes[k];
    if (caller.doc->format == Format::Arm) {
      bool cycle = false;
      if (module_depth(&caller, nullptr, cycle) > kMaxModuleDepth) continue;
      for (const Document& n : caller.doc->nested) {  // inline templates
        if (n.outer_expressions) {
          Scope s = deployment_of(&n);
          s.caller = caller.caller;
          s.arguments = caller.arguments;
          s.arguments_unknown = caller.arguments_unknown;
          s.unlisted_unknown = caller.unlisted_unknown;
          s.parameter_file = caller.parameter_file;
          s.symbols = &caller.declarations();
          s.nested_in = &caller;
          scopes.push_back(std::move(s));
          continue;
        }
        each_pass(*n.nested_in, caller, scopes, loop_budget, [&](const Scope* pass) {
          Scope s = deployment_of(&n);
          s.caller = &caller;
          bind_arm_arguments(s, *n.nested_in);
          arguments_from(s, pass);
          s.nested_in = &caller;
          scopes.push_back(std::move(s));
        });
      }
      for (const Resource& r : caller.doc->resources) {  // templateLink.relativePath
        if (links_remote_template(r)) caller.deploys_unread = true;
        std::string linked = linked_template(r);
        if (linked.empty()) continue;
        auto it = by_path.find(beside(caller.doc->path, linked));
        if (it == by_path.end()) continue;
        const Document* target = &documents[it->second];
        if (module_depth(&caller, target, cycle) > kMaxModuleDepth || cycle) continue;
        reached[it->second] = true;  // deployed here, if only by an empty loop
        each_pass(r, caller, scopes, loop_budget, [&](const Scope* pass) {
          Scope s = deployment_of(target);
          s.caller = &caller;
          s.linked_by = &r;
          bind_arm_arguments(s, r);
          arguments_from(s, pass);
          scopes.push_back(std::move(s));
        });
      }
      continue;
    }
    if (caller.doc->format != Format::Bicep) continue;
    for (const Module& m : caller.doc->modules) {
      if (!is_local(m.path)) {
        caller.deploys_unread = true;  // a registry module Bicep has not restored, a template spec
        continue;
      }
      auto it = by_path.find(beside(caller.doc->path, m.path));
      if (it == by_path.end()) continue;
      const Document* target = &documents[it->second];
      bool cycle = false;
      if (module_depth(&caller, target, cycle) > kMaxModuleDepth || cycle) continue;
      reached[it->second] = true;  // deployed here, if only by an empty loop
      bool first = true;
      each_pass(m, caller, scopes, loop_budget, [&](const Scope* pass) {
        Scope s = deployment_of(target);
        s.caller = &caller;
        s.module = &m;
        bind_module_arguments(s, m);
        arguments_from(s, pass);
        scopes.push_back(std::move(s));
        // `m.outputs.x`; a loop's outputs are read by index, which patless does not follow.
        if (first) caller.modules.emplace_back(m.symbol, &scopes.back());
        first = false;
      });
    }
  }
  return scopes;
}

}  // namespace patless
