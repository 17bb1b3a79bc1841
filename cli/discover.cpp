#include "cli/discover.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <array>
#include <filesystem>
#include <system_error>

#include "grammars/read_document.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 9> kSkippedDirs = {
    ".git", ".hg", ".svn", "node_modules", ".terraform", ".venv", "__pycache__", "build", "out"};

bool skipped_dir(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.rfind("cmake-build-", 0) == 0) return true;
  return std::find(kSkippedDirs.begin(), kSkippedDirs.end(), name) != kSkippedDirs.end();
}

// "./a/b" → "a/b": paths are reported as the user would type them.
std::string display(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  if (s.rfind("./", 0) == 0) s = s.substr(2);
  return s;
}

}  // namespace

Discovery discover(const std::vector<std::string>& paths) {
  Discovery out;
  for (const std::string& arg : paths) {
    std::error_code ec;
    fs::path root(arg);
    auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      out.missing.push_back(arg);
      continue;
    }
    if (fs::is_regular_file(status)) {
      if (file_kind(arg) != FileKind::Other) out.files.push_back(display(root));
      else out.skipped.push_back(display(root) + ": not a Bicep, ARM JSON or YAML file name");
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      out.skipped.push_back(display(root) + ": " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        out.skipped.push_back(display(it->path()) + ": " + ec.message());
        ec.clear();
        continue;
      }
      const fs::directory_entry& entry = *it;
      std::error_code type_ec;
      if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
        if (skipped_dir(entry.path())) {
          it.disable_recursion_pending();
        } else if (::access(entry.path().c_str(), R_OK | X_OK) != 0) {
          // skip_permission_denied would drop it without a word: say what was not read.
          out.skipped.push_back(display(entry.path()) + ": " + std::strerror(errno));
          it.disable_recursion_pending();
        }
        continue;
      }
      if (file_kind(entry.path().string()) == FileKind::Other) continue;
      // A directory named like a file (x.bicep/) or a dangling link is not a file.
      if (!entry.is_regular_file(type_ec)) continue;
      out.files.push_back(display(entry.path()));
    }
  }
  std::sort(out.files.begin(), out.files.end());
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace patless
