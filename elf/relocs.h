// Relocation records: REL, RELA and RELR (packed relative) iteration.
#pragma once
#include <elf.h>

#include <cstddef>
#include <cstdint>

namespace ldso::elf {

struct Reloc {
  uint64_t offset;  // r_offset (link-time address)
  uint32_t type;
  uint32_t sym;
  int64_t addend;   // RELA's r_addend; for REL, read from the place by the caller
  bool explicit_addend;
};

inline Reloc decode(const Elf64_Rela& r) {
  return {r.r_offset, static_cast<uint32_t>(ELF64_R_TYPE(r.r_info)), static_cast<uint32_t>(ELF64_R_SYM(r.r_info)),
          r.r_addend, true};
}
inline Reloc decode(const Elf64_Rel& r) {
  return {r.r_offset, static_cast<uint32_t>(ELF64_R_TYPE(r.r_info)), static_cast<uint32_t>(ELF64_R_SYM(r.r_info)), 0,
          false};
}

// DT_RELR: an even word is an address (relocate it, continue after it); an odd
// word is a bitmap of the next 63 words. Calls f(link-time address).
template <class F>
void for_each_relr(const uint64_t* p, size_t count, F&& f) {
  uint64_t where = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint64_t w = p[i];
    if ((w & 1) == 0) {
      f(w);
      where = w + 8;
    } else {
      for (uint64_t bits = w >> 1, k = 0; bits; bits >>= 1, ++k)
        if (bits & 1) f(where + k * 8);
      where += 63 * 8;
    }
  }
}

}  // namespace ldso::elf
