// A SAX handler that writes down nlohmann's events, to compare scan_json's
// with nlohmann's (tests/json_scan_test.cpp, tests/fuzz/fuzz_arm.cpp). Numbers
// as '#': patless keeps a number's text, not its value.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace patless::testing {

class EventRecorder : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string events;
  bool null() override { return add("null"); }
  bool boolean(bool b) override { return add(b ? "true" : "false"); }
  bool number_integer(number_integer_t) override { return add("#"); }
  bool number_unsigned(number_unsigned_t) override { return add("#"); }
  bool number_float(number_float_t, const string_t&) override { return add("#"); }
  bool string(string_t& s) override { return add("'" + s + "'"); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return add("{"); }
  bool end_object() override { return add("}"); }
  bool start_array(std::size_t) override { return add("["); }
  bool end_array() override { return add("]"); }
  bool key(string_t& k) override { return add("k'" + k + "'"); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool add(const std::string& e) {
    events += e + ' ';
    return true;
  }
};

}  // namespace patless::testing
