// The one interface to per-ISA code. Everything that differs between x86_64
// and aarch64 is behind these declarations (arch/<isa>/).
#pragma once
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
