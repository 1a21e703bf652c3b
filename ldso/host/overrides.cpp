#include "ldso/host/overrides.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>

#include <cstring>

#include "ldso/code.h"
#include "ldso/linker.h"
#include "ldso/process.h"

namespace ldso::host {
namespace {

Linker* g_linker;
const AuxEntry* g_auxv;  // the program's, on its stack
// Where the program's copies of glibc's start-up variables live (after any
// COPY relocation of the program's).
char*** g_environ;
char** g_progname;
char** g_progname_full;

template <class T>
T* live(const char* name) {
  void* a = dlsym(RTLD_DEFAULT, name);  // the host's definition (ldso-host makes no copies)
  return a ? reinterpret_cast<T*>(g_linker->live_address(reinterpret_cast<uintptr_t>(a))) : nullptr;
}

void at_exit(void*) { ldso_fini(); }

}  // namespace

void overrides_start(Linker* linker, const ProgramView&, uintptr_t) {
  g_linker = linker;
  int argc;
  char **argv, **envp;
  rtld_args(&argc, &argv, &envp);  // the program's stack (rtld_publish)
  g_auxv = own_auxv(envp).data();
  g_environ = live<char**>("environ");
  g_progname = live<char*>("__progname");
  g_progname_full = live<char*>("__progname_full");
}

}  // namespace ldso::host

using namespace ldso;
using namespace ldso::host;

extern "C" {
int __cxa_atexit(void (*fn)(void*), void* arg, void* dso);

// What crt1's _start calls: glibc's start-up, as the program sees it.
[[noreturn]] int ldso_host_libc_start_main(int (*main)(int, char**, char**), int argc, char** argv,
                                           void (*init)(int, char**, char**), void (*)(), void (*)(), void*) {
  char** envp = argv + argc + 1;
  if (g_environ) *g_environ = envp;
  if (g_progname_full) *g_progname_full = argv[0];
  if (g_progname) {
    const char* slash = argv[0] ? strrchr(argv[0], '/') : nullptr;
    *g_progname = slash ? const_cast<char*>(slash + 1) : argv[0];
  }
  // The order glibc's loader and __libc_start_main give: the executable's
  // preinit array and every library's initialisers; then the finalisers are
  // registered (so they run after the handlers the program registers from
  // here on, and before those its libraries registered: a library's static
  // destructors run from its own fini array); then the executable's
  // initialisers (a crt1 from before glibc 2.34 passes __libc_csu_init,
  // which runs them itself).
  g_linker->run_initializers(argc, argv, envp);
  __cxa_atexit(at_exit, nullptr, nullptr);
  if (init) {
    g_linker->main().init_done = true;  // for its finalisers
    init(argc, argv, envp);
  } else {
    g_linker->run_init_of(&g_linker->main(), argc, argv, envp);
  }
  exit(main(argc, argv, envp));
}

unsigned long ldso_host_getauxval(unsigned long type) {
  // What describes the program comes from its auxv; everything else is the
  // host's (glibc's own view, e.g. AT_HWCAP as glibc adjusted it).
  switch (type) {
    case AT_PHDR: case AT_PHENT: case AT_PHNUM: case AT_ENTRY: case AT_BASE: case AT_EXECFN:
      for (const AuxEntry* a = g_auxv; a && a->type != AT_NULL; ++a)
        if (a->type == type) return a->value;
  }
  return getauxval(type);  // sets errno as glibc's does
}

int ldso_host_sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
  // ldso's fault handler stays installed and chains to the program's.
  if (code_program_sigaction(sig, act, old)) return 0;
  return sigaction(sig, act, old);
}

sighandler_t ldso_host_signal(int sig, sighandler_t handler) {
  struct sigaction sa {}, old {};
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;  // glibc's signal() has BSD semantics
  sigemptyset(&sa.sa_mask);
  if (sig > 0 && sig < NSIG) sigaddset(&sa.sa_mask, sig);
  if (ldso_host_sigaction(sig, &sa, &old) != 0) return SIG_ERR;
  return old.sa_handler;
}

sighandler_t ldso_host_sysv_signal(int sig, sighandler_t handler) {
  // System V's signal(): one-shot, not blocked in its handler, no restart.
  struct sigaction sa {}, old {};
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  if (ldso_host_sigaction(sig, &sa, &old) != 0) return SIG_ERR;
  return old.sa_handler;
}

