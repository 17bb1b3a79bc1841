// Hostile input through the real binary: 1,000 mutated copies of the fixtures
// (truncations, byte flips, duplicated and dropped lines, inserted bytes), each
// linted by its own process, which must exit 0 or 1 within its time bound.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/read_text.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string l; std::getline(ss, l);) {
    l += '\n';
    out.push_back(std::move(l));
  }
  return out;
}

std::string mutate(const std::string& text, std::mt19937& rng) {
  if (text.empty()) return text;
  std::uniform_int_distribution<size_t> at(0, text.size() - 1);
  std::string s = text;
  switch (rng() % 6) {
    case 0:  // truncated
      s.resize(at(rng));
      break;
    case 1:  // bytes flipped
      for (int k = 0; k < 8; ++k) s[at(rng)] ^= static_cast<char>(1u << (rng() % 8));
      break;
    case 2: {  // a line duplicated
      auto lines = lines_of(s);
      size_t i = rng() % lines.size();
      lines.insert(lines.begin() + static_cast<long>(i), lines[i]);
      s.clear();
      for (const auto& l : lines) s += l;
      break;
    }
    case 3: {  // a line dropped
      auto lines = lines_of(s);
      lines.erase(lines.begin() + static_cast<long>(rng() % lines.size()));
      s.clear();
      for (const auto& l : lines) s += l;
      break;
    }
    case 4: {  // structural characters and invalid UTF-8 inserted
      static const char* bits[] = {"{", "}", "[", "]", "'", "\"", "${", "...", "!", "\xff\xfe", "\n  - ", ": ", "\t"};
      for (int k = 0; k < 4; ++k) s.insert(at(rng), bits[rng() % (sizeof bits / sizeof *bits)]);
      break;
    }
    default: {  // a span repeated many times (deep nesting, long lines)
      size_t from = at(rng), len = std::min<size_t>(1 + rng() % 8, s.size() - from);
      std::string span = s.substr(from, len), repeated;
      for (int k = 0; k < 500; ++k) repeated += span;
      s.insert(from, repeated);
    }
  }
  return s;
}

}  // namespace

TEST_CASE("1,000 mutated fixtures: every run exits 0 or 1 in time", "[hostile][mutation]") {
  std::vector<fs::path> fixtures;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules")) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".bicep" || ext == ".bicepparam" || ext == ".json" || ext == ".yaml"))
      fixtures.push_back(e.path());
  }
  std::sort(fixtures.begin(), fixtures.end());
  REQUIRE(fixtures.size() > 50);
  std::mt19937 rng(20261128);  // deterministic: a failure reproduces
  fs::path dir = fs::temp_directory_path() / ("patless-mutants-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  int failures = 0;
  double slowest = 0;
  for (int i = 0; i < 1000; ++i) {
    const fs::path& source = fixtures[rng() % fixtures.size()];
    std::string name = "m";
    name += std::to_string(i);
    name += source.extension().string();
    fs::path mutant = dir / name;
    std::string text = mutate(read_text(source), rng);
    std::ofstream(mutant, std::ios::binary) << text;
    std::string cmd = "timeout 20 '" + std::string(PATLESS_BINARY) + "' check '" + mutant.string() +
                      "' --format sarif --output '" + (dir / "out.sarif").string() + "' >/dev/null 2>&1";
    auto t0 = std::chrono::steady_clock::now();
    int status = std::system(cmd.c_str());
    slowest = std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code != 0 && code != 1) {
      ++failures;
      std::string kept_name = "patless-failing-mutant-";
      kept_name += std::to_string(i);
      kept_name += mutant.extension().string();
      fs::path kept = fs::temp_directory_path() / kept_name;
      fs::copy_file(mutant, kept, fs::copy_options::overwrite_existing);
      UNSCOPED_INFO("mutant " << i << " of " << source.string() << " exited " << code << "; kept as " << kept.string());
    }
    fs::remove(mutant);
  }
  fs::remove_all(dir);
  INFO("slowest run: " << slowest << " s");
  CHECK(failures == 0);
  CHECK(slowest < 20);
}
