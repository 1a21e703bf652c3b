// Lazy binding: the C side of the PLT trampoline. Runs while the program
// runs, possibly in a signal handler: no allocation, no errno, no locks,
// nothing that relies on ldso's own libc or its thread pointer.
#include <elf.h>
#include <sys/syscall.h>

#include "arch/arch.h"
#include "elf/relocs.h"
#include "ldso/linker.h"

extern "C" {
// Size of the xsave area for the x86_64 trampoline; 0 means use fxsave.
uint64_t ldso_xsave_size;
}

namespace ldso {
namespace {

Linker* g_lazy_linker;

size_t raw_strlen(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

[[noreturn]] void fatal_raw(const char* const* parts) {
  for (; *parts; ++parts) arch::raw_syscall3(SYS_write, 2, reinterpret_cast<long>(*parts), raw_strlen(*parts));
  arch::raw_syscall3(SYS_exit_group, 127, 0, 0);
  __builtin_unreachable();
}

}  // namespace

void lazy_init(Linker* linker) {
  g_lazy_linker = linker;
#if defined(__x86_64__)
  // CPUID.1:ECX.OSXSAVE (bit 27): the OS enabled xsave. Then leaf 0xD, ECX=0,
  // EBX is the area size for the features enabled in XCR0.
  unsigned a, b, c, d;
  asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
  if (c & (1u << 27)) {
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(0));
    ldso_xsave_size = (b + 63) & ~63u;
  }
#endif
}

}  // namespace ldso

using namespace ldso;

extern "C" uintptr_t ldso_lazy_fixup(Object* o, uint64_t index) {
  const bool rela = o->dyn.pltrel == DT_RELA;
  const uint64_t count = o->dyn.pltrelsz / (rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel));
  if (index >= count) {
    const char* msg[] = {"ldso: ", o->path.c_str(), ": lazy binding: PLT index out of range\n", nullptr};
    fatal_raw(msg);
  }
  const elf::Reloc r = rela ? elf::decode(o->ptr<const Elf64_Rela>(o->dyn.jmprel)[index])
                            : elf::decode(o->ptr<const Elf64_Rel>(o->dyn.jmprel)[index]);
  return g_lazy_linker->bind_lazy(*o, r, [](const Object& obj, const char* name) {
    const char* msg[] = {"ldso: ", obj.path.c_str(), ": undefined symbol: ", name, " (lazy binding)\n", nullptr};
    fatal_raw(msg);
  });
}
