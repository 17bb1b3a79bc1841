#include "cli/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "grammars/text_encoding.h"

namespace patless {

namespace {

// Opens a regular file no larger than `max_bytes` for reading: its descriptor
// and size, or -1 (with `error`).
int open_regular(const std::string& path, std::string& error, size_t max_bytes, size_t& size) {
  // POSIX calls: an ifstream allocates a buffer per file, which shows in a scan of thousands.
  // O_NONBLOCK: a named pipe put where a file was found must not stop the scan.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return -1;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file";
    ::close(fd);
    return -1;
  }
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    error = "larger than the limit of " + std::to_string(max_bytes) + " bytes (--max-file-size)";
    ::close(fd);
    return -1;
  }
  size = static_cast<size_t>(st.st_size);
  return fd;
}

// Reads up to `count` bytes to `data`, fewer at the file's end: how many.
size_t read_up_to(int fd, char* data, size_t count) {
  size_t done = 0;
  while (done < count) {
    ssize_t n = ::read(fd, data + done, count - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the file shrank while being read: keep what is there
    done += static_cast<size_t>(n);
  }
  return done;
}

}  // namespace

// Its size when opened; a file that shrinks while read gives fewer bytes.
bool read_file(const std::string& path, std::string& bytes, std::string& error, size_t max_bytes) {
  size_t size = 0;
  const int fd = open_regular(path, error, max_bytes, size);
  if (fd < 0) return false;
  bytes.resize(size);
  bytes.resize(read_up_to(fd, bytes.data(), size));
  ::close(fd);
  return true;
}

bool read_text_file(const std::string& path, std::string& text, std::string& error, size_t max_bytes) {
  if (!read_file(path, text, error, max_bytes)) return false;
  decode_to_utf8(text);
  return true;
}

bool read_text_in_windows(const std::string& path, std::string& buffer, std::string& error, size_t max_bytes,
                          const std::function<void(std::string_view, size_t, size_t)>& each) {
  size_t left = 0;  // what the file still has of its size when opened
  int fd = open_regular(path, error, max_bytes, left);
  if (fd < 0) return false;
  const size_t room = kWindowContext + kWindowMargin + kWindowBytes;  // what a window is kept from, and a read
  if (buffer.size() < room) buffer.resize(room);
  char* const data = buffer.data();
  size_t kept = 0;  // bytes of the window before this read: context, and what was past `to`
  size_t from = 0;
  for (bool first = true;; first = false) {
    const size_t wanted = std::min(kWindowBytes, left);
    const size_t got = read_up_to(fd, data + kept, wanted);
    left = got < wanted ? 0 : left - got;
    const size_t end = kept + got;
    if (first && encoding_of(std::string_view(data, end)) != TextEncoding::Utf8) {
      std::string text(data, end);  // UTF-16: the rest, then all of it decoded, as one window
      text.resize(end + left);
      text.resize(end + read_up_to(fd, text.data() + end, left));
      ::close(fd);
      decode_to_utf8(text);
      each(text, 0, text.size());
      return true;
    }
    // A window read whole has kWindowBytes > kWindowMargin new bytes: `to` is past `from`.
    const size_t to = left == 0 ? end : end - kWindowMargin;
    each(std::string_view(data, end), from, to);
    if (left == 0) break;
    const size_t keep_from = to > kWindowContext ? to - kWindowContext : 0;
    std::memmove(data, data + keep_from, end - keep_from);
    kept = end - keep_from;
    from = to - keep_from;
  }
  ::close(fd);
  return true;
}

}  // namespace patless
