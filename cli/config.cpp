#include "cli/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>

#include "cli/git.h"
#include "grammars/ascii.h"
#include "rules/engine/suppressions.h"

namespace patless {
namespace {


std::string did_you_mean(std::string_view word, std::initializer_list<std::string_view> known) {
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view k : known) {
    size_t d = edit_distance(word, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

std::string where(const YAML::Node& n) { return "line " + std::to_string(n.Mark().line + 1); }

std::optional<Level> level_setting(const YAML::Node& n, bool& off, std::string& error) {
  std::string v = n.IsScalar() ? n.Scalar() : std::string();
  off = v == "off";
  if (off) return std::nullopt;
  if (auto l = parse_level(v); l && *l != Level::None) return l;
  error = where(n) + ": level '" + v + "' is not one of error, warning, note, off" +
          did_you_mean(v, {"error", "warning", "note", "off"});
  return std::nullopt;
}

bool read_rule(const std::string& id, const YAML::Node& n, Config& c, std::string& error) {
  const Rule* rule = find_rule(id);
  if (!rule) {
    std::string nearest = nearest_rule_id(id);
    error = where(n) + ": '" + id + "' is not a patless rule" +
            (nearest.empty() ? std::string() : " (did you mean '" + nearest + "'?)");
    return false;
  }
  if (n.IsScalar()) {  // PL301: off / PL509: warning
    bool off = false;
    auto level = level_setting(n, off, error);
    if (!error.empty()) return false;
    c.levels[id] = off ? std::nullopt : level;
    return true;
  }
  if (!n.IsMap()) {
    error = where(n) + ": " + id + " takes a level or a map of settings";
    return false;
  }
  for (const auto& kv : n) {
    std::string key = kv.first.Scalar();
    if (key == "level") {
      bool off = false;
      auto level = level_setting(kv.second, off, error);
      if (!error.empty()) return false;
      c.levels[id] = off ? std::nullopt : level;
      continue;
    }
    std::string_view options = rule->meta().options;
    bool known = false;
    for (size_t at = 0; at < options.size();) {
      size_t space = options.find(' ', at);
      std::string_view name = options.substr(at, space == std::string_view::npos ? std::string_view::npos : space - at);
      known = known || name == key;
      if (space == std::string_view::npos) break;
      at = space + 1;
    }
    if (!known || !kv.second.IsScalar()) {
      error = where(kv.first) + ": " + id + " has no option '" + key + "'" +
              (options.empty() ? " (it takes only level)" : " (options: level " + std::string(options) + ")");
      return false;
    }
    if (std::optional<std::string> why = rule->invalid_option(key, kv.second.Scalar())) {
      error = where(kv.second) + ": " + id + " " + key + " '" + kv.second.Scalar() + "' " + *why;
      return false;
    }
    c.options[id][key] = kv.second.Scalar();
  }
  return true;
}

}  // namespace

std::string find_config(const std::filesystem::path& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(directory, ec), ec);
  const fs::path top = git_top_level_of_directory(dir);  // outside a repository: this directory only
  fs::path up;
  for (;;) {
    if (fs::is_regular_file(dir / ".patless.yaml", ec))
      return (directory / up / ".patless.yaml").lexically_normal().string();
    if (top.empty() || dir == top || !dir.has_relative_path()) return "";
    dir = dir.parent_path();
    up /= "..";
  }
}

std::optional<Config> load_config(const std::string& path, std::string& error) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    error = path + ": " + e.what();
    return std::nullopt;
  }
  Config c;
  c.path = path;
  if (root.IsNull()) return c;
  if (!root.IsMap()) {
    error = path + ": expected a map of settings";
    return std::nullopt;
  }
  for (const auto& kv : root) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const YAML::Node& v = kv.second;
    if (key == "fail-level") {
      std::string s = v.IsScalar() ? v.Scalar() : std::string();
      auto level = parse_level(s);
      if (!level) {
        error = path + ": " + where(v) + ": fail-level '" + s + "' is not one of error, warning, note, none";
        return std::nullopt;
      }
      c.fail_level = level;
    } else if (key == "exclude") {
      if (v.IsNull()) continue;  // every entry commented out
      if (!v.IsSequence()) {
        error = path + ": " + where(v) + ": exclude is a list of globs";
        return std::nullopt;
      }
      for (const auto& g : v) c.exclude.push_back(g.as<std::string>());
    } else if (key == "rules") {
      if (v.IsNull()) continue;
      if (!v.IsMap()) {
        error = path + ": " + where(v) + ": rules is a map from rule id to settings";
        return std::nullopt;
      }
      for (const auto& r : v) {
        if (!read_rule(ascii_upper(r.first.Scalar()), r.second, c, error)) {
          error = path + ": " + error;
          return std::nullopt;
        }
      }
    } else {
      error = path + ": " + where(kv.first) + ": unknown setting '" + key + "'" +
              did_you_mean(key, {"fail-level", "exclude", "rules"});
      return std::nullopt;
    }
  }
  return c;
}

bool glob_match(std::string_view glob, std::string_view path) {
  if (glob.empty()) return path.empty();
  if (glob.starts_with("**")) {
    std::string_view rest = glob.substr(2);
    if (rest.starts_with('/')) rest.remove_prefix(1);
    for (size_t i = 0; i <= path.size(); ++i) {
      if (i == 0 || path[i - 1] == '/')
        if (glob_match(rest, path.substr(i))) return true;
    }
    return rest.empty();
  }
  if (glob[0] == '*') {
    for (size_t i = 0; i <= path.size(); ++i) {
      if (glob_match(glob.substr(1), path.substr(i))) return true;
      if (i < path.size() && path[i] == '/') break;
    }
    return false;
  }
  if (path.empty()) return false;
  if (glob[0] == '?' ? path[0] != '/' : glob[0] == path[0]) return glob_match(glob.substr(1), path.substr(1));
  return false;
}

std::string starter_config() {
  return R"(# patless configuration (https://github.com/patless/patless). Every setting is optional.

# The lowest level that makes `patless check` exit 1: error, warning, note or none.
# --fail-level on the command line wins.
fail-level: error

# Paths patless does not read, as globs relative to this file:
# ** is any run of directories, * any run of characters but '/'.
exclude:
  # - "samples/**"
  # - "**/tests/e2e/**"

# Per rule: a level (error, warning, note) or off, and the rule's options.
rules:
  # PL301: off
  # PL509: warning
  # PL201:
  #   level: error
  #   min_version: 1.14.1   # the lowest microsoft.flux version you accept
)";
}

}  // namespace patless
