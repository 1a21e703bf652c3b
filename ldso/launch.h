// Launch: from a request (program, arguments, options) to the jump into the
// program. Everything that can fail is checked before anything of the program
// runs; errors are ldso::Error.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ldso {

enum class Mode {
  automatic,  // static: run directly; dynamic: self-linked, or interp when the
              // closure holds glibc's own libraries (host mode is to come)
  interp,     // map the program and its PT_INTERP and enter the interpreter
  self,       // self-linked, and refuse programs that need glibc's libraries
};

struct Request {
  std::vector<std::string> args;  // args[0] is the program path, also its argv[0]
  Mode mode = Mode::automatic;
  std::optional<std::string> library_path;  // --library-path (replaces LD_LIBRARY_PATH)
  std::vector<std::string> preload;       // --preload (after LD_PRELOAD)
  bool bind_now = false;                  // --bind-now
  std::string sync = "eager";             // --sync=eager|written|lazy
  std::string load = "map";               // --load=map|copy
  std::string stats;                      // --stats=FILE
  std::string cache_geometry;             // --cache-geometry=SPEC (or LDSO_CACHE_GEOMETRY)
};

[[noreturn]] void launch(const Request& req, char** envp);

}  // namespace ldso
