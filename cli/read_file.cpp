#include "cli/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "grammars/text_encoding.h"

namespace patless {

namespace {

// Reads a whole file into the space `room(size)` gives for its size (its size
// when opened; a file that shrinks while read gives fewer bytes): the bytes read.
template <typename Room>
std::optional<size_t> read_whole(const std::string& path, std::string& error, size_t max_bytes, Room room) {
  // POSIX calls: an ifstream allocates a buffer per file, which shows in a scan of thousands.
  // O_NONBLOCK: a named pipe put where a file was found must not stop the scan.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    ::close(fd);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file";
    ::close(fd);
    return std::nullopt;
  }
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    error = "larger than the limit of " + std::to_string(max_bytes) + " bytes (--max-file-size)";
    ::close(fd);
    return std::nullopt;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  char* data = room(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the file shrank while being read: keep what is there
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return done;
}

}  // namespace

bool read_file(const std::string& path, std::string& bytes, std::string& error, size_t max_bytes) {
  std::optional<size_t> read = read_whole(path, error, max_bytes, [&](size_t size) {
    bytes.resize(size);
    return bytes.data();
  });
  if (read) bytes.resize(*read);
  return read.has_value();
}

bool read_text_file(const std::string& path, std::string& text, std::string& error, size_t max_bytes) {
  if (!read_file(path, text, error, max_bytes)) return false;
  decode_to_utf8(text);
  return true;
}

std::optional<std::string_view> read_text_into(const std::string& path, std::string& buffer, std::string& error,
                                               size_t max_bytes) {
  std::optional<size_t> read = read_whole(path, error, max_bytes, [&](size_t size) {
    if (buffer.size() < size) buffer.resize(size);
    return buffer.data();
  });
  if (!read) return std::nullopt;
  if (encoding_of(std::string_view(buffer.data(), *read)) == TextEncoding::Utf8)
    return std::string_view(buffer.data(), *read);
  buffer.resize(*read);
  decode_to_utf8(buffer);
  return std::string_view(buffer);
}

}  // namespace patless
