// Launch: from a request (program, arguments, options) to the jump into the
// program. Everything that can fail is checked before anything of the program
// runs; errors are ldso::Error.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ldso {

enum class Mode {
  automatic,  // static: run directly; dynamic: self-linked, or host mode when
              // the closure holds glibc's own libraries
  interp,     // map the program and its PT_INTERP and enter the interpreter
  self,       // self-linked, and refuse programs that need glibc's libraries
  host,       // host mode, whatever the closure
};

struct Request {
  std::vector<std::string> args;  // args[0] is the program path, also its argv[0]
  std::vector<std::string> cli;   // ldso's own argv[1...], for the hand-over to ldso-host
  Mode mode = Mode::automatic;
  std::optional<std::string> library_path;  // --library-path (replaces LD_LIBRARY_PATH)
  std::vector<std::string> preload;       // --preload (after LD_PRELOAD)
  bool bind_now = false;                  // --bind-now
  std::string sync = "eager";             // --sync=eager|written|lazy
  std::string load = "map";               // --load=map|copy
  std::string stats;                      // --stats=FILE
  std::string cache_geometry;             // --cache-geometry=SPEC (or LDSO_CACHE_GEOMETRY)
};

class HostProcess;

// Runs the program. `host` is set in ldso-host, the companion that runs host
// mode inside a process where glibc runs (ldso/host/); ldso itself hands
// such programs over to it.
[[noreturn]] void launch(const Request& req, char** envp, HostProcess* host = nullptr);

// ldso-host's name for an environment variable ldso moved out of the way of
// the host's loader (LD_PRELOAD and the like are meant for the program).
inline constexpr const char* kMovedEnvPrefix = "__LDSO_HOST_";

}  // namespace ldso
