// The one interface to per-ISA code. Everything that differs between x86_64
// and aarch64 is behind these declarations (arch/<isa>/).
#pragma once
#include <cstddef>
#include <cstdint>

namespace ldso::arch {

// Switches to the program's initial stack `sp` (argc at sp[0]) and jumps to
// `entry` with the register state the psABI requires at process entry: the
// fini function (or 0) in rdx on x86_64 and x0 on aarch64, every other
// general register zero.
extern "C" [[noreturn]] void ldso_arch_enter(uintptr_t entry, uintptr_t sp, uintptr_t fini);

// Name of this ISA as the kernel reports it in AT_PLATFORM / uname.
#if defined(__x86_64__)
inline constexpr const char* kIsaName = "x86_64";
#elif defined(__aarch64__)
inline constexpr const char* kIsaName = "aarch64";
#endif

}  // namespace ldso::arch

namespace ldso::arch {

// Sets the thread pointer (FS base on x86_64, TPIDR_EL0 on aarch64). After
// this, nothing of ldso's own libc may run: its TLS is gone.
extern "C" void ldso_arch_set_tp(uintptr_t tp);

// TLS descriptor resolvers (arch/<isa>/tls.S): for a block in static TLS, and
// for an undefined weak symbol.
extern "C" void ldso_tlsdesc_static();
extern "C" void ldso_tlsdesc_undefweak();
// For a module in dynamic TLS; the argument points to {module id, offset}.
extern "C" void ldso_tlsdesc_dynamic();

// The thread pointer, read without any help from libc.
inline uintptr_t thread_pointer_raw() {
  uintptr_t tp;
#if defined(__x86_64__)
  asm volatile("mov %%fs:0, %0" : "=r"(tp));  // the TCB's first word points to itself
#elif defined(__aarch64__)
  asm volatile("mrs %0, tpidr_el0" : "=r"(tp));
#endif
  return tp;
}

// Static TLS layout: variant II (blocks below the TP) on x86_64, variant I (a
// 16-byte TCB, then the blocks) on aarch64.
#if defined(__x86_64__)
inline constexpr bool kTlsBelowTp = true;
inline constexpr uint64_t kTlsTcbSize = 0;  // blocks end at tp
// Our TCB (glibc-compatible where programs look): tp+0 self, tp+8 DTV,
// tp+0x10 self, tp+0x28 stack guard, tp+0x30 pointer guard.
inline constexpr uint64_t kTcbDtvOffset = 8;
inline constexpr uint64_t kTcbStackGuardOffset = 0x28;
inline constexpr uint64_t kTcbAllocSize = 0x100;
// glibc (ldso's own libc) keeps its thread descriptor at the TP here, inside
// our TCB: nothing to guard.
inline constexpr bool kGuardBelowTp = false;
#elif defined(__aarch64__)
inline constexpr bool kTlsBelowTp = false;
inline constexpr uint64_t kTlsTcbSize = 16;  // blocks start at tp + 16
// tp+0 DTV, tp+8 reserved (glibc: private); the canary is __stack_chk_guard.
inline constexpr uint64_t kTcbDtvOffset = 0;
inline constexpr uint64_t kTcbAllocSize = 16;
// glibc (ldso's own libc) keeps its thread descriptor right below the TP. A
// PROT_NONE page below every thread block ldso makes turns ldso's libc
// running on a program's thread pointer into a fault every time, instead of
// a crash that depends on what happens to lie below.
inline constexpr bool kGuardBelowTp = true;
#endif

}  // namespace ldso::arch

namespace ldso::arch {

// The lazy PLT resolver entry (arch/<isa>/plt.S). It calls
// ldso_lazy_fixup(object, index) and jumps to the address it returns.
extern "C" void ldso_plt_trampoline();

// Raw system calls: no errno, no libc, usable under the program's TP.
inline long raw_syscall(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
  long ret;
#if defined(__x86_64__)
  register long r10 asm("r10") = d;
  register long r8 asm("r8") = e;
  register long r9 asm("r9") = f;
  asm volatile("syscall"
               : "=a"(ret)
               : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
               : "rcx", "r11", "memory");
#elif defined(__aarch64__)
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a;
  register long x1 asm("x1") = b;
  register long x2 asm("x2") = c;
  register long x3 asm("x3") = d;
  register long x4 asm("x4") = e;
  register long x5 asm("x5") = f;
  asm volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  ret = x0;
#endif
  return ret;
}
// An anonymous private read-write mapping, or 0 on failure.
inline uintptr_t raw_mmap_anon(size_t len) {
#if defined(__x86_64__)
  constexpr long kMmap = 9;
#elif defined(__aarch64__)
  constexpr long kMmap = 222;
#endif
  const long r = raw_syscall(kMmap, 0, static_cast<long>(len), 3 /* PROT_READ|PROT_WRITE */,
                             0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0);
  return r < 0 && r > -4096 ? 0 : static_cast<uintptr_t>(r);
}
inline long raw_syscall3(long n, long a, long b, long c) { return raw_syscall(n, a, b, c); }

}  // namespace ldso::arch
