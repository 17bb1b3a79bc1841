// Compact JSON written straight into a string, for the parts of a report that
// repeat per finding: building an nlohmann tree per result and freeing it cost
// more than writing it. The bytes are those nlohmann's dump(-1) gives (with
// error_handler_t::replace), so a report can mix the two.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace patless {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // An object's member name; the value written next is its value.
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(uint64_t number);
  // Text that is already JSON (a value nlohmann dumped), written as one value.
  JsonWriter& raw(std::string_view json);

  // {"name": text} and {"text": text}, the shapes SARIF repeats most.
  JsonWriter& member(std::string_view name, std::string_view text) { return key(name).value(text); }
  JsonWriter& member(std::string_view name, uint64_t number) { return key(name).value(number); }
  JsonWriter& message(std::string_view name, std::string_view text) {
    return key(name).begin_object().member("text", text).end_object();
  }

 private:
  void separate();
  void open(char c);
  void close(char c);
  std::string& out_;
  std::vector<bool> has_items_;  // per open container: whether a value was written in it
  bool after_key_ = false;
};

// `text` as a JSON string, quotes included, appended to `out`.
void append_json_string(std::string& out, std::string_view text);

}  // namespace patless
