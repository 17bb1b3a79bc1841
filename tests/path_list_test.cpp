// A front-coded list gives back each path exactly as added (cli/path_list.h).
#include "cli/path_list.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {

std::vector<std::string> all_of(const patless::PathList& list) {
  std::vector<std::string> out;
  for (size_t i = 0; i < list.size(); ++i) out.push_back(list[i]);
  return out;
}

}  // namespace

TEST_CASE("a path list gives back its paths across restarts, in and out of order", "[paths]") {
  std::vector<std::string> paths;
  for (int d = 0; d < 5; ++d)
    for (int f = 0; f < 9; ++f)
      paths.push_back("clusters/env" + std::to_string(d) + "/app/f" + std::to_string(f) + ".yaml");
  paths.push_back("");                                  // shares nothing, is nothing
  paths.push_back("clusters");                          // a prefix of the path before the one before
  paths.push_back(std::string(300, 'x') + "/é.bicep");  // lengths past one byte's varint, UTF-8
  paths.push_back(std::string(300, 'x') + "/é.json");
  patless::PathList list(paths);
  CHECK(list.size() == paths.size());
  CHECK(all_of(list) == paths);
  // Added after: what a scan adds (registry templates, files read for context), in any order.
  for (const char* added : {"/home/u/.bicep/br/mcr.microsoft.com/main.json", "../shared/flux.bicep", "a"}) {
    list.push_back(added);
    paths.push_back(added);
  }
  CHECK(all_of(list) == paths);
  CHECK(list[17] == paths[17]);  // one past a restart, read alone
}

TEST_CASE("an empty path list has no paths", "[paths]") {
  patless::PathList list;
  CHECK(list.size() == 0);
  list.push_back("main.bicep");
  CHECK(all_of(list) == std::vector<std::string>{"main.bicep"});
}

TEST_CASE("a path list filters and compares its paths", "[paths]") {
  const std::vector<std::string> paths = {"infra/a.bicep", "infra/a.bicepparam", "infra/b/.patless.yaml",
                                          "infra/b/c.json", "k8s/flux/gotk-sync.yaml"};
  const patless::PathList list(paths);
  CHECK(list.strings() == paths);
  const patless::PathList kept = list.filtered([](const std::string& p) { return !p.ends_with(".patless.yaml"); });
  CHECK(kept.strings() ==
        std::vector<std::string>{"infra/a.bicep", "infra/a.bicepparam", "infra/b/c.json", "k8s/flux/gotk-sync.yaml"});
  CHECK(kept[2] == "infra/b/c.json");  // its neighbour gone, it is coded against the one before that
  // Written by a function, twice each: the same list as from the strings.
  const patless::PathList written(paths.size(), [&](size_t k, std::string& out) { out += paths[k]; });
  CHECK(written == list);
  CHECK_FALSE(kept == list);
}
