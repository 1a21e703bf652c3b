// DynamicInfo: the PT_DYNAMIC entries the linker uses, decoded once.
// Addresses are link-time (unbiased) virtual addresses.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "elf/file.h"

namespace ldso::elf {

struct DynamicInfo {
  uint64_t strtab = 0, strsz = 0, symtab = 0, syment = 24;
  uint64_t hash = 0, gnu_hash = 0;
  uint64_t rela = 0, relasz = 0, relaent = 24;
  uint64_t rel = 0, relsz = 0, relent = 16;
  uint64_t relr = 0, relrsz = 0, relrent = 8;
  uint64_t jmprel = 0, pltrelsz = 0;
  int64_t pltrel = 0;  // DT_RELA or DT_REL
  uint64_t pltgot = 0;
  uint64_t init = 0, fini = 0;
  uint64_t init_array = 0, init_arraysz = 0, fini_array = 0, fini_arraysz = 0;
  uint64_t preinit_array = 0, preinit_arraysz = 0;
  uint64_t versym = 0, verdef = 0, verdefnum = 0, verneed = 0, verneednum = 0;
  uint64_t flags = 0, flags_1 = 0;
  bool textrel = false, symbolic = false, bind_now = false;
  bool aarch64_variant_pcs = false;
  // String-table offsets.
  std::vector<uint64_t> needed;
  // DT_FILTER and DT_AUXILIARY names, in order: their definitions come
  // before this object's own in every scope that has it.
  struct Filtee {
    uint64_t name;
    bool auxiliary;  // DT_AUXILIARY: a missing filtee is ignored
  };
  std::vector<Filtee> filters;
  std::optional<uint64_t> soname, rpath, runpath;
};

// Decodes `dyn`. Throws ldso::Error (naming `file`) for entries that
// contradict each other: a bad DT_PLTREL, entry sizes we do not handle,
// string offsets outside DT_STRSZ.
DynamicInfo decode_dynamic(const std::string& file, std::span<const Dyn> dyn);

}  // namespace ldso::elf
