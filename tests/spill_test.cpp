// Bytes put aside in the temporary file come back as they went, from any thread.
#include "cli/spill.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

TEST_CASE("bytes put aside come back whole, each where put() said, from several threads", "[spill]") {
  patless::Spill spill;
  REQUIRE_FALSE(spill.failed());
  std::vector<std::vector<std::pair<std::string, patless::Spill::Handle>>> put(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < put.size(); ++t)
    threads.emplace_back([&, t] {
      for (size_t k = 0; k < 200; ++k) {
        std::string bytes(k * 37 % 5000, static_cast<char>('a' + t));
        bytes += std::to_string(t) + ":" + std::to_string(k);
        std::optional<patless::Spill::Handle> h = spill.put(bytes);
        if (h) put[t].emplace_back(std::move(bytes), *h);
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& each : put) {
    REQUIRE(each.size() == 200);
    for (const auto& [bytes, handle] : each) CHECK(spill.get(handle) == bytes);
  }
  CHECK(spill.get({0, 0}) == std::string());
}

TEST_CASE("bytes past the end of what was put aside are not read back", "[spill]") {
  patless::Spill spill;
  std::optional<patless::Spill::Handle> h = spill.put("abc");
  REQUIRE(h);
  CHECK_FALSE(spill.get({h->offset, h->size + 1}));
  CHECK_FALSE(spill.get({h->offset + 10, 1}));
}
