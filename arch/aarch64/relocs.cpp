// AArch64 ELF ABI relocation rules (dynamic relocations only).
#include <elf.h>

#include "arch/relocs.h"

namespace ldso::arch {
namespace {

RelocRule rule(uint32_t t) {
  using K = RelocKind;
  switch (t) {
    case R_AARCH64_NONE:
    case 256: return {K::none, 0};  // R_AARCH64_NONE (withdrawn number, still emitted by old tools)
    case R_AARCH64_ABS64: return {K::absolute, 8};
    case R_AARCH64_ABS32: return {K::absolute, 4, Range::s32_or_u32};
    case R_AARCH64_PREL64: return {K::pcrel, 8};
    case R_AARCH64_PREL32: return {K::pcrel, 4, Range::s32_or_u32};
    case R_AARCH64_GLOB_DAT: return {K::glob_dat, 8};
    case R_AARCH64_JUMP_SLOT: return {K::jump_slot, 8};
    case R_AARCH64_RELATIVE: return {K::relative, 8};
    case R_AARCH64_COPY: return {K::copy, 0};
    case R_AARCH64_IRELATIVE: return {K::irelative, 8};
    case R_AARCH64_TLS_DTPMOD: return {K::dtpmod, 8};
    case R_AARCH64_TLS_DTPREL: return {K::dtpoff, 8};
    case R_AARCH64_TLS_TPREL: return {K::tpoff, 8};
    case R_AARCH64_TLSDESC: return {K::tlsdesc, 16};
  }
  return {};
}

const char* name(uint32_t t) {
  switch (t) {
#define N(x) case R_AARCH64_##x: return "R_AARCH64_" #x;
    N(NONE) N(ABS64) N(ABS32) N(ABS16) N(PREL64) N(PREL32) N(PREL16) N(GLOB_DAT) N(JUMP_SLOT) N(RELATIVE)
    N(COPY) N(IRELATIVE) N(TLS_DTPMOD) N(TLS_DTPREL) N(TLS_TPREL) N(TLSDESC)
#undef N
    case 256: return "R_AARCH64_NONE";
  }
  return nullptr;
}

}  // namespace

const RelocTraits kAArch64Relocs = {EM_AARCH64, "aarch64", rule, name};

}  // namespace ldso::arch
