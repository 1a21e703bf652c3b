// Process start: the program's auxiliary vector, derived from ldso's own, and
// the jump onto a fresh initial stack.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "ldso/stack.h"

namespace ldso {

// ldso's own auxv, found after the NULL that ends `envp` (main's third arg).
std::span<const AuxEntry> own_auxv(char** envp);
uint64_t aux_value(std::span<const AuxEntry> auxv, uint64_t type, uint64_t fallback = 0);

// What the program's auxv says about the program itself.
struct ProgramView {
  uintptr_t phdr = 0;   // AT_PHDR
  uint64_t phnum = 0;   // AT_PHNUM
  uintptr_t entry = 0;  // AT_ENTRY: the program's entry, not the interpreter's
  uintptr_t base = 0;   // AT_BASE: the interpreter's load address, or 0
};

// The program's auxv: ldso's own entries in the kernel's order, the ones that
// describe the program replaced, AT_FLAGS cleared, and every entry glibc reads
// present. Values of AT_EXECFN, AT_PLATFORM and AT_RANDOM are filled in by
// build_stack().
std::vector<AuxEntry> program_auxv(std::span<const AuxEntry> own, const ProgramView& prog);

// Allocates the main stack (RLIMIT_STACK sized, executable when the program
// asks for it) and builds it from `spec`. Returns the initial stack pointer.
// Throws ldso::Error (naming `program`) if it cannot.
uintptr_t make_stack(const char* program, const StackSpec& spec, bool exec_stack);

}  // namespace ldso
