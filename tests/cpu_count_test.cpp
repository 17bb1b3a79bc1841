// The default number of threads: the CPUs a process may use, not the machine's
// cores, where a CPU affinity or a cgroup quota (a container, a Kubernetes pod)
// allows fewer.
#include "cli/cpu_count.h"

#include <sched.h>

#include <catch2/catch.hpp>
#include <thread>

using patless::cfs_quota_limit;
using patless::cgroup_directories;
using patless::cpu_max_limit;

TEST_CASE("cgroup quotas are whole CPUs, rounded up", "[cpu_count]") {
  CHECK(cpu_max_limit("max 100000\n") == std::nullopt);
  CHECK(cpu_max_limit("150000 100000\n") == 2u);
  CHECK(cpu_max_limit("100000 100000") == 1u);
  CHECK(cpu_max_limit("50000 100000\n") == 1u);  // half a CPU: one thread
  CHECK(cpu_max_limit("") == std::nullopt);      // no such file
  CHECK(cpu_max_limit("x 100000") == std::nullopt);
  CHECK(cpu_max_limit("0 100000") == std::nullopt);
  CHECK(cfs_quota_limit("-1\n", "100000\n") == std::nullopt);
  CHECK(cfs_quota_limit("250000\n", "100000\n") == 3u);
  CHECK(cfs_quota_limit("", "") == std::nullopt);
  CHECK(cfs_quota_limit("9223372036854775807", "100000") == 65536u);  // no overflow; capped
}

TEST_CASE("the cgroup directories are the process's group and those above it, where mounted", "[cpu_count]") {
  // A Kubernetes pod on cgroup v2 without a cgroup namespace: the quota may be
  // on the container's group or on the pod's.
  const std::string v2_mounts =
      "24 30 0:22 / /sys rw,nosuid - sysfs sysfs rw\n"
      "30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n";
  CHECK(cgroup_directories("0::/kubepods.slice/pod1.slice/cri-containerd-a.scope\n", v2_mounts, true) ==
        std::vector<std::string>{"/sys/fs/cgroup/kubepods.slice/pod1.slice/cri-containerd-a.scope",
                                 "/sys/fs/cgroup/kubepods.slice/pod1.slice", "/sys/fs/cgroup/kubepods.slice",
                                 "/sys/fs/cgroup"});
  // With a cgroup namespace (Docker's default on cgroup v2) the group is the root.
  CHECK(cgroup_directories("0::/\n", v2_mounts, true) == std::vector<std::string>{"/sys/fs/cgroup"});
  CHECK(cgroup_directories("0::/\n", v2_mounts, false).empty());  // no v1 cpu controller

  // cgroup v1, the group's part of the hierarchy mounted (Docker without a
  // namespace), and the cpuacct-only and cpuset hierarchies not taken for cpu.
  const std::string v1_groups = "5:cpuacct:/docker/abc\n4:cpu,cpuacct:/docker/abc\n3:cpuset:/docker/abc\n";
  const std::string v1_mounts =
      "40 35 0:35 /docker/abc /sys/fs/cgroup/cpuset ro - cgroup cgroup rw,cpuset\n"
      "41 35 0:36 /docker/abc /sys/fs/cgroup/cpu\\040acct ro - cgroup cgroup rw,cpu,cpuacct\n";
  CHECK(cgroup_directories(v1_groups, v1_mounts, false) == std::vector<std::string>{"/sys/fs/cgroup/cpu acct"});
  CHECK(cgroup_directories(v1_groups, v1_mounts, true).empty());
  // The hierarchy mounted whole: the group's path below the mount point.
  CHECK(cgroup_directories("2:cpu:/user.slice/a\n", "41 35 0:36 / /cg/cpu rw - cgroup cgroup rw,cpu\n", false) ==
        std::vector<std::string>{"/cg/cpu/user.slice/a", "/cg/cpu/user.slice", "/cg/cpu"});
  // A group outside the mounted part is not there to read.
  CHECK(cgroup_directories("2:cpu:/other\n", "41 35 0:36 /docker /cg/cpu rw - cgroup cgroup rw,cpu\n", false).empty());
  CHECK(cgroup_directories("", v2_mounts, true).empty());
  // Not what the kernel writes, and no exception either.
  CHECK(cgroup_directories("0::relative\n", v2_mounts, true).empty());
}

TEST_CASE("available_cpus counts the CPUs the process may run on", "[cpu_count]") {
  unsigned all = patless::available_cpus();
  CHECK(all >= 1);
  CHECK(all <= std::max(1u, std::thread::hardware_concurrency()));
  // Pinned to one CPU (taskset -c 0): one.
  cpu_set_t before, one;
  REQUIRE(::sched_getaffinity(0, sizeof before, &before) == 0);
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &before)) {
      CPU_SET(cpu, &one);
      break;
    }
  REQUIRE(::sched_setaffinity(0, sizeof one, &one) == 0);
  CHECK(patless::available_cpus() == 1);
  REQUIRE(::sched_setaffinity(0, sizeof before, &before) == 0);
  CHECK(patless::available_cpus() == all);
}
