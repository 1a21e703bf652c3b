#include "ldso/process.h"

#include <elf.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "elf/error.h"

namespace ldso {

std::span<const AuxEntry> own_auxv(char** envp) {
  char** p = envp;
  while (*p) ++p;
  auto* a = reinterpret_cast<const AuxEntry*>(p + 1);
  size_t n = 0;
  while (a[n].type != AT_NULL) ++n;
  return {a, n};
}

uint64_t aux_value(std::span<const AuxEntry> auxv, uint64_t type, uint64_t fallback) {
  for (const AuxEntry& a : auxv)
    if (a.type == type) return a.value;
  return fallback;
}

std::vector<AuxEntry> program_auxv(std::span<const AuxEntry> own, const ProgramView& prog) {
  std::vector<AuxEntry> out;
  bool seen[64] = {};
  for (const AuxEntry& a : own) {
    uint64_t v = a.value;
    switch (a.type) {
      case AT_PHDR: v = prog.phdr; break;
      case AT_PHENT: v = sizeof(Elf64_Phdr); break;
      case AT_PHNUM: v = prog.phnum; break;
      case AT_ENTRY: v = prog.entry; break;
      case AT_BASE: v = prog.base; break;
      case AT_FLAGS: v = 0; break;
      case AT_EXECFD: continue;  // binfmt_misc's open file: not ours to pass on
      default: break;
    }
    if (a.type < 64) seen[a.type] = true;
    out.push_back({a.type, v});
  }
  // Entries glibc relies on that a minimal auxv (e.g. an emulator's) may lack.
  const AuxEntry required[] = {
      {AT_PHDR, prog.phdr},     {AT_PHENT, sizeof(Elf64_Phdr)},
      {AT_PHNUM, prog.phnum},   {AT_PAGESZ, static_cast<uint64_t>(sysconf(_SC_PAGESIZE))},
      {AT_BASE, prog.base},     {AT_FLAGS, 0},
      {AT_ENTRY, prog.entry},   {AT_UID, getuid()},
      {AT_EUID, geteuid()},     {AT_GID, getgid()},
      {AT_EGID, getegid()},     {AT_SECURE, 0},
      {AT_RANDOM, 0},           {AT_HWCAP, 0},
      {AT_HWCAP2, 0},           {AT_CLKTCK, static_cast<uint64_t>(sysconf(_SC_CLK_TCK))},
      {AT_EXECFN, 0},           {AT_PLATFORM, 0},
  };
  for (const AuxEntry& r : required)
    if (!seen[r.type]) out.push_back(r);
  return out;
}

uintptr_t make_stack(const char* program, const StackSpec& spec, bool exec_stack) {
  const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  // The kernel lets the main stack grow to RLIMIT_STACK; we give it that much
  // up front (reserved lazily by the kernel), within sane bounds.
  uint64_t size = 8u << 20;
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    size = rl.rlim_cur < (128u << 10) ? (128u << 10) : rl.rlim_cur > (1ull << 30) ? (1ull << 30) : rl.rlim_cur;
  size = (size + page - 1) & ~(page - 1);
  const int prot = PROT_READ | PROT_WRITE | (exec_stack ? PROT_EXEC : 0);
  void* mem = mmap(nullptr, size + page, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED) throw Error(program, "stack", std::nullopt, format("cannot map the stack: %s", strerror(errno)));
  mprotect(mem, page, PROT_NONE);  // guard page below the stack
  const uintptr_t base = reinterpret_cast<uintptr_t>(mem) + page;
  // build_stack touches only the top pages; the rest stays unreserved.
  const uintptr_t sp = build_stack({reinterpret_cast<uint8_t*>(base), size}, base, spec);
  if (!sp) throw Error(program, "stack", std::nullopt, "arguments and environment do not fit the initial stack");
  return sp;
}

}  // namespace ldso
