#include "cli/selection_cache.h"

#include <sys/stat.h>

#include <cstring>
#include <ctime>
#include <filesystem>

#include "cli/atomic_write.h"
#include "cli/fix.h"
#include "cli/read_file.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

// The file starts with these, then the byte-order mark of the integers that
// follow (the cache is this machine's: integers are written as they are in memory).
constexpr std::string_view kMagic = "patless selection cache\n";
constexpr uint32_t kByteOrder = 0x01020304;

int64_t nanoseconds(const struct timespec& t) {
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

class Writer {
 public:
  std::string bytes;
  template <typename T>
  void number(T v) {
    bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void text(std::string_view s) {
    number<uint32_t>(static_cast<uint32_t>(s.size()));
    bytes.append(s);
  }
};

// Reads what Writer wrote; any read past the end makes ok() false for good.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  T number() {
    T v{};
    if (rest_.size() < sizeof v) return fail<T>();
    std::memcpy(&v, rest_.data(), sizeof v);
    rest_.remove_prefix(sizeof v);
    return v;
  }
  std::string_view text() {
    uint32_t n = number<uint32_t>();
    if (rest_.size() < n) return fail<std::string_view>();
    std::string_view s = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return s;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return rest_.empty(); }

 private:
  std::string_view rest_;
  bool ok_ = true;
  template <typename T>
  T fail() {
    ok_ = false;
    rest_ = {};
    return T{};
  }
};

enum Flag : uint8_t { kFlux = 1, kCluster = 2, kCredentials = 4, kClientId = 8, kArmParameters = 16 };

std::string header(std::string_view working_directory) {
  Writer w;
  w.bytes = kMagic;
  w.number(kByteOrder);
  w.number(kSelectionFactsVersion);
  w.text(PATLESS_VERSION);
  w.text(working_directory);
  return std::move(w.bytes);
}

}  // namespace

std::optional<FileStamp> stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  FileStamp s;
  s.device = st.st_dev;
  s.inode = st.st_ino;
  s.size = static_cast<uint64_t>(st.st_size);
  s.modified_ns = nanoseconds(st.st_mtim);
  s.changed_ns = nanoseconds(st.st_ctim);
  return s;
}

SelectionCache SelectionCache::load(const std::string& directory, const std::string& working_directory) {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);  // the clock file times are taken from
  return load(directory, working_directory, nanoseconds(now));
}

SelectionCache SelectionCache::load(const std::string& directory, const std::string& working_directory,
                                    int64_t now_ns) {
  SelectionCache cache;
  cache.directory_ = directory;
  cache.working_directory_ = working_directory;
  cache.loaded_ns_ = now_ns;
  std::string bytes, error;
  if (read_file((fs::path(directory) / kFileName).string(), bytes, error) && !cache.parse(bytes)) {
    cache.entries_.clear();
    cache.changed_ = true;  // written again, whole
  }
  return cache;
}

bool SelectionCache::parse(std::string_view bytes) {
  // The text, then a hash of it: a file cut short or changed by hand is not read.
  if (bytes.size() < sizeof(uint64_t)) return false;
  std::string_view body = bytes.substr(0, bytes.size() - sizeof(uint64_t));
  uint64_t hash = 0;
  std::memcpy(&hash, bytes.data() + body.size(), sizeof hash);
  std::string expected_header = header(working_directory_);
  if (hash != text_hash(body) || !body.starts_with(expected_header)) return false;
  Reader r(body.substr(expected_header.size()));
  uint64_t count = r.number<uint64_t>();
  for (uint64_t i = 0; i < count && r.ok(); ++i) {
    std::string normal(r.text());
    Entry e;
    e.stamp.device = r.number<uint64_t>();
    e.stamp.inode = r.number<uint64_t>();
    e.stamp.size = r.number<uint64_t>();
    e.stamp.modified_ns = r.number<int64_t>();
    e.stamp.changed_ns = r.number<int64_t>();
    uint8_t flags = r.number<uint8_t>();
    e.facts.flux = flags & kFlux;
    e.facts.cluster = flags & kCluster;
    e.facts.credentials = flags & kCredentials;
    e.facts.client_id = flags & kClientId;
    e.facts.arm_parameters = flags & kArmParameters;
    uint32_t targets = r.number<uint32_t>();
    for (uint32_t t = 0; t < targets && r.ok(); ++t) e.facts.targets.emplace_back(r.text());
    if (r.ok()) entries_.insert_or_assign(std::move(normal), std::move(e));
  }
  return r.ok() && r.at_end();
}

const SelectionFacts* SelectionCache::find(const std::string& normal, const FileStamp& stamp) const {
  auto it = entries_.find(normal);
  return it != entries_.end() && it->second.stamp == stamp ? &it->second.facts : nullptr;
}

void SelectionCache::put(const std::string& normal, const FileStamp& stamp, SelectionFacts facts) {
  const int64_t racy_from = loaded_ns_ - kRacySeconds * 1000000000;
  if (stamp.modified_ns >= racy_from || stamp.changed_ns >= racy_from) {
    changed_ = entries_.erase(normal) > 0 || changed_;
    return;
  }
  auto [it, added] = entries_.try_emplace(normal);
  if (!added && it->second.stamp == stamp && it->second.facts == facts) return;
  it->second = Entry{stamp, std::move(facts)};
  changed_ = true;
}

void SelectionCache::keep_only(const std::unordered_set<std::string>& listed) {
  changed_ = std::erase_if(entries_, [&](const auto& e) { return !listed.count(e.first); }) > 0 || changed_;
}

std::string SelectionCache::serialized() const {
  Writer w;
  w.bytes = header(working_directory_);
  w.number<uint64_t>(entries_.size());
  for (const auto& [normal, e] : entries_) {
    w.text(normal);
    w.number(e.stamp.device);
    w.number(e.stamp.inode);
    w.number(e.stamp.size);
    w.number(e.stamp.modified_ns);
    w.number(e.stamp.changed_ns);
    w.number<uint8_t>((e.facts.flux ? kFlux : 0) | (e.facts.cluster ? kCluster : 0) |
                      (e.facts.credentials ? kCredentials : 0) | (e.facts.client_id ? kClientId : 0) |
                      (e.facts.arm_parameters ? kArmParameters : 0));
    w.number<uint32_t>(static_cast<uint32_t>(e.facts.targets.size()));
    for (const std::string& t : e.facts.targets) w.text(t);
  }
  w.number(text_hash(w.bytes));
  return std::move(w.bytes);
}

bool SelectionCache::save(std::string& error) const {
  if (!changed_ || directory_.empty()) return true;
  std::error_code ec;
  const fs::path dir(directory_);
  fs::create_directories(dir, ec);  // false, without an error, when it is there (another run may just have made it)
  if (!fs::is_directory(dir, ec)) {
    error = ec ? ec.message() : "not a directory";
    return false;
  }
  // As pytest's and ruff's caches: invisible to git, and to backups that honour
  // the tag; put back when someone removed them.
  auto ensure = [&](const char* name, std::string_view text) {
    return fs::exists(dir / name, ec) || write_file_atomically((dir / name).string(), text, error);
  };
  if (!ensure(".gitignore", "# Made by patless: its cache.\n*\n") ||
      !ensure(
          "CACHEDIR.TAG",
          "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by patless.\n"))
    return false;
  return write_file_atomically((dir / kFileName).string(), serialized(), error);
}

}  // namespace patless
