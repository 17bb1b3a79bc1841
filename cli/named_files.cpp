#include "cli/named_files.h"

#include "cli/git.h"

namespace patless {

namespace fs = std::filesystem;

std::optional<NamedFiles> NamedFiles::focus(const std::vector<std::string>& paths, const std::string& root,
                                            ScanOptions& scan) {
  if (paths.empty()) return std::nullopt;
  std::error_code ec;
  for (const std::string& p : paths)
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
  NamedFiles named;
  named.absolute_ = fs::path(paths.front()).is_absolute();
  if (!root.empty()) {
    named.root_ = root;
  } else {
    std::string top = git_top_level(paths.front());
    if (top.empty()) return std::nullopt;
    // Spelled as the files named are (absolute, or relative to here).
    fs::path relative = named.absolute_ ? fs::path() : fs::relative(top, ec);
    named.root_ = ec || relative.empty() ? fs::path(top) : relative;
  }
  named.cwd_ = fs::weakly_canonical(fs::current_path(ec), ec);
  scan.paths = {named.root_.string()};
  const fs::path around = fs::weakly_canonical(named.root_, ec);
  for (const std::string& p : paths) {
    fs::path canonical = fs::weakly_canonical(p, ec);
    named.spelled_[canonical.string()] = p;
    // Where it is, its own name kept: a symbolic link in the repository to a
    // file outside it is a file of the repository, as discovery finds it.
    fs::path located = fs::weakly_canonical(fs::absolute(p, ec).parent_path(), ec) / fs::path(p).filename();
    fs::path rel = located.lexically_relative(around);
    if (rel.empty() || *rel.begin() == "..") {  // outside --root, or in another repository
      named.outside_.push_back(p);
      continue;
    }
    // The named files as discovery under the root spells them.
    scan.focus.push_back((named.root_ / rel).lexically_normal().string());
  }
  return named;
}

const std::string* NamedFiles::as_named(const std::string& path) const {
  std::error_code ec;
  auto it = spelled_.find(fs::weakly_canonical(path, ec).string());
  return it == spelled_.end() ? nullptr : &it->second;
}

std::string NamedFiles::display(const std::string& path) const {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (auto it = spelled_.find(canonical.string()); it != spelled_.end()) return it->second;
  if (absolute_) return canonical.string();
  fs::path shown = canonical.lexically_relative(cwd_);
  return shown.empty() ? path : shown.string();
}

}  // namespace patless
