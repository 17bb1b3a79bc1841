// read_text_in_windows gives each file's text exactly once across its windows,
// each window with the context and margin it promises, whatever the buffer
// held before; a UTF-16 file decoded, as one window.
#include "cli/read_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

// The text the windows give, checked window by window against `expected`.
std::string read_in_windows(const std::string& path, const std::string& expected, std::string& buffer,
                            size_t* windows = nullptr) {
  std::string error, covered;
  size_t count = 0;
  bool ok =
      patless::read_text_in_windows(path, buffer, error, 1 << 30, [&](std::string_view window, size_t from, size_t to) {
        ++count;
        INFO("window " << count << " of " << window.size() << " bytes, [" << from << ", " << to << ")");
        REQUIRE(from <= to);
        REQUIRE(to <= window.size());
        // The window is the file's bytes, from `from` bytes before what is new in it.
        REQUIRE(from <= covered.size());
        CHECK(window == std::string_view(expected).substr(covered.size() - from, window.size()));
        CHECK(from >= std::min(covered.size(), patless::kWindowContext));
        if (covered.size() - from + to < expected.size()) CHECK(to + patless::kWindowMargin <= window.size());
        covered += window.substr(from, to - from);
      });
  REQUIRE(ok);
  if (windows) *windows = count;
  return covered;
}

}  // namespace

TEST_CASE("read_text_in_windows gives every byte once, with the bytes around it", "[scan]") {
  const fs::path dir = fs::temp_directory_path() / ("patless-read-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  };
  std::string pattern;
  for (size_t i = 0; pattern.size() < 4 * patless::kWindowBytes; ++i) pattern += std::to_string(i * 7919) + ',';

  std::string buffer;
  const size_t w = patless::kWindowBytes, m = patless::kWindowMargin;
  for (size_t size :
       {size_t{0}, size_t{1}, w - 1, w, w + 1, w + m - 1, w + m, w + m + 1, 2 * w - m, 2 * w, 3 * w + 17}) {
    INFO(size << " bytes");
    const std::string text = pattern.substr(0, size);
    size_t windows = 0;
    std::string name = "f";  // not "f" + ...: GCC 12's -Wrestrict misreads that
    name += std::to_string(size) + ".json";
    CHECK(read_in_windows(write(name, text), text, buffer, &windows) == text);
    CHECK(windows == std::max<size_t>(1, (size + w - 1) / w));  // each read takes kWindowBytes new bytes
  }
  // A small file after a large one: nothing of the large one shows.
  CHECK(read_in_windows(write("small.bicep", "xy"), "xy", buffer) == "xy");
  // UTF-16 is decoded, whole.
  const std::string utf16 = write("utf16.yaml", std::string("\xFF\xFE"
                                                            "a\0\n\0",
                                                            6));
  size_t windows = 0;
  CHECK(read_in_windows(utf16,
                        "\xEF\xBB\xBF"
                        "a\n",
                        buffer, &windows) ==
        "\xEF\xBB\xBF"
        "a\n");
  CHECK(windows == 1);

  std::string error;
  auto never = [](std::string_view, size_t, size_t) { FAIL("no window"); };
  CHECK_FALSE(patless::read_text_in_windows((dir / "missing.json").string(), buffer, error, 1000, never));
  CHECK(error == "No such file or directory");
  CHECK_FALSE(patless::read_text_in_windows(write("large.json", std::string(1000, 'a')), buffer, error, 999, never));
  CHECK(error == "larger than the limit of 999 bytes (--max-file-size)");
  CHECK_FALSE(patless::read_text_in_windows(dir.string(), buffer, error, 1000, never));
  CHECK(error == "not a regular file");
  fs::remove_all(dir);
}
