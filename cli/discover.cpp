#include "cli/discover.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "cli/found_files.h"
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

// An open directory, while the directories in it wait to be opened by their
// names in it.
struct OpenDirectory {
  explicit OpenDirectory(DIR* d) : dir(d) {}
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;
  ~OpenDirectory() { ::closedir(dir); }
  DIR* const dir;
};

// What one thread of the walk found.
struct Found {
  FoundFiles files;
  std::vector<std::string> skipped;
};

// A directory to walk: its name in the open directory above (none for the root,
// opened by its path), and its path as reported.
struct PendingDirectory {
  std::shared_ptr<const OpenDirectory> parent;
  std::string name, path;
};

// Walks directories on several threads (a repository's listing is thousands
// of directories: system calls, one core each). Each directory is opened by
// its name in the one above, not by its whole path, which the kernel would
// look up again component by component (std::filesystem's walk does: it took
// twice as long over bicep-registry-modules' 2,400 directories), and the
// listing's types spare a stat per entry. The directories waiting are a stack:
// the walk goes deep first, and a directory stays open only while some of the
// directories in it wait (about one per level, not one per directory found).
class Walk {
 public:
  explicit Walk(std::string root) { waiting_.push_back({nullptr, "", std::move(root)}); }

  void run(unsigned threads, Found& out) {
    std::vector<Found> found(std::max(1u, threads));
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < found.size(); ++t) workers.emplace_back([&, t] { work(found[t]); });
    work(found[0]);
    for (auto& w : workers) w.join();
    for (Found& d : found) {
      out.files.take(std::move(d.files));
      out.skipped.insert(out.skipped.end(), std::make_move_iterator(d.skipped.begin()),
                         std::make_move_iterator(d.skipped.end()));
    }
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<PendingDirectory> waiting_;
  unsigned listing_ = 0;  // directories being listed, which may add more

  void work(Found& out) {
    std::vector<PendingDirectory> inside;
    for (;;) {
      PendingDirectory next;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !waiting_.empty() || listing_ == 0; });
        if (waiting_.empty()) return;  // and nothing is being listed: done
        next = std::move(waiting_.back());
        waiting_.pop_back();
        ++listing_;
      }
      list(next, out, inside);
      next.parent.reset();  // closes it, if it was the last directory waiting in it
      {
        std::lock_guard lock(mutex_);
        for (PendingDirectory& d : inside) waiting_.push_back(std::move(d));
        --listing_;
      }
      inside.clear();
      changed_.notify_all();
    }
  }

  // Opens `d`, notes its files in `out` and its directories in `inside`.
  static void list(const PendingDirectory& d, Found& out, std::vector<PendingDirectory>& inside) {
    int fd;
    if (!d.parent) {
      fd = ::open(d.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } else {
      const int parent = ::dirfd(d.parent->dir);
      if (::faccessat(parent, d.name.c_str(), R_OK | X_OK, 0) != 0) {
        // Said, not dropped without a word as an unreadable directory would be.
        out.skipped.push_back(d.path + ": " + std::strerror(errno));
        return;
      }
      fd = ::openat(parent, d.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    DIR* opened = fd < 0 ? nullptr : ::fdopendir(fd);
    if (!opened) {
      int error = errno;
      if (fd >= 0) ::close(fd);
      out.skipped.push_back(d.path + ": " + std::strerror(error));
      return;
    }
    auto self = std::make_shared<const OpenDirectory>(opened);
    bool listed_here = false;  // a file of it was found: its prefix is known
    for (;;) {
      errno = 0;
      const dirent* e = ::readdir(opened);
      if (!e) {
        if (errno != 0) out.skipped.push_back(d.path + ": " + std::strerror(errno));
        return;
      }
      const char* name = e->d_name;
      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
      std::string path = child(d.path, name);
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
        inside.push_back({self, name, std::move(path)});
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
      if (!listed_here) out.files.directory(child(d.path, ""));
      listed_here = true;
      out.files.add(name);
    }
  }
};

}  // namespace

Discovery discover(const std::vector<std::string>& paths, unsigned threads) {
  Discovery out;
  Found found;
  found.files.directory("");  // for the files named
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
      if (file_kind(arg) != FileKind::Other)
        found.files.add(display(root));
      else
        out.skipped.push_back(display(root) + ": " + kNotLintableName);
      continue;
    }
    if (std::string why = not_a_file(status.type()); !why.empty()) {  // reading a pipe would wait forever
      out.skipped.push_back(display(root) + ": " + why);
      continue;
    }
    Walk(display(root)).run(threads, found);
  }
  out.files = found.files.sorted();
  out.skipped.insert(out.skipped.end(), std::make_move_iterator(found.skipped.begin()),
                     std::make_move_iterator(found.skipped.end()));
  std::sort(out.skipped.begin(), out.skipped.end());  // not in the file system's order
  return out;
}

}  // namespace patless
