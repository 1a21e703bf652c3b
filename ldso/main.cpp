// ldso command line: `ldso [options] PROGRAM [ARGS...]`. Thin: parses options
// into a Request and hands it to launch().
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstring>

#include "elf/error.h"
#include "ldso/launch.h"
#ifdef LDSO_HOST_BINARY
#include "ldso/host/glibc_host.h"
#endif

namespace {

// CLI11 2.1 cannot name trailing pass-through arguments in its usage line.
struct Formatter : CLI::Formatter {
  std::string make_usage(const CLI::App*, std::string name) const override {
    return "Usage: " + name + " [OPTIONS] PROGRAM [ARGS...]\n";
  }
};

[[noreturn]] void die(const std::string& msg) {
  fprintf(stderr, "ldso: %s\n", msg.c_str());
  fflush(stderr);
  _exit(127);
}

}  // namespace

int main(int argc, char** argv, char** envp) {
#ifdef LDSO_HOST_BINARY
  // ldso-host: started by ldso (through glibc's loader) for host mode. The
  // variables ldso renamed out of the host loader's way are the program's:
  // named back, in place.
  const size_t moved = strlen(ldso::kMovedEnvPrefix);
  for (char** e = envp; *e; ++e)
    if (strncmp(*e, ldso::kMovedEnvPrefix, moved) == 0) *e += moved;
#endif
  CLI::App app{"ldso: a userspace ELF loader and dynamic linker", "ldso"};
  app.set_version_flag("--version", "ldso " LDSO_VERSION);
  app.formatter(std::make_shared<Formatter>());
  app.prefix_command();  // everything from PROGRAM on belongs to the program
  app.footer("PROGRAM runs with ARGS as its argv[1...] and ldso's environment.\n"
             "See ldso(1) for the modes, the checks made before anything runs, and exit statuses.");
  ldso::Request req;
  bool interp = false;
  bool self = false;
  bool host = false;
  std::string library_path;
  app.add_flag("--interp", interp,
               "reference mode: map a dynamic PROGRAM and its PT_INTERP, then enter the interpreter");
  app.add_flag("--self", self,
               "self-linked mode only: refuse a program whose libraries include glibc's own");
  app.add_flag("--host", host,
               "host mode, even for a program that does not need glibc's libraries (the default for those "
               "that do): glibc's libraries are the ones ldso-host runs on");
  app.add_option("--library-path", library_path,
                 "colon-separated directories searched instead of LD_LIBRARY_PATH");
  app.add_flag("--bind-now", req.bind_now, "resolve every PLT slot before the program starts (as LD_BIND_NOW)");
  app.add_option("--sync", req.sync,
                 "when code is made safe to run: eager (one sync per executable segment, the default), "
                 "written (only what ldso wrote), lazy (each page on its first instruction fetch)")
      ->type_name("MODE");
  app.add_option("--load", req.load, "map segments from the file (map, the default) or copy them into anonymous memory (copy)")
      ->type_name("MODE");
  app.add_option("--stats", req.stats, "write what ldso did as JSON to FILE when the program exits")->type_name("FILE");
  app.add_option("--cache-geometry", req.cache_geometry,
                 "override the cache geometry, e.g. dline=64,iline=128,idc=0,dic=0 (also LDSO_CACHE_GEOMETRY)")
      ->type_name("SPEC");
  app.add_option("--preload", req.preload, "load LIBRARY right after the executable (repeatable)")
      ->type_name("LIBRARY")->allow_extra_args(false);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    die(e.what());
  }
  req.args = app.remaining();
  if (req.args.empty()) die("no program given (usage: ldso [options] PROGRAM [ARGS...]; see ldso --help)");
  if (interp + self + host > 1) die("--interp, --self and --host exclude each other");
  if (interp) req.mode = ldso::Mode::interp;
  if (self) req.mode = ldso::Mode::self;
  if (host) req.mode = ldso::Mode::host;
  for (int i = 1; i < argc; ++i) req.cli.emplace_back(argv[i]);
  if (app.count("--library-path")) req.library_path = library_path;
  try {
#ifdef LDSO_HOST_BINARY
    if (req.mode == ldso::Mode::interp || req.mode == ldso::Mode::self)
      die("ldso-host runs host mode only; run ldso for --interp or --self");
    ldso::host::GlibcHost glibc_host;
    ldso::launch(req, envp, &glibc_host);
#else
    ldso::launch(req, envp);
#endif
  } catch (const ldso::Error& e) {
    die(e.what());
  } catch (const std::exception& e) {
    die(req.args[0] + ": " + e.what());
  }
}
