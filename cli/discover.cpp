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

// Why something with a file's name is not read as one; empty for a regular file
// or a directory (which is walked).
std::string not_a_file(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a named pipe, not a regular file";
    case fs::file_type::socket:
      return "a socket, not a regular file";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device, not a regular file";
    case fs::file_type::regular:
    case fs::file_type::directory:
      return "";
    default:
      return "not a regular file";
  }
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
    if (ec && ec != std::errc::no_such_file_or_directory) {  // a loop of links, a directory not searchable
      out.skipped.push_back(display(root) + ": " + ec.message());
      continue;
    }
    if (ec || !fs::exists(status)) {
      out.missing.push_back(arg);
      continue;
    }
    if (fs::is_regular_file(status)) {
      if (file_kind(arg) != FileKind::Other) out.files.push_back(display(root));
      else
        out.skipped.push_back(display(root) + ": " + kNotLintableName);
      continue;
    }
    if (std::string why = not_a_file(status.type()); !why.empty()) {  // reading a pipe would wait forever
      out.skipped.push_back(display(root) + ": " + why);
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
      // A directory named like a file (x.bicep/) was walked above; anything else
      // that is not a file is passed over with the reason.
      if (entry.is_regular_file(type_ec)) {  // the type the directory listing gave: no stat
        out.files.push_back(display(entry.path()));
        continue;
      }
      fs::file_status target = entry.status(type_ec);
      if (type_ec) {
        out.skipped.push_back(
            display(entry.path()) + ": " +
            (type_ec == std::errc::no_such_file_or_directory ? "a symbolic link to nothing" : type_ec.message()));
        continue;
      }
      if (target.type() == fs::file_type::directory) continue;  // a link to a directory is not followed
      if (std::string why = not_a_file(target.type()); !why.empty()) {
        out.skipped.push_back(display(entry.path()) + ": " + why);
        continue;
      }
      out.files.push_back(display(entry.path()));
    }
  }
  std::sort(out.files.begin(), out.files.end());
  std::sort(out.skipped.begin(), out.skipped.end());  // not in the file system's order
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace patless
