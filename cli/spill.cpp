#include "cli/spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace patless {
namespace {

// Calls io(done) until `size` bytes are done, again after a signal; false when it fails or ends early.
template <class Io>
bool whole(size_t size, Io io) {
  for (size_t done = 0; done < size;) {
    ssize_t n = io(done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

Spill::Spill() {
  std::error_code ec;
  std::string dir = std::filesystem::temp_directory_path(ec).string();
  if (ec || dir.empty()) dir = "/tmp";
#ifdef O_TMPFILE
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (fd_ < 0) {  // a file system without O_TMPFILE: a named file, unlinked at once
    std::string name = dir + "/patless-spill-XXXXXX";
    fd_ = ::mkstemp(name.data());
    if (fd_ >= 0) ::unlink(name.c_str());
  }
}

Spill::~Spill() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<Spill::Handle> Spill::put(std::string_view bytes) {
  if (fd_ < 0) return std::nullopt;
  Handle h;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    h.offset = end_;
    end_ += bytes.size();
  }
  h.size = bytes.size();
  bool written = whole(bytes.size(), [&](size_t done) {
    return ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(h.offset + done));
  });
  return written ? std::optional(h) : std::nullopt;
}

std::optional<std::string> Spill::get(const Handle& h) const {
  if (fd_ < 0) return std::nullopt;
  std::string out(h.size, '\0');
  bool read = whole(out.size(), [&](size_t done) {
    return ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(h.offset + done));
  });
  return read ? std::optional(std::move(out)) : std::nullopt;
}

}  // namespace patless
