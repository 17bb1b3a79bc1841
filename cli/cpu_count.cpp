#include "cli/cpu_count.h"

#include <sched.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace patless {
namespace {

std::optional<long long> number(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  long long n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::optional<unsigned> whole_cpus(long long quota, long long period) {
  if (quota <= 0 || period <= 0) return std::nullopt;
  long long cpus = quota / period + (quota % period != 0);
  return static_cast<unsigned>(std::min<long long>(cpus, 1 << 16));
}

std::string read_small(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string_view> split(std::string_view text, char by) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    size_t end = text.find(by, start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// mountinfo writes a space, tab, newline or backslash in a path as \ooo.
std::string unescape(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() &&
        std::all_of(field.begin() + i + 1, field.begin() + i + 4, [](char c) { return c >= '0' && c <= '7'; })) {
      out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

std::optional<unsigned> cgroup_limit() {
  std::optional<unsigned> limit;
  auto lower = [&](std::optional<unsigned> l) {
    if (l && (!limit || *l < *limit)) limit = l;
  };
  const std::string groups = read_small("/proc/self/cgroup"), mounts = read_small("/proc/self/mountinfo");
  for (const std::string& dir : cgroup_directories(groups, mounts, true))
    lower(cpu_max_limit(read_small(dir + "/cpu.max")));
  for (const std::string& dir : cgroup_directories(groups, mounts, false))
    lower(cfs_quota_limit(read_small(dir + "/cpu.cfs_quota_us"), read_small(dir + "/cpu.cfs_period_us")));
  return limit;
}

}  // namespace

std::vector<std::string> cgroup_directories(std::string_view proc_cgroup, std::string_view mountinfo, bool v2) {
  // Which group: "0::/path" (v2), "4:cpu,cpuacct:/path" (v1).
  std::string group;
  bool found = false;
  std::istringstream groups{std::string(proc_cgroup)};
  for (std::string line; !found && std::getline(groups, line);) {
    std::vector<std::string_view> f = split(line, ':');
    if (f.size() < 3) continue;
    std::vector<std::string_view> controllers = split(f[1], ',');
    bool cpu = std::find(controllers.begin(), controllers.end(), "cpu") != controllers.end();
    if (v2 ? (f[0] == "0" && f[1].empty()) : cpu) {
      group = std::string(line.substr(f[0].size() + f[1].size() + 2));
      found = true;
    }
  }
  if (!found || !group.starts_with('/')) return {};  // the kernel writes absolute paths
  // Where its hierarchy is mounted: "id parent dev root mountpoint options ... - type source super-options".
  std::istringstream mounts{std::string(mountinfo)};
  for (std::string line; std::getline(mounts, line);) {
    std::vector<std::string_view> f = split(line, ' ');
    auto dash = std::find(f.begin(), f.end(), "-");
    if (f.size() < 5 || dash == f.end() || f.end() - dash < 4) continue;
    std::string_view type = dash[1];
    std::vector<std::string_view> options = split(dash[3], ',');
    bool match =
        v2 ? type == "cgroup2" : type == "cgroup" && std::find(options.begin(), options.end(), "cpu") != options.end();
    if (!match) continue;
    std::string root = unescape(f[3]), mountpoint = unescape(f[4]);
    // The group as seen below the mounted part of the hierarchy.
    if (root != "/" && group != root && !group.starts_with(root + "/")) continue;
    std::string dir = root == "/" ? group : group.substr(root.size());  // "/a/b", "/" or ""
    std::vector<std::string> out;
    for (;;) {
      out.push_back(mountpoint + (dir == "/" ? "" : dir));
      size_t slash = dir.rfind('/');
      if (dir == "/" || slash == std::string::npos) return out;
      dir.resize(slash);
    }
  }
  return {};
}

std::optional<unsigned> cpu_max_limit(std::string_view cpu_max) {
  std::vector<std::string_view> f = split(cpu_max.substr(0, cpu_max.find('\n')), ' ');
  if (f.size() != 2 || f[0] == "max") return std::nullopt;
  std::optional<long long> quota = number(f[0]), period = number(f[1]);
  if (!quota || !period) return std::nullopt;
  return whole_cpus(*quota, *period);
}

std::optional<unsigned> cfs_quota_limit(std::string_view quota_us, std::string_view period_us) {
  std::optional<long long> quota = number(quota_us), period = number(period_us);
  if (!quota || !period) return std::nullopt;
  return whole_cpus(*quota, *period);
}

unsigned available_cpus() {
  unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
    cpus = std::min(cpus, static_cast<unsigned>(CPU_COUNT(&set)));
  if (std::optional<unsigned> limit = cgroup_limit()) cpus = std::min(cpus, *limit);
  return std::max(1u, cpus);
}

}  // namespace patless
