// cli/json_writer.h writes the bytes nlohmann's dump(-1) writes, so a SARIF report can
// mix the two.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/json_writer.h"

namespace {

std::string nlohmann_dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("JSON strings are escaped as nlohmann escapes them", "[json_writer]") {
  using namespace std::string_literals;
  for (std::string s : {""s, "plain"s, "quote \" and backslash \\"s, "\b\f\n\r\t"s, "\x01\x1f\x7f"s, "\0nul"s,
                        "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80"s,  // é → 😀
                        "bad \xff byte"s, "cut \xe2\x86"s, "\xc3"s, "overlong \xc0\xaf"s, "surrogate \xed\xa0\x80"s,
                        "lone continuation \x80 then \"quote\""s, "mixed \xc3\xa9\t\xfe"s}) {
    INFO(nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    std::string written;
    patless::append_json_string(written, s);
    CHECK(written == nlohmann_dump(s));
  }
}

TEST_CASE("JsonWriter separates members and items as compact JSON", "[json_writer]") {
  std::string out;
  patless::JsonWriter w(out);
  w.begin_object().member("ruleId", "PL102").member("ruleIndex", uint64_t{3});
  w.key("empty").begin_array().end_array();
  w.key("locations").begin_array().begin_object().member("uri", "a b").end_object();
  w.begin_object().end_object().value(uint64_t{18446744073709551615u}).value("x").end_array();
  w.message("message", "line\none").key("raw").raw("{\"k\":[1,2]}").end_object();
  const char* expected =
      R"({"ruleId":"PL102","ruleIndex":3,"empty":[],"locations":[{"uri":"a b"},{},18446744073709551615,"x"],)"
      R"("message":{"text":"line\none"},"raw":{"k":[1,2]}})";
  CHECK(out == expected);
  CHECK(out == nlohmann_dump(nlohmann::ordered_json::parse(out)));
}
