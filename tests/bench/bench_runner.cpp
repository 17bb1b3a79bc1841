// One command for the benchmark: on a generated repository (or a copy of a real
// one), runs patless and the parse-only baseline in turn several times and prints
// files, bytes, wall and CPU time, peak RSS, files/s, MB/s and the ratio
// patless / parse-only (medians); then the SARIF report for 10,000 findings.
//
//   bench_runner [--runs R] [--jobs N] [--files N | PATH]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Sample {
  double wall_ms, cpu_ms, rss_mb;
};

// Runs argv with stdout and stderr to /dev/null; wall time, CPU time and peak RSS of the child.
Sample run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(stdout);  // or the child writes our buffer again
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  double wall = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  double cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    std::fprintf(stderr, "bench_runner: %s failed\n", args[0].c_str());
    std::exit(2);
  }
  return {wall, cpu, usage.ru_maxrss / 1024.0};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  int files = 4000;
  std::string repo;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) jobs = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--files") && i + 1 < argc) files = std::atoi(argv[++i]);
    else if (argv[i][0] != '-' && repo.empty()) repo = argv[i];
    else {
      std::fprintf(stderr, "usage: bench_runner [--runs R] [--jobs N] [--files N | PATH]\n");
      return 2;
    }
  }
  if (repo.empty()) {
    repo = (fs::temp_directory_path() / ("patless-bench-" + std::to_string(files))).string();
    fs::remove_all(repo);
    run({PATLESS_GENERATE, repo, std::to_string(files)});
  }
  if (std::error_code ec; !fs::is_directory(repo, ec)) {
    std::fprintf(stderr, "bench_runner: %s is not a directory\n", repo.c_str());
    return 2;
  }
  size_t count = 0, bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(repo)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext == ".bicep" || ext == ".bicepparam" || ext == ".json" || ext == ".jsonc" || ext == ".yaml" || ext == ".yml") {
      ++count;
      bytes += e.file_size();
    }
  }
  std::string j = std::to_string(jobs);
  // The report is written to a file, as a pipeline writes it (not to /dev/null: as root,
  // a writer that renames a file over its output would replace the device).
  const std::string report =
      (fs::temp_directory_path() / ("patless-bench-" + std::to_string(::getpid()) + ".sarif")).string();
  std::vector<std::pair<const char*, std::vector<std::string>>> tools = {
      {"parse-only", {PATLESS_PARSE_ONLY, "--jobs", j, repo}},
      {"patless",
       {PATLESS_BINARY, "check", repo, "--jobs", j, "--format", "sarif", "--output", report, "--fail-level", "none"}},
  };
  std::printf("%s: %zu files, %.1f MB; %u jobs; median of %d runs\n", repo.c_str(), count, bytes / 1e6, jobs, runs);
  std::printf("%-11s %10s %10s %12s %10s %8s\n", "", "wall ms", "cpu ms", "peak RSS MB", "files/s", "MB/s");
  // The two take turns, run after run: this host's speed drifts by a third over
  // minutes, and all runs of one and then all of the other put that drift in the
  // ratio (1.41x and 0.95x for the same binaries, measured minutes apart).
  for (const auto& tool : tools) run(tool.second);  // warm the page cache
  std::vector<double> wall[2], cpu[2], rss[2];
  for (int r = 0; r < runs; ++r)
    for (size_t t = 0; t < tools.size(); ++t) {
      Sample s = run(tools[t].second);
      wall[t].push_back(s.wall_ms);
      cpu[t].push_back(s.cpu_ms);
      rss[t].push_back(s.rss_mb);
    }
  double walls[2];
  for (size_t t = 0; t < tools.size(); ++t) {
    walls[t] = median(wall[t]);
    std::printf("%-11s %10.0f %10.0f %12.1f %10.0f %8.1f\n", tools[t].first, walls[t], median(cpu[t]), median(rss[t]),
                count / (walls[t] / 1e3), bytes / 1e6 / (walls[t] / 1e3));
  }
  std::printf("patless / parse-only wall time: %.2fx\n", walls[1] / walls[0]);
  fs::remove(report);
  std::fflush(stdout);
  execl(PATLESS_SARIF_BENCH, PATLESS_SARIF_BENCH, "10000", static_cast<char*>(nullptr));
  return 0;
}
