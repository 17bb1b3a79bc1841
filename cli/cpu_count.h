// How many files to read at once by default: the CPUs this process may run on.
// A CI agent in a Kubernetes pod or a container with --cpus sees every core of
// its node in hardware_concurrency(), and as many threads as those would share
// a CPU or two (each holding the parse of a file: memory grows with them too).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patless {

// The cores of the machine, then fewer where the process's CPU affinity (taskset,
// a cpuset) or a cgroup CPU quota (cgroup v2 cpu.max, v1 cpu.cfs_quota_us) of
// its group or a group above it allows fewer; at least 1.
unsigned available_cpus();

// A cgroup's quota as whole CPUs, rounded up: cgroup v2's `cpu.max` ("max 100000"
// is no limit, "150000 100000" is 2), or v1's quota and period in microseconds
// (a quota of -1 is none). Nothing for no limit or text that is neither.
std::optional<unsigned> cpu_max_limit(std::string_view cpu_max);
std::optional<unsigned> cfs_quota_limit(std::string_view quota_us, std::string_view period_us);

// The directories of a process's cgroup and of the groups above it, up to where
// the hierarchy is mounted, for cgroup v2 (`v2`) or v1's cpu controller; from
// the texts of /proc/self/cgroup and /proc/self/mountinfo.
std::vector<std::string> cgroup_directories(std::string_view proc_cgroup, std::string_view mountinfo, bool v2);

}  // namespace patless
