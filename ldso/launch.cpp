#include "ldso/launch.h"

#include <elf.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include <cstring>
#include <optional>

#include "arch/arch.h"
#include "elf/file.h"
#include "ldso/code.h"
#include "ldso/context.h"
#include "ldso/image.h"
#include "ldso/linker.h"
#include "ldso/process.h"
#include "ldso/rtld.h"
#include "ldso/search.h"
#include "ldso/stats.h"
#include "ldso/sync.h"

namespace ldso {

uintptr_t g_ldso_tp;

namespace {

// Everything needed to enter the program once every file is closed again.
struct Plan {
  uintptr_t jump_to = 0;
  ProgramView view;
  bool exec_stack = false;
  Linker* linker = nullptr;  // self-linked mode: runs initialisers, provides fini
  // Hand-over to ldso-host (host mode): its argv and environment.
  std::vector<std::string> args, env;
};

const char* env_value(char** envp, const char* name) {
  const size_t n = strlen(name);
  for (char** e = envp; *e; ++e)
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  return nullptr;
}

std::vector<std::string> split(const char* s, const char* seps) {
  std::vector<std::string> out;
  if (!s) return out;
  std::string cur;
  for (; *s; ++s) {
    if (strchr(seps, *s)) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += *s;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

Plan plan_interp(const std::string& path, const elf::Target& target, uint64_t page) {
  // The interpreter maps the libraries itself; ldso syncs what it placed.
  elf::File prog = elf::File::open(path, target, elf::Role::program);
  // Validate both files before mapping either.
  elf::File interp = [&] {
    try {
      return elf::File::open(prog.interp(), target, elf::Role::program);
    } catch (const Error& e) {
      throw Error(path, "PT_INTERP", e.offset(), std::string("interpreter ") + e.what());
    }
  }();
  const Image img = map_image(prog, page);
  const Image ld = map_image(interp, page);
  code_finish_object(img.code);
  code_finish_object(ld.code);
  code_check_runnable(img.code, "the program");
  code_check_runnable(ld.code, "the interpreter");
  Plan plan;
  plan.exec_stack = prog.executable_stack();
  plan.view = {img.phdr(prog), prog.phdrs().size(), img.entry(prog), ld.start};
  plan.jump_to = ld.entry(interp);
  return plan;
}

// ldso-host lies next to ldso (both are installed into one directory).
std::string companion_path() {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return "ldso-host";
  self[n] = 0;
  std::string dir(self);
  dir.resize(dir.rfind('/') + 1);
  return dir + "ldso-host";
}

// Host mode needs a process where glibc runs: ldso-host, started through
// glibc's own loader (interp mode), with ldso's command line. Variables the
// host's loader would act on (LD_PRELOAD, LD_LIBRARY_PATH, ...) are meant for
// the program: renamed here, and named back by ldso-host, in place.
Plan plan_handover(const Request& req, const std::string& needs, bool exec_stack, const elf::Target& target,
                   uint64_t page, char** envp) {
  const std::string host = companion_path();
  Plan plan;
  // --sync and --load are for the program, which ldso-host maps: ldso-host
  // and glibc's loader are mapped and synced now, once (their own fault
  // handler would not know pages left for ldso's to fill).
  CodeOptions& code = code_options();
  code.sync = SyncMode::eager;
  code.load = LoadMode::map;
  try {
    plan = plan_interp(host, target, page);
  } catch (const Error& e) {
    throw Error(req.args[0], "DT_NEEDED", std::nullopt,
                format("needs %s, so runs in host mode, but ldso-host cannot run: %s", needs.c_str(), e.what()));
  }
  if (exec_stack) {
    // The program needs an executable stack: glibc gives its threads one when
    // the main executable, here ldso-host, asks through PT_GNU_STACK. Its
    // program headers (mapped privately) say so for this run.
    auto* ph = reinterpret_cast<Elf64_Phdr*>(plan.view.phdr);
    for (uint64_t i = 0; i < plan.view.phnum; ++i)
      if (ph[i].p_type == PT_GNU_STACK) {
        const uintptr_t lo = reinterpret_cast<uintptr_t>(&ph[i]) & ~(page - 1);
        const uintptr_t hi = (reinterpret_cast<uintptr_t>(&ph[i] + 1) + page - 1) & ~(page - 1);
        if (mprotect(reinterpret_cast<void*>(lo), hi - lo, PROT_READ | PROT_WRITE) != 0)
          throw Error(req.args[0], "PT_GNU_STACK", std::nullopt,
                      format("needs an executable stack, which ldso-host cannot ask for: %s", strerror(errno)));
        ph[i].p_flags |= PF_X;
        mprotect(reinterpret_cast<void*>(lo), hi - lo, PROT_READ);
      }
    plan.exec_stack = true;
  }
  plan.args.push_back(host);
  plan.args.insert(plan.args.end(), req.cli.begin(), req.cli.end());
  for (char** e = envp; *e; ++e)
    plan.env.push_back(strncmp(*e, "LD_", 3) == 0 ? std::string(kMovedEnvPrefix) + *e : std::string(*e));
  return plan;
}

Plan prepare(const Request& req, std::span<const AuxEntry> auxv, char** envp, HostProcess* host) {
  const uint64_t page = aux_value(auxv, AT_PAGESZ, static_cast<uint64_t>(sysconf(_SC_PAGESIZE)));
  const elf::Target target = elf::host_target(page);
  const std::string& path = req.args.at(0);
  elf::File prog = elf::File::open(path, target, elf::Role::program);
  phase_done(Phase::validate);

  if (prog.interp().empty()) {
    if (host)
      throw Error(path, "PT_INTERP", std::nullopt, "host mode runs dynamic programs; run static ones with ldso");
    if (req.mode == Mode::interp)
      throw Error(path, "PT_INTERP", std::nullopt, "--interp needs a dynamic program, but this one has no PT_INTERP");
    // Static or static-PIE: the program relocates itself.
    const Image img = map_image(prog, page);
    phase_done(Phase::load);
    code_finish_object(img.code);
    code_check_runnable(img.code, "the program");
    phase_done(Phase::sync);
    Plan plan;
    plan.exec_stack = prog.executable_stack();
    plan.view = {img.phdr(prog), prog.phdrs().size(), img.entry(prog), 0};
    plan.jump_to = plan.view.entry;
    return plan;
  }
  if (req.mode == Mode::interp) return plan_interp(path, target, page);
  if (req.mode == Mode::host && !host)
    return plan_handover(req, "host mode (--host)", prog.executable_stack(), target, page, envp);

  // Self-linked mode.
  LinkOptions opts;
  opts.library_path = split(req.library_path ? req.library_path->c_str() : env_value(envp, "LD_LIBRARY_PATH"), ":;");
  opts.preload = split(env_value(envp, "LD_PRELOAD"), ": \t");
  opts.preload.insert(opts.preload.end(), req.preload.begin(), req.preload.end());
  const char* platform = reinterpret_cast<const char*>(aux_value(auxv, AT_PLATFORM));
  opts.platform = platform ? platform : arch::kIsaName;
  opts.hwcap = aux_value(auxv, AT_HWCAP);
  opts.hwcap2 = aux_value(auxv, AT_HWCAP2);
  const char* bind_now = env_value(envp, "LD_BIND_NOW");
  opts.bind_now = req.bind_now || (bind_now && *bind_now);
  opts.host = host;
  auto linker = std::make_unique<Linker>(opts, page);
  const bool exec_stack = prog.executable_stack();
  try {
    linker->load(std::move(prog), path);
  } catch (const NeedsGlibc& g) {
    if (req.mode == Mode::self)
      throw Error(path, "DT_NEEDED", std::nullopt,
                  format("needs %s, which only glibc's ld.so or host mode can link", g.library.c_str()));
    linker.reset();  // unmaps everything it loaded
    return plan_handover(req, g.library, exec_stack, target, page, envp);
  }
  phase_done(Phase::load);
  linker->sort_init_order();
  linker->layout_tls();
  phase_done(Phase::tls);
  linker->relocate_all();  // syncs each object's code before any of it runs
  phase_done(Phase::relocate);
  Plan plan;
  plan.exec_stack = exec_stack;
  Object& exe = linker->main();
  // Host mode: the program's interpreter is the host's, glibc's ld.so.
  plan.view = {exe.phdr_addr, exe.phdrs.size(), exe.addr(linker->main_entry()), host ? aux_value(auxv, AT_BASE) : 0};
  plan.jump_to = plan.view.entry;
  plan.linker = linker.release();  // lives until the process ends
  return plan;
}

void configure_code(const Request& req, char** envp) {
  CodeOptions& c = code_options();
  const std::string& prog = req.args[0];
  if (req.sync == "eager") c.sync = SyncMode::eager;
  else if (req.sync == "written") c.sync = SyncMode::written;
  else if (req.sync == "lazy") c.sync = SyncMode::lazy;
  else throw Error(prog, "--sync", std::nullopt, format("--sync=%s: expected eager, written or lazy", req.sync.c_str()));
  if (req.load == "map") c.load = LoadMode::map;
  else if (req.load == "copy") c.load = LoadMode::copy;
  else throw Error(prog, "--load", std::nullopt, format("--load=%s: expected map or copy", req.load.c_str()));
  if (const char* skip = env_value(envp, "LDSO_DEBUG_SKIP_SYNC")) c.debug_skip_sync = *skip && *skip != '0';
  SyncLedger& ledger = sync_ledger();
  std::string spec = req.cache_geometry;
  if (spec.empty())
    if (const char* e = env_value(envp, "LDSO_CACHE_GEOMETRY")) spec = e;
  if (!spec.empty()) {
    std::string err;
    auto g = arch::parse_geometry(spec, &err, arch::read_cache_geometry());
    if (!g) throw Error(prog, "--cache-geometry", std::nullopt, format("--cache-geometry=%s: %s", spec.c_str(), err.c_str()));
    ledger.set_geometry(*g);
  } else {
    ledger.set_geometry(arch::read_cache_geometry());
  }
  ledger.set_membarrier(membarrier_register());
  // Before anything of the program can run (IFUNC resolvers run during
  // relocation): lazy faults, demand fill, crash reports.
  install_fault_handler();
}

// Whether `o` has an undefined dynamic symbol `name` (undefined symbols are
// not in the hash tables: a scan).
bool imports(const Object& o, const char* name) {
  for (uint32_t i = 1; i < o.symbols.count(); ++i) {
    const Elf64_Sym* s = o.symbols.sym(i);
    if (s->st_shndx == SHN_UNDEF && strcmp(o.symbols.name(s), name) == 0) return true;
  }
  return false;
}

}  // namespace

void launch(const Request& req, char** envp, HostProcess* host) {
  // Host mode: the program shares the host's thread pointer and libc.
  g_ldso_tp = host ? 0 : arch::thread_pointer_raw();
  const std::span<const AuxEntry> auxv = own_auxv(envp);
  configure_code(req, envp);
  stats_configure(req.stats, nullptr);
  StackSpec spec;
  // Fresh bytes for the program's stack protector and pointer guard.
  if (getrandom(spec.random.data(), spec.random.size(), 0) != static_cast<ssize_t>(spec.random.size()))
    throw Error(req.args[0], "AT_RANDOM", std::nullopt, format("getrandom failed: %s", strerror(errno)));
  const Plan plan = prepare(req, auxv, envp, host);  // every file is closed again here

  const bool handover = !plan.args.empty();
  for (const std::string& a : handover ? plan.args : req.args) spec.argv.emplace_back(a);
  if (handover) {
    for (const std::string& e : plan.env) spec.envp.emplace_back(e);
  } else {
    for (char** e = envp; *e; ++e) spec.envp.emplace_back(*e);
  }
  spec.auxv = program_auxv(auxv, plan.view);
  spec.execfn = spec.argv[0];
  const char* platform = reinterpret_cast<const char*>(aux_value(auxv, AT_PLATFORM));
  spec.platform = platform ? platform : arch::kIsaName;
  if (const char* bp = reinterpret_cast<const char*>(aux_value(auxv, AT_BASE_PLATFORM))) spec.base_platform = bp;
  const uintptr_t sp = make_stack(req.args[0].c_str(), spec, plan.exec_stack);

  uintptr_t fini = stats_requested() ? reinterpret_cast<uintptr_t>(&ldso_fini) : 0;
  if (host) {
    // Host mode: the program's __libc_start_main is ldso's (ldso/host/), which
    // runs the initialisers and registers ldso_fini with the host's atexit.
    Linker* linker = plan.linker;
    stats_configure(req.stats, linker);
    rtld_publish(linker, sp, spec.random.data());
    phase_done(Phase::start);
    lazy_init(linker);
    linker->set_running();
    host->enter(linker, plan.view, sp);
    fflush(nullptr);
    if (!imports(linker->main(), "__libc_start_main")) {
      // Not glibc's start code (--host with a program of its own): the
      // initialisers run now and the fini pointer runs the finalisers, as in
      // self-linked mode.
      int argc;
      char **argv, **envp;
      rtld_args(&argc, &argv, &envp);
      linker->run_initializers(argc, argv, envp);
      linker->main().init_done = true;
      fini = reinterpret_cast<uintptr_t>(&ldso_fini);
    }
    arch::ldso_arch_enter(plan.jump_to, sp, fini);
  }
  if (Linker* linker = plan.linker) {
    stats_configure(req.stats, linker);
    const uintptr_t tp = linker->make_main_thread(spec.random.data());
    rtld_publish(linker, sp, spec.random.data());
    phase_done(Phase::start);
    lazy_init(linker);
    linker->set_running();
    fflush(nullptr);
    // From here on the program's thread pointer is live: nothing of ldso's
    // own libc may run. Initialisers get the program's argc, argv, envp.
    arch::ldso_arch_set_tp(tp);
    int argc;
    char **argv, **envp;
    rtld_args(&argc, &argv, &envp);
    linker->run_initializers(argc, argv, envp);
    fini = reinterpret_cast<uintptr_t>(&ldso_fini);
    // No fflush here: ldso's libc would run on the program's thread pointer
    // (it did, and crashed for some stack layouts). It ran above.
  } else {
    phase_done(Phase::start);
    // ldso-host starts with the signal actions ldso found (it installs its
    // own handler, and the program must not see ldso's as its own).
    if (handover) uninstall_fault_handler();
    fflush(nullptr);
  }
  arch::ldso_arch_enter(plan.jump_to, sp, fini);
}

}  // namespace ldso
