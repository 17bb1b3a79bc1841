#include "cli/discover.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "grammars/read_document.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 10> kSkippedDirs = {
    ".git", ".hg", ".svn", "node_modules", ".terraform", ".venv", "__pycache__", "build", "out", ".patless_cache"};

bool skipped_dir(std::string_view name) {
  if (name.starts_with("cmake-build-")) return true;
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

// `dir/name` as display() would spell it: names read from a directory have no
// "." or ".." in them, so only the directory needs normalising, once.
std::string child(const std::string& dir, const char* name) {
  if (dir.empty() || dir == ".") return name;
  std::string path = dir;
  if (path.back() != '/') path += '/';
  return path += name;
}

fs::file_type type_of(mode_t mode) {
  if (S_ISREG(mode)) return fs::file_type::regular;
  if (S_ISDIR(mode)) return fs::file_type::directory;
  if (S_ISLNK(mode)) return fs::file_type::symlink;
  if (S_ISFIFO(mode)) return fs::file_type::fifo;
  if (S_ISSOCK(mode)) return fs::file_type::socket;
  if (S_ISBLK(mode)) return fs::file_type::block;
  if (S_ISCHR(mode)) return fs::file_type::character;
  return fs::file_type::unknown;
}

// What a directory entry is (a link as a link): the listing says, without a
// stat, unless the file system leaves it out. `error` is set when it cannot be
// looked at.
fs::file_type listed_type(int dir_fd, const dirent& e, int& error) {
  if (e.d_type != DT_UNKNOWN) return type_of(DTTOIF(e.d_type));
  struct stat st;
  if (::fstatat(dir_fd, e.d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    error = errno;
    return fs::file_type::none;
  }
  return type_of(st.st_mode);
}

// Walks the directory `root` (spelled as reported). Each directory is opened by
// its name in the one above, not by its whole path, which the kernel would look
// up again component by component (std::filesystem's walk does: it took twice
// as long over bicep-registry-modules' 2,400 directories), and the listing's
// types spare a stat per entry. A directory stays open while the ones below it
// are walked.
void walk(const std::string& root, Discovery& out) {
  struct Open {
    DIR* dir;
    std::string path;
  };
  std::vector<Open> stack;
  auto enter = [&](int fd, std::string path) {
    DIR* d = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!d) {
      int error = errno;
      if (fd >= 0) ::close(fd);
      out.skipped.push_back(path + ": " + std::strerror(error));
      return;
    }
    stack.push_back({d, std::move(path)});
  };
  enter(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC), root);
  while (!stack.empty()) {
    DIR* d = stack.back().dir;
    const int fd = ::dirfd(d);
    errno = 0;
    const dirent* e = ::readdir(d);
    if (!e) {
      if (errno != 0) out.skipped.push_back(stack.back().path + ": " + std::strerror(errno));
      ::closedir(d);
      stack.pop_back();
      continue;
    }
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    std::string path = child(stack.back().path, name);
    int error = 0;
    fs::file_type type = listed_type(fd, *e, error);
    if (error) {
      out.skipped.push_back(path + ": " + std::strerror(error));
      continue;
    }
    if (type == fs::file_type::directory) {
      if (skipped_dir(name)) continue;
      // Files below are read by their paths, which the kernel takes up to PATH_MAX
      // bytes; and each open directory keeps its path: no deeper.
      if (path.size() >= PATH_MAX) {
        out.skipped.push_back(path + ": " + std::strerror(ENAMETOOLONG));
        continue;
      }
      if (::faccessat(fd, name, R_OK | X_OK, 0) != 0) {
        // Said, not dropped without a word as an unreadable directory would be.
        out.skipped.push_back(path + ": " + std::strerror(errno));
        continue;
      }
      enter(::openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), std::move(path));
      continue;
    }
    if (file_kind(path) == FileKind::Other) continue;
    // A directory named like a file (x.bicep/) was walked above; anything else
    // that is not a file is passed over with the reason.
    if (type == fs::file_type::symlink) {  // what it links to
      struct stat st;
      if (::fstatat(fd, name, &st, 0) != 0) {
        out.skipped.push_back(path + ": " +
                              (errno == ENOENT ? std::string("a symbolic link to nothing") : std::strerror(errno)));
        continue;
      }
      type = type_of(st.st_mode);
    }
    if (type == fs::file_type::directory) continue;  // a link to a directory is not followed
    if (std::string why = not_a_file(type); !why.empty()) {
      out.skipped.push_back(path + ": " + why);
      continue;
    }
    out.files.push_back(std::move(path));
  }
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
    walk(display(root), out);
  }
  std::sort(out.files.begin(), out.files.end());
  std::sort(out.skipped.begin(), out.skipped.end());  // not in the file system's order
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace patless
