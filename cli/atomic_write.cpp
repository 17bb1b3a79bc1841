#include "cli/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <streambuf>
#include <vector>

namespace patless {
namespace {

namespace fs = std::filesystem;

bool write_all(int fd, std::string_view content) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

// A stream's bytes, written to a file descriptor 64 KB at a time; a write that fails fails the stream.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  bool failed() const { return failed_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    if (!failed_ && !write_all(fd_, std::string_view(pbase(), static_cast<size_t>(pptr() - pbase())))) failed_ = true;
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return !failed_;
  }
  int fd_;
  std::vector<char> buffer_;
  bool failed_ = false;
};

// Writes what `write` puts in a stream to `fd`: false when a write failed.
using Put = std::function<bool(int fd)>;
Put streamed(const std::function<void(std::ostream&)>& write) {
  return [&write](int fd) {
    DescriptorBuffer buffer(fd);
    std::ostream stream(&buffer);
    write(stream);
    stream.flush();
    return !buffer.failed() && stream.good();
  };
}

// The file a chain of symbolic links ends at (which may not exist yet); the
// path itself when it is no link. A loop is left to the rename to report.
fs::path link_target(fs::path path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    fs::path next = fs::read_symlink(path, ec);
    if (ec) return path;
    path = next.is_absolute() ? next : path.parent_path() / next;
  }
  return path;
}

// What a file created by `open` would get: 0666 less the umask.
mode_t new_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

bool write_in_place(const std::string& path, const Put& put, std::string& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  bool ok = fd >= 0 && put(fd);
  int saved = errno;
  if (fd >= 0 && ::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok) error = "cannot write " + path + ": " + std::strerror(saved);
  return ok;
}

bool write_atomically(const std::string& path, const Put& put, std::string& error, Links links) {
  fs::path target(path);
  if (links == Links::Follow) {
    std::error_code ec;
    fs::file_status status = fs::status(target, ec);
    if (!ec && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status))
      return write_in_place(path, put, error);
    target = link_target(target);
  }
  struct stat existing {};
  bool exists = ::lstat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".XXXXXX";
  std::string pattern = (dir / temp_name).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) {
    error = "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno);
    return false;
  }
  bool ok = put(fd) && ::fsync(fd) == 0;
  if (ok) {
    ::fchmod(fd, exists ? existing.st_mode & 07777 : new_file_mode());
    if (exists && ::fchown(fd, existing.st_uid, existing.st_gid) != 0) {
      // Only root can give a file away (root fixing another user's file leaves it theirs);
      // anyone else writes a file of their own, as before.
    }
  }
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && std::rename(name.data(), target.c_str()) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    std::remove(name.data());
    error = "cannot write " + path + ": " + std::strerror(saved);
  }
  return ok;
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error, Links links) {
  return write_atomically(
      path, [content](int fd) { return write_all(fd, content); }, error, links);
}

bool write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write, std::string& error,
                           Links links) {
  return write_atomically(path, streamed(write), error, links);
}

}  // namespace patless
