#include "ldso/launch.h"

#include <elf.h>
#include <sys/random.h>
#include <unistd.h>

#include <cstring>

#include "arch/arch.h"
#include "elf/file.h"
#include "ldso/image.h"
#include "ldso/process.h"

namespace ldso {
namespace {

// Everything needed to enter the program once every file is closed again.
struct Plan {
  uintptr_t jump_to = 0;
  ProgramView view;
  bool exec_stack = false;
};

Plan prepare(const Request& req, std::span<const AuxEntry> auxv) {
  const uint64_t page = aux_value(auxv, AT_PAGESZ, static_cast<uint64_t>(sysconf(_SC_PAGESIZE)));
  const elf::Target target = elf::host_target(page);
  const std::string& path = req.args.at(0);
  elf::File prog = elf::File::open(path, target, elf::Role::program);

  Plan plan;
  plan.exec_stack = prog.executable_stack();
  if (prog.interp().empty() && req.mode == Mode::interp)
    throw Error(path, "PT_INTERP", std::nullopt, "--interp needs a dynamic program, but this one has no PT_INTERP");

  if (prog.interp().empty()) {
    // Static or static-PIE: the program relocates itself.
    const Image img = map_image(prog, page);
    plan.view = {img.phdr(prog), prog.phdrs().size(), img.entry(prog), 0};
    plan.jump_to = plan.view.entry;
    return plan;
  }

  // Interp mode: validate both files before mapping either.
  elf::File interp = [&] {
    try {
      return elf::File::open(prog.interp(), target, elf::Role::program);
    } catch (const Error& e) {
      throw Error(path, "PT_INTERP", e.offset(), std::string("interpreter ") + e.what());
    }
  }();
  const Image img = map_image(prog, page);
  const Image ld = map_image(interp, page);
  plan.view = {img.phdr(prog), prog.phdrs().size(), img.entry(prog), ld.start};
  plan.jump_to = ld.entry(interp);
  return plan;
}

}  // namespace

void launch(const Request& req, char** envp) {
  const std::span<const AuxEntry> auxv = own_auxv(envp);
  const Plan plan = prepare(req, auxv);  // every file is closed again here

  StackSpec spec;
  for (const std::string& a : req.args) spec.argv.emplace_back(a);
  for (char** e = envp; *e; ++e) spec.envp.emplace_back(*e);
  spec.auxv = program_auxv(auxv, plan.view);
  spec.execfn = req.args[0];
  const char* platform = reinterpret_cast<const char*>(aux_value(auxv, AT_PLATFORM));
  spec.platform = platform ? platform : arch::kIsaName;
  if (const char* bp = reinterpret_cast<const char*>(aux_value(auxv, AT_BASE_PLATFORM))) spec.base_platform = bp;
  // Fresh bytes for the program's stack protector and pointer guard.
  if (getrandom(spec.random.data(), spec.random.size(), 0) != static_cast<ssize_t>(spec.random.size()))
    throw Error(req.args[0], "AT_RANDOM", std::nullopt, format("getrandom failed: %s", strerror(errno)));
  start_program(req.args[0].c_str(), plan.jump_to, spec, plan.exec_stack, 0);
}

}  // namespace ldso
