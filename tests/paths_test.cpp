// The fast paths of grammars/paths.h give what std::filesystem gives.
#include <catch2/catch.hpp>

#include "grammars/paths.h"

TEST_CASE("normal_path and directory_of agree with lexically_normal", "[paths]") {
  namespace fs = std::filesystem;
  for (std::string p : {"main.bicep", "infra/main.bicep", "/abs/infra/main.bicep", "/main.bicep", "a/./b.bicep",
                        "a/../b.bicep", "../b.bicep", "./b.bicep", "a//b.bicep", "a/b/", ".", "..", "a/.hidden/b.json",
                        "a/..b/c.json", "a/b../c.json"}) {
    INFO(p);
    CHECK(patless::normal_path(p) == fs::path(p).lexically_normal().string());
    CHECK(patless::directory_of(p) == fs::path(p).parent_path().lexically_normal().string());
  }
  CHECK(patless::looks_normal("a/.hidden/b.json"));
  CHECK(!patless::looks_normal("a/./b.json"));
  CHECK(patless::beside("infra/main.bicep", "../modules/id.bicep") == "modules/id.bicep");
  for (std::string file : {"main.bicep", "infra/main.bicep", "/abs/k.yaml", "/k.yaml", "a/./k.yaml", "../k.yaml"})
    for (std::string rel : {"x.yaml", "./x.yaml", "././x", "sub/x.yaml", "../x.yaml", "/etc/x.yaml", "sub/", ".", "",
                            "a//b", ".hidden/x"}) {
      INFO(file << " + " << rel);
      CHECK(patless::beside(file, std::string_view(rel)) ==
            (fs::path(file).parent_path() / rel).lexically_normal().string());
    }
}
