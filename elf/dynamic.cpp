#include "elf/dynamic.h"

#include <elf.h>

namespace ldso::elf {

DynamicInfo decode_dynamic(const std::string& file, std::span<const Dyn> dyn) {
  DynamicInfo d;
  for (const Dyn& e : dyn) {
    const uint64_t v = e.val;
    switch (e.tag) {
      case DT_NEEDED: d.needed.push_back(v); break;
      case DT_FILTER: d.filters.push_back({v, false}); break;
      case DT_AUXILIARY: d.filters.push_back({v, true}); break;
      case DT_STRTAB: d.strtab = v; break;
      case DT_STRSZ: d.strsz = v; break;
      case DT_SYMTAB: d.symtab = v; break;
      case DT_SYMENT: d.syment = v; break;
      case DT_HASH: d.hash = v; break;
      case DT_GNU_HASH: d.gnu_hash = v; break;
      case DT_RELA: d.rela = v; break;
      case DT_RELASZ: d.relasz = v; break;
      case DT_RELAENT: d.relaent = v; break;
      case DT_REL: d.rel = v; break;
      case DT_RELSZ: d.relsz = v; break;
      case DT_RELENT: d.relent = v; break;
      case DT_RELR: d.relr = v; break;
      case DT_RELRSZ: d.relrsz = v; break;
      case DT_RELRENT: d.relrent = v; break;
      case DT_JMPREL: d.jmprel = v; break;
      case DT_PLTRELSZ: d.pltrelsz = v; break;
      case DT_PLTREL: d.pltrel = static_cast<int64_t>(v); break;
      case DT_PLTGOT: d.pltgot = v; break;
      case DT_INIT: d.init = v; break;
      case DT_FINI: d.fini = v; break;
      case DT_INIT_ARRAY: d.init_array = v; break;
      case DT_INIT_ARRAYSZ: d.init_arraysz = v; break;
      case DT_FINI_ARRAY: d.fini_array = v; break;
      case DT_FINI_ARRAYSZ: d.fini_arraysz = v; break;
      case DT_PREINIT_ARRAY: d.preinit_array = v; break;
      case DT_PREINIT_ARRAYSZ: d.preinit_arraysz = v; break;
      case DT_VERSYM: d.versym = v; break;
      case DT_VERDEF: d.verdef = v; break;
      case DT_VERDEFNUM: d.verdefnum = v; break;
      case DT_VERNEED: d.verneed = v; break;
      case DT_VERNEEDNUM: d.verneednum = v; break;
      case DT_FLAGS: d.flags |= v; break;
      case DT_FLAGS_1: d.flags_1 |= v; break;
      case DT_TEXTREL: d.textrel = true; break;
      case DT_SYMBOLIC: d.symbolic = true; break;
      case DT_BIND_NOW: d.bind_now = true; break;
      case DT_SONAME: d.soname = v; break;
      case DT_RPATH: d.rpath = v; break;
      case DT_RUNPATH: d.runpath = v; break;
      case 0x70000005: d.aarch64_variant_pcs = true; break;  // DT_AARCH64_VARIANT_PCS
      default: break;
    }
  }
  if (d.flags & DF_TEXTREL) d.textrel = true;
  if (d.flags & DF_SYMBOLIC) d.symbolic = true;
  if ((d.flags & DF_BIND_NOW) || (d.flags_1 & DF_1_NOW)) d.bind_now = true;
  // As glibc does: DT_RUNPATH makes DT_RPATH of the same object ignored.
  if (d.runpath) d.rpath.reset();

  auto fail = [&](const char* field, std::string what) { throw Error(file, field, std::nullopt, std::move(what)); };
  if ((d.jmprel || d.pltrelsz) && d.pltrel != DT_RELA && d.pltrel != DT_REL)
    fail("DT_PLTREL", format("DT_PLTREL is %lld, expected DT_RELA (%d) or DT_REL (%d)", (long long)d.pltrel, DT_RELA, DT_REL));
  if (d.rela && d.relaent != sizeof(Elf64_Rela))
    fail("DT_RELAENT", format("DT_RELAENT is %llu, expected %zu", (unsigned long long)d.relaent, sizeof(Elf64_Rela)));
  if (d.rel && d.relent != sizeof(Elf64_Rel))
    fail("DT_RELENT", format("DT_RELENT is %llu, expected %zu", (unsigned long long)d.relent, sizeof(Elf64_Rel)));
  if (d.relr && d.relrent != 8)
    fail("DT_RELRENT", format("DT_RELRENT is %llu, expected 8", (unsigned long long)d.relrent));
  if (d.symtab && d.syment != sizeof(Elf64_Sym))
    fail("DT_SYMENT", format("DT_SYMENT is %llu, expected %zu", (unsigned long long)d.syment, sizeof(Elf64_Sym)));
  if (!d.strtab && (!d.needed.empty() || !d.filters.empty() || d.soname || d.runpath || d.rpath))
    fail("DT_STRTAB", "DT_NEEDED, DT_SONAME or a search path without DT_STRTAB");
  auto check_str = [&](const char* field, uint64_t off) {
    if (off >= d.strsz)
      fail(field, format("%s string offset 0x%llx is outside DT_STRSZ 0x%llx", field, (unsigned long long)off,
                         (unsigned long long)d.strsz));
  };
  for (uint64_t n : d.needed) check_str("DT_NEEDED", n);
  for (const DynamicInfo::Filtee& f : d.filters) check_str(f.auxiliary ? "DT_AUXILIARY" : "DT_FILTER", f.name);
  if (d.soname) check_str("DT_SONAME", *d.soname);
  if (d.rpath) check_str("DT_RPATH", *d.rpath);
  if (d.runpath) check_str("DT_RUNPATH", *d.runpath);
  return d;
}

}  // namespace ldso::elf
