// read_text_into gives each file's text exactly, whatever the buffer held
// before, and keeps the buffer at the size of the largest file.
#include "cli/read_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

TEST_CASE("read_text_into reads files in turn into one buffer, each exactly", "[scan]") {
  const fs::path dir = fs::temp_directory_path() / ("patless-read-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  };
  const std::string large = write("large.json", std::string(1000, 'a'));
  const std::string small = write("small.bicep", "xy");
  const std::string utf16 = write("utf16.yaml", std::string("\xFF\xFE"
                                                            "a\0\n\0",
                                                            6));
  const std::string medium = write("medium.json", std::string(100, 'b'));
  const std::string empty = write("empty.yaml", "");

  std::string buffer, error;
  CHECK(patless::read_text_into(large, buffer, error) == std::string(1000, 'a'));
  CHECK(patless::read_text_into(small, buffer, error) == "xy");
  CHECK(buffer.size() == 1000);  // not made shorter, so not zeroed again when the next is longer
  CHECK(patless::read_text_into(medium, buffer, error) == std::string(100, 'b'));
  CHECK(patless::read_text_into(utf16, buffer, error) ==
        "\xEF\xBB\xBF"
        "a\n");  // decoded, as read_text_file does
  CHECK(patless::read_text_into(empty, buffer, error) == "");
  CHECK(patless::read_text_into(large, buffer, error) == std::string(1000, 'a'));

  CHECK(patless::read_text_into((dir / "missing.json").string(), buffer, error) == std::nullopt);
  CHECK(error == "No such file or directory");
  CHECK(patless::read_text_into(large, buffer, error, 999) == std::nullopt);
  CHECK(error == "larger than the limit of 999 bytes (--max-file-size)");
  fs::remove_all(dir);
}
