#include "grammars/arm/template_pruner.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "grammars/ascii.h"
#include "grammars/needle_set.h"

namespace patless {
namespace {

// Offset of the first byte from `at` on that is not JSON whitespace or a comment, or npos.
size_t skip_blank(std::string_view bytes, size_t at) {
  while (at < bytes.size()) {
    char c = bytes[at];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++at;
    } else if (bytes.substr(at, 2) == "//") {
      at = line_comment_end(bytes, at) + 1;  // past what ends it, as the lexer takes that too
    } else if (bytes.substr(at, 2) == "/*") {
      at = bytes.find("*/", at + 2);
      if (at != std::string_view::npos) at += 2;
    } else {
      return at;
    }
  }
  return std::string_view::npos;
}

// Offset of the '}' or ']' that closes the bracket at `open`, or npos when it
// does not close before `limit`: strings and comments stepped over.
size_t closing_bracket(std::string_view bytes, size_t open, size_t limit) {
  limit = std::min(limit, bytes.size());
  size_t depth = 0;
  for (size_t at = open; at < limit; ++at) {
    char c = bytes[at];
    if (c == '"') {
      for (;;) {  // to the quote that ends the string: one after an even run of backslashes
        const void* quote = ::memchr(bytes.data() + at + 1, '"', bytes.size() - at - 1);
        if (!quote) return std::string_view::npos;
        at = static_cast<size_t>(static_cast<const char*>(quote) - bytes.data());
        size_t backslashes = 0;
        while (bytes[at - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) break;
      }
    } else if (c == '/' && bytes.substr(at, 2) == "//") {
      at = line_comment_end(bytes, at);  // the loop passes over what ends it
      if (at == bytes.size()) return std::string_view::npos;
    } else if (c == '/' && bytes.substr(at, 2) == "/*") {
      at = bytes.find("*/", at + 2);
      if (at == std::string_view::npos) return at;
      ++at;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return at;
    }
  }
  return std::string_view::npos;
}

// The members read_resource() reads of a resource outside the chain, or keeps.
bool kept_outside_chain(std::string_view key) {
  return key == "type" || key == "apiVersion" || key == "name" || key == "scope" || key == "dependsOn" ||
         key == "existing" || key == "condition" || key == "copy" || key == "resources";
}

// What can put a nested template in the chain, in any spelling: the types
// is_chain_type() takes (ARM's \/ escape included), a linked template; and \u
// escapes, which can spell anything.
enum ChainWord : size_t { kDeploymentType, kEscapedDeploymentType };
constexpr std::string_view kDeploymentWord = "resources/deployment";
constexpr std::string_view kEscapedDeploymentWord = "resources\\/deployment";

const NeedleSet& chain_words() {
  static const NeedleSet words{{kDeploymentWord, true},
                               {kEscapedDeploymentWord, true},
                               {"microsoft.containerservice", true},
                               {"microsoft.kubernetesconfiguration", true},
                               {"microsoft.managedidentity", true},
                               {"templatelink", true},
                               {"\\u"}};
  return words;
}

}  // namespace

std::string child_type(const std::string& parent, const std::string& child) {
  if (child.find('.') != std::string::npos && child.find('/') != std::string::npos) return child;
  return parent.empty() ? child : parent + "/" + child;
}

TemplatePruner::TemplatePruner(std::string_view bytes) : bytes_(bytes) {
  std::vector<NeedleSet::Match> matches;
  chain_words().find_all(bytes, matches);
  for (const NeedleSet::Match& m : matches) {
    if (m.needle == kDeploymentType && inline_deployment_type(m.offset + kDeploymentWord.size())) continue;
    if (m.needle == kEscapedDeploymentType && inline_deployment_type(m.offset + kEscapedDeploymentWord.size()))
      continue;
    chain_words_.push_back(m.offset);
  }
}

void TemplatePruner::enter(const std::string* key, bool object) {
  Frame f;
  const Frame* parent = frames_.empty() ? nullptr : &frames_.back();
  auto is = [&](std::string_view k) { return key && *key == k; };
  if (!parent) {
    f.role = object ? Role::Template : Role::Other;
  } else {
    f.depth = parent->depth;
    if (parent->role == Role::Template && is("resources")) {
      f.role = Role::Resources;  // an array, or languageVersion 2.0's object of symbolic names
      f.type = "";
    } else if (parent->role == Role::Resources && object) {
      f.role = Role::Resource;
      f.parent_type = parent->type;
    } else if (parent->role == Role::Resource && parent->type && is("resources") && !object) {
      f.role = Role::Resources;  // child resources
      f.type = parent->type;
    } else if (parent->role == Role::Resource && parent->deployment && is("properties") && object) {
      f.role = Role::DeploymentProperties;
    } else if (parent->role == Role::DeploymentProperties && is("template") && object &&
               parent->depth < kMaxNestedDeployments) {  // deeper, read_arm() reads no template
      f.role = Role::Template;
      f.depth = parent->depth + 1;
    }
  }
  frames_.push_back(std::move(f));
}

JsonPruner::Action TemplatePruner::before_value(const std::string& key, size_t key_end) {
  if (frames_.empty()) return Action::Build;
  Frame& f = frames_.back();
  if (f.role == Role::Other) return Action::Build;
  // A second of a key this goes by: the tree would differ.
  unsigned bit = key == "resources" ? 1u : key == "properties" ? 2u : key == "template" ? 4u : key == "type" ? 8u : 0u;
  unsafe_ = unsafe_ || (f.keys_seen & bit);
  f.keys_seen |= bit;
  if (f.role == Role::DeploymentProperties && key == "template" && f.depth < kMaxNestedDeployments &&
      template_outside_chain(key_end))
    return Action::Replace;
  if (f.role != Role::Resource) return Action::Build;
  f.expect_type = key == "type" && !f.type_seen && f.parent_type.has_value();
  f.type_seen = f.type_seen || key == "type";
  if (f.outside_chain && !kept_outside_chain(key)) return Action::Skip;
  return Action::Build;
}

void TemplatePruner::value(const std::string* key, const Value& v) {
  if (frames_.empty()) return;
  Frame& f = frames_.back();
  if (f.role != Role::Resource || !f.expect_type || !key || *key != "type") return;
  f.expect_type = false;
  if (v.kind != Value::Kind::String || v.text.starts_with('[')) return;
  f.type = child_type(*f.parent_type, v.text);
  f.outside_chain = !is_chain_type(*f.type);
  f.deployment = iequals(*f.type, "Microsoft.Resources/deployments");
}

// An empty template: a nested document with nothing in it, outside the chain.
Value TemplatePruner::replacement(const SourceRange& range) {
  Value empty;
  empty.kind = Value::Kind::Object;
  empty.range = range;
  return empty;
}

// Whether the type that runs to `at` is Microsoft.Resources/deployments (an
// inline nested deployment: its own template decides), not one is_chain_type()
// takes by its start (deploymentScripts).
bool TemplatePruner::inline_deployment_type(size_t at) const {
  if (at >= bytes_.size() || (bytes_[at] | 0x20) != 's') return false;
  char next = at + 1 < bytes_.size() ? bytes_[at + 1] : '"';
  return !std::isalnum(static_cast<unsigned char>(next)) && next != '/' && next != '\\';
}

// Whether the value after the key that ends at `key_end` is an object that
// closes before the next word that could put a nested template in the chain.
bool TemplatePruner::template_outside_chain(size_t key_end) const {
  size_t colon = skip_blank(bytes_, key_end);
  if (colon == std::string_view::npos || bytes_[colon] != ':') return false;
  size_t open = skip_blank(bytes_, colon + 1);
  if (open == std::string_view::npos || bytes_[open] != '{') return false;
  auto word = std::lower_bound(chain_words_.begin(), chain_words_.end(), open);
  size_t limit = word == chain_words_.end() ? bytes_.size() : *word;
  return closing_bracket(bytes_, open, limit) != std::string_view::npos;
}

}  // namespace patless
