#include "cli/path_list.h"

#include <algorithm>

namespace patless {
namespace {

void put_length(size_t n, std::string& out) {
  for (; n >= 0x80; n >>= 7) out.push_back(static_cast<char>((n & 0x7f) | 0x80));
  out.push_back(static_cast<char>(n));
}

size_t get_length(const std::string& bytes, size_t& at) {
  size_t n = 0;
  for (int shift = 0;; shift += 7) {
    auto byte = static_cast<unsigned char>(bytes[at++]);
    n |= static_cast<size_t>(byte & 0x7f) << shift;
    if (byte < 0x80) return n;
  }
}

size_t length_size(size_t n) {
  size_t bytes = 1;
  for (; n >= 0x80; n >>= 7) ++bytes;
  return bytes;
}

size_t shared_length(std::string_view a, std::string_view b) {
  size_t most = std::min(a.size(), b.size()), shared = 0;
  while (shared < most && a[shared] == b[shared]) ++shared;
  return shared;
}

}  // namespace

PathList::PathList(const std::vector<std::string>& paths)
    : PathList(paths.size(), [&](size_t k, std::string& out) { out = paths[k]; }) {}

PathList::PathList(size_t count, const std::function<void(size_t, std::string&)>& write) {
  // Sized first: grown by doubling, the bytes would be there one and a half times over.
  std::string path, before;
  size_t bytes = 0;
  for (size_t k = 0; k < count; ++k) {
    path.clear();
    write(k, path);
    size_t shared = k % kRestart == 0 ? 0 : shared_length(before, path);
    bytes += length_size(shared) + length_size(path.size() - shared) + path.size() - shared;
    std::swap(path, before);
  }
  bytes_.reserve(bytes);
  restarts_.reserve(count / kRestart + 1);
  for (size_t k = 0; k < count; ++k) {
    path.clear();
    write(k, path);
    push_back(path);
  }
}

void PathList::push_back(std::string_view path) {
  size_t shared = 0;
  if (size_ % kRestart == 0)
    restarts_.push_back(bytes_.size());
  else
    shared = shared_length(last_, path);
  put_length(shared, bytes_);
  put_length(path.size() - shared, bytes_);
  bytes_.append(path.substr(shared));
  last_.assign(path);
  ++size_;
}

void PathList::read_next(size_t& at, std::string& path) const {
  size_t shared = get_length(bytes_, at);
  size_t rest = get_length(bytes_, at);
  path.resize(shared);
  path.append(bytes_, at, rest);
  at += rest;
}

void PathList::for_each(const std::function<void(const std::string&)>& each) const {
  std::string path;
  for (size_t at = 0, k = 0; k < size_; ++k) {
    read_next(at, path);
    each(path);
  }
}

PathList PathList::filtered(const std::function<bool(const std::string&)>& keep) const {
  PathList out;
  out.bytes_.reserve(bytes_.size());  // about what a subset takes
  for_each([&](const std::string& p) {
    if (keep(p)) out.push_back(p);
  });
  return out;
}

std::vector<std::string> PathList::strings() const {
  std::vector<std::string> out;
  out.reserve(size_);
  for_each([&](const std::string& p) { out.push_back(p); });
  return out;
}

std::string PathList::operator[](size_t i) const {
  std::string path;
  size_t at = restarts_[i / kRestart];
  for (size_t k = i - i % kRestart;; ++k) {
    read_next(at, path);
    if (k == i) return path;
  }
}

}  // namespace patless
