#include "cli/found_files.h"

#include <algorithm>

namespace patless {
namespace {

// a1 + a2 against b1 + b2, as strings compare, without making either.
int compare_joined(std::string_view a1, std::string_view a2, std::string_view b1, std::string_view b2) {
  for (;;) {
    if (a1.empty()) std::swap(a1, a2);
    if (b1.empty()) std::swap(b1, b2);
    if (a1.empty() || b1.empty()) return a1.empty() ? (b1.empty() ? 0 : -1) : 1;
    const size_t n = std::min(a1.size(), b1.size());
    if (int c = a1.substr(0, n).compare(b1.substr(0, n)); c != 0) return c;
    a1.remove_prefix(n);
    b1.remove_prefix(n);
  }
}

}  // namespace

void FoundFiles::directory(std::string prefix) {
  prefixes_.push_back(std::move(prefix));
  directory_ = static_cast<uint32_t>(prefixes_.size() - 1);
}

void FoundFiles::add(std::string_view name) {
  files_.push_back({directory_, static_cast<uint32_t>(names_.size()), static_cast<uint32_t>(name.size())});
  names_.append(name);
}

void FoundFiles::take(FoundFiles&& other) {
  const auto prefixes = static_cast<uint32_t>(prefixes_.size());
  const size_t names = names_.size();
  for (std::string& p : other.prefixes_) prefixes_.push_back(std::move(p));
  names_ += other.names_;
  files_.reserve(files_.size() + other.files_.size());
  for (const File& f : other.files_)
    files_.push_back({f.directory + prefixes, f.name_at + static_cast<uint32_t>(names), f.name_size});
  other = FoundFiles();
}

PathList FoundFiles::sorted() {
  auto less = [&](const File& a, const File& b) {
    if (a.directory == b.directory) return name(a) < name(b);
    return compare_joined(prefixes_[a.directory], name(a), prefixes_[b.directory], name(b)) < 0;
  };
  std::sort(files_.begin(), files_.end(), less);
  files_.erase(std::unique(files_.begin(), files_.end(),
                           [&](const File& a, const File& b) { return !less(a, b) && !less(b, a); }),
               files_.end());
  return PathList(files_.size(), [&](size_t k, std::string& out) {
    out += prefixes_[files_[k].directory];
    out += name(files_[k]);
  });
}

}  // namespace patless
