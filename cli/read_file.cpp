#include "cli/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "grammars/text_encoding.h"

namespace patless {

bool read_file(const std::string& path, std::string& bytes, std::string& error, size_t max_bytes) {
  // POSIX calls: an ifstream allocates a buffer per file, which shows in a scan of thousands.
  // O_NONBLOCK: a named pipe put where a file was found must not stop the scan.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file";
    ::close(fd);
    return false;
  }
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    error = "larger than the limit of " + std::to_string(max_bytes) + " bytes (--max-file-size)";
    ::close(fd);
    return false;
  }
  bytes.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the file shrank while being read: keep what is there
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  bytes.resize(done);
  return true;
}

bool read_text_file(const std::string& path, std::string& text, std::string& error, size_t max_bytes) {
  if (!read_file(path, text, error, max_bytes)) return false;
  decode_to_utf8(text);
  return true;
}

}  // namespace patless
