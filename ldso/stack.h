// The initial process stack, laid out exactly as Linux's create_elf_tables()
// does: strings at the top, then AT_PLATFORM and AT_RANDOM bytes, then (16-byte
// aligned) argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace ldso {

struct AuxEntry {
  uint64_t type, value;
};

struct StackSpec {
  std::vector<std::string_view> argv, envp;
  // Auxiliary vector in order, without AT_NULL. The values of AT_EXECFN,
  // AT_PLATFORM, AT_BASE_PLATFORM and AT_RANDOM are replaced by the addresses
  // of the copies the builder writes on the stack.
  std::vector<AuxEntry> auxv;
  std::string_view execfn, platform, base_platform;
  std::array<uint8_t, 16> random{};
};

// Writes the stack into `mem`, which the program will see at address
// `mem_addr` (so tests can build into a buffer and check addresses). Returns
// the initial stack pointer (the address of argc), or 0 if `mem` is too small.
uintptr_t build_stack(std::span<uint8_t> mem, uintptr_t mem_addr, const StackSpec& spec);

}  // namespace ldso
