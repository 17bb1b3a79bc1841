// The command line: subcommands, options, exit codes.
#pragma once

#include <ostream>

namespace patless {

// Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
// 2 usage, configuration or I/O error.
int run_app(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace patless
