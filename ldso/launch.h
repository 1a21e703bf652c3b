// Launch: from a request (program, arguments, options) to the jump into the
// program. Everything that can fail is checked before anything of the program
// runs; errors are ldso::Error.
#pragma once
#include <string>
#include <vector>

namespace ldso {

enum class Mode {
  automatic,  // static and static-PIE run directly; dynamic programs use interp (for now)
  interp,     // map the program and its PT_INTERP and enter the interpreter
};

struct Request {
  std::vector<std::string> args;  // args[0] is the program path, also its argv[0]
  Mode mode = Mode::automatic;
};

[[noreturn]] void launch(const Request& req, char** envp);

}  // namespace ldso
