// Bytes put aside in a temporary file, out of memory, and read back: where a
// scan keeps the models of the parts it is not linting (grammars/model_codec.h).
// The file has no name (it is gone when the process is), and put() may be
// called from several threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace patless {

class Spill {
 public:
  struct Handle {
    uint64_t offset = 0;
    uint64_t size = 0;
  };
  // A spill in the system's temporary directory; failed() when it cannot be made.
  Spill();
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  bool failed() const { return fd_ < 0; }
  // Where the bytes are; nullopt when they cannot be written (a full disk).
  std::optional<Handle> put(std::string_view bytes);
  // The bytes at `h`; nullopt when they cannot be read back whole.
  std::optional<std::string> get(const Handle& h) const;

 private:
  int fd_ = -1;
  uint64_t end_ = 0;
  std::mutex mutex_;
};

}  // namespace patless
