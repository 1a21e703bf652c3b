// Relocation rules: what each ISA's relocation type means, written once per
// ISA as a table (arch/<isa>/relocs.cpp). The engine (ldso/relocate.cpp)
// applies a rule the same way whatever the ISA.
#pragma once
#include <cstdint>

namespace ldso::arch {

enum class RelocKind : uint8_t {
  unknown,
  none,
  relative,   // B + A
  absolute,   // S + A
  pcrel,      // S + A - P
  glob_dat,   // S (+ A where the ISA says so)
  jump_slot,  // S (+ A where the ISA says so)
  copy,       // copy st_size bytes from S
  irelative,  // call (B + A)() and store the result
  size,       // Z + A
  dtpmod,     // module id of the defining object
  dtpoff,     // S + A within the module's TLS block
  tpoff,      // offset of S + A from the thread pointer
  tlsdesc,    // two words: resolver, argument
};

// The range a 4-byte field must hold.
enum class Range : uint8_t { any, u32, s32, s32_or_u32 };

struct RelocRule {
  RelocKind kind = RelocKind::unknown;
  uint8_t width = 0;  // bytes written: 4, 8 or 16
  Range range = Range::any;
  bool adds_addend = true;  // glob_dat/jump_slot on x86_64 ignore A
};

struct RelocTraits {
  uint16_t machine;
  const char* isa;
  RelocRule (*rule)(uint32_t type);
  const char* (*name)(uint32_t type);  // "R_X86_64_64", or null if unknown
};

extern const RelocTraits kX86_64Relocs;
extern const RelocTraits kAArch64Relocs;

#if defined(__x86_64__)
inline const RelocTraits& native_relocs() { return kX86_64Relocs; }
#elif defined(__aarch64__)
inline const RelocTraits& native_relocs() { return kAArch64Relocs; }
#endif

}  // namespace ldso::arch
