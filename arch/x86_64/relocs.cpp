// x86_64 psABI relocation rules (dynamic relocations only).
#include <elf.h>

#include "arch/relocs.h"

namespace ldso::arch {
namespace {

RelocRule rule(uint32_t t) {
  using K = RelocKind;
  switch (t) {
    case R_X86_64_NONE: return {K::none, 0};
    case R_X86_64_64: return {K::absolute, 8};
    case R_X86_64_PC32: return {K::pcrel, 4, Range::s32};
    case R_X86_64_PC64: return {K::pcrel, 8};
    case R_X86_64_32: return {K::absolute, 4, Range::u32};
    case R_X86_64_32S: return {K::absolute, 4, Range::s32};
    case R_X86_64_SIZE32: return {K::size, 4, Range::u32};
    case R_X86_64_SIZE64: return {K::size, 8};
    case R_X86_64_GLOB_DAT: return {K::glob_dat, 8, Range::any, false};
    case R_X86_64_JUMP_SLOT: return {K::jump_slot, 8, Range::any, false};
    case R_X86_64_RELATIVE: return {K::relative, 8};
    case R_X86_64_COPY: return {K::copy, 0};
    case R_X86_64_IRELATIVE: return {K::irelative, 8};
    case R_X86_64_DTPMOD64: return {K::dtpmod, 8};
    case R_X86_64_DTPOFF64: return {K::dtpoff, 8};
    case R_X86_64_TPOFF64: return {K::tpoff, 8};
    case R_X86_64_TLSDESC: return {K::tlsdesc, 16};
  }
  return {};
}

const char* name(uint32_t t) {
  switch (t) {
#define N(x) case R_X86_64_##x: return "R_X86_64_" #x;
    N(NONE) N(64) N(PC32) N(PC64) N(32) N(32S) N(SIZE32) N(SIZE64) N(GLOB_DAT) N(JUMP_SLOT) N(RELATIVE)
    N(COPY) N(IRELATIVE) N(DTPMOD64) N(DTPOFF64) N(TPOFF64) N(TLSDESC) N(16) N(PC16) N(8) N(PC8)
    N(GOT32) N(PLT32) N(GOTPCREL) N(TPOFF32) N(DTPOFF32) N(GOTOFF64) N(GOTPC32) N(RELATIVE64)
#undef N
  }
  return nullptr;
}

}  // namespace

const RelocTraits kX86_64Relocs = {EM_X86_64, "x86_64", rule, name};

}  // namespace ldso::arch