sighandler_t ldso_host_sigset(int sig, sighandler_t disp) {
  if (!code_program_sigaction(sig, nullptr, nullptr)) return sigset(sig, disp);
  // SVID's sigset for a signal ldso's handler takes: the disposition goes to
  // the chain, the signal is blocked (SIG_HOLD) or unblocked.
  sigset_t one, was;
  sigemptyset(&one);
  sigaddset(&one, sig);
  struct sigaction old {};
  if (disp == SIG_HOLD) {
    if (sigprocmask(SIG_BLOCK, &one, &was) != 0) return SIG_ERR;
    code_program_sigaction(sig, nullptr, &old);
  } else {
    struct sigaction sa {};
    sa.sa_handler = disp;
    sigemptyset(&sa.sa_mask);
    code_program_sigaction(sig, &sa, &old);
    if (sigprocmask(SIG_UNBLOCK, &one, &was) != 0) return SIG_ERR;
  }
  return sigismember(&was, sig) ? SIG_HOLD : old.sa_handler;
}

int ldso_host_dl_iterate_phdr(int (*cb)(struct dl_phdr_info*, size_t, void*), void* data) {
  // What the program has, in load order (its own objects and the host's
  // libraries it uses); then, from the host's list, the vDSO and glibc's
  // loader, which a direct run lists too. Not ldso-host nor what only it uses.
  if (int r = ldso_dl_iterate_phdr(cb, data)) return r;
  struct Ctx {
    int (*cb)(struct dl_phdr_info*, size_t, void*);
    void* data;
    bool first;
  } ctx{cb, data, true};
  return dl_iterate_phdr(
      [](dl_phdr_info* info, size_t size, void* arg) {
        auto* c = static_cast<Ctx*>(arg);
        const bool first = c->first;
        c->first = false;
        if (first) return 0;  // ldso-host
        for (const auto& o : g_linker->objects())
          if (o->is_host && o->image.bias == info->dlpi_addr) return 0;  // listed already
        const char* name = info->dlpi_name ? info->dlpi_name : "";
        const char* base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
        const bool vdso = !*name || strncmp(name, "linux-vdso", 10) == 0 || strncmp(name, "linux-gate", 10) == 0;
        if (!vdso && strcmp(base, rtld_soname()) != 0) return 0;
        return c->cb(info, size, c->data);
      },
      &ctx);
}

int ldso_host_dl_find_object(void* pc, void* out) {
  if (ldso_dl_find_object(pc, out) == 0) return 0;
  return _dl_find_object(pc, static_cast<struct dl_find_object*>(out));
}

int ldso_host_dladdr1(const void* addr, void* info, void** extra, int flags) {
  // A stand-in's address: the program took it for glibc's function, so it
  // is described as that one (in libc.so.6, or ld.so).
  for (const RtldSymbol& s : override_symbols())
    if (s.address == reinterpret_cast<uintptr_t>(addr))
      if (void* real = dlsym(RTLD_DEFAULT, s.name)) return dladdr1(real, static_cast<Dl_info*>(info), extra, flags);
  if (ldso_dladdr1(addr, info, extra, flags)) return 1;
  return dladdr1(addr, static_cast<Dl_info*>(info), extra, flags);
}

int ldso_host_dladdr(const void* addr, void* info) { return ldso_host_dladdr1(addr, info, nullptr, 0); }
}

namespace ldso::host {

std::span<const RtldSymbol> override_symbols() {
#define FN(name, fn) {name, "", reinterpret_cast<uintptr_t>(&fn), 0, STT_FUNC}
  static const RtldSymbol syms[] = {
      FN("__libc_start_main", ldso_host_libc_start_main),
      FN("__tls_get_addr", ldso_tls_get_addr),
      FN("_dl_find_object", ldso_host_dl_find_object),
      FN("dlopen", ldso_dlopen),
      FN("dlclose", ldso_dlclose),
      FN("dlsym", ldso_dlsym),
      FN("dlvsym", ldso_dlvsym),
      FN("dlerror", ldso_dlerror),
      FN("dladdr", ldso_host_dladdr),
      FN("dladdr1", ldso_host_dladdr1),
      FN("dlinfo", ldso_dlinfo),
      FN("dl_iterate_phdr", ldso_host_dl_iterate_phdr),
      FN("getauxval", ldso_host_getauxval),
      FN("__getauxval", ldso_host_getauxval),
      FN("sigaction", ldso_host_sigaction),
      FN("__sigaction", ldso_host_sigaction),
      FN("signal", ldso_host_signal),
      FN("bsd_signal", ldso_host_signal),
      FN("__sysv_signal", ldso_host_sysv_signal),
      FN("sysv_signal", ldso_host_sysv_signal),
      FN("sigset", ldso_host_sigset),
  };
#undef FN
  return syms;
}

}  // namespace ldso::host
