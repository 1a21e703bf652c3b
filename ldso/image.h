// Image: an ELF file placed in memory. Reserves the whole address span, maps
// each PT_LOAD from the file, zeroes the .bss tail and maps the rest anonymous,
// then applies each segment's final permissions (never W+X).
#pragma once
#include <cstdint>

#include "elf/file.h"

namespace ldso {

struct Image {
  uintptr_t bias = 0;  // runtime address = vaddr + bias
  uintptr_t start = 0, end = 0;  // the reserved range
  uint32_t code = 0;             // index in the code table (ldso/code.h)

  uintptr_t entry(const elf::File& f) const { return f.entry() + bias; }
  uintptr_t phdr(const elf::File& f) const { return f.phdr_vaddr() + bias; }
};

// mmap/mprotect protection for a segment's p_flags.
int prot_of(uint32_t flags);

// Places `file` (ET_EXEC at its addresses, ET_DYN anywhere, aligned to its
// largest p_align): mapped from the file, or with --load=copy read into
// anonymous memory. Executable segments are registered in the code table and
// get their runtime protection (no X in lazy sync mode). Throws ldso::Error
// on failure; nothing is left mapped then.
Image map_image(const elf::File& file, uint64_t page_size);

}  // namespace ldso
