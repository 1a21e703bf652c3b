// Relocation records and rules, for both machines in one binary.
#include <doctest/doctest.h>
#include <elf.h>

#include <vector>

#include "arch/relocs.h"
#include "elf/relocs.h"

using ldso::arch::RelocKind;

TEST_CASE("relocs: RELA and REL records decode symbol, type and addend") {
  const Elf64_Rela a{0x1000, ELF64_R_INFO(7, R_X86_64_GLOB_DAT), -8};
  const ldso::elf::Reloc r = ldso::elf::decode(a);
  CHECK(r.offset == 0x1000);
  CHECK(r.sym == 7);
  CHECK(r.type == R_X86_64_GLOB_DAT);
  CHECK(r.addend == -8);
  CHECK(r.explicit_addend);
  const Elf64_Rel b{0x2000, ELF64_R_INFO(3, R_AARCH64_ABS64)};
  const ldso::elf::Reloc q = ldso::elf::decode(b);
  CHECK(q.offset == 0x2000);
  CHECK(q.sym == 3);
  CHECK(q.type == R_AARCH64_ABS64);
  CHECK(!q.explicit_addend);  // REL: the addend is in the place
}

TEST_CASE("relocs: DT_RELR addresses and bitmaps") {
  // 0x1000; then a bitmap covering 0x1008.. with bits 1 and 3 (words 0, 2);
  // then 0x3000 and a bitmap with bit 63 (word 62 after 0x3008).
  const uint64_t relr[] = {0x1000, (1u << 1 | 1u << 3) | 1, 0x3000, (uint64_t(1) << 63) | 1};
  std::vector<uint64_t> got;
  ldso::elf::for_each_relr(relr, 4, [&](uint64_t a) { got.push_back(a); });
  CHECK(got == std::vector<uint64_t>{0x1000, 0x1008, 0x1018, 0x3000, 0x3008 + 62 * 8});
}

TEST_CASE("relocs: consecutive RELR bitmaps continue 63 words on") {
  const uint64_t relr[] = {0x1000, 0x3, 0x3};  // bit 1 of each: word 0 of each 63-word run
  std::vector<uint64_t> got;
  ldso::elf::for_each_relr(relr, 3, [&](uint64_t a) { got.push_back(a); });
  CHECK(got == std::vector<uint64_t>{0x1000, 0x1008, 0x1008 + 63 * 8});
}

TEST_CASE("relocs: each ISA's rules, one table per machine") {
  struct Case {
    const ldso::arch::RelocTraits* t;
    uint32_t type;
    RelocKind kind;
    unsigned width;
  };
  const auto& x = ldso::arch::kX86_64Relocs;
  const auto& a = ldso::arch::kAArch64Relocs;
  const Case cases[] = {
      {&x, R_X86_64_NONE, RelocKind::none, 0},          {&x, R_X86_64_64, RelocKind::absolute, 8},
      {&x, R_X86_64_PC32, RelocKind::pcrel, 4},         {&x, R_X86_64_32, RelocKind::absolute, 4},
      {&x, R_X86_64_32S, RelocKind::absolute, 4},       {&x, R_X86_64_SIZE32, RelocKind::size, 4},
      {&x, R_X86_64_SIZE64, RelocKind::size, 8},        {&x, R_X86_64_GLOB_DAT, RelocKind::glob_dat, 8},
      {&x, R_X86_64_JUMP_SLOT, RelocKind::jump_slot, 8}, {&x, R_X86_64_RELATIVE, RelocKind::relative, 8},
      {&x, R_X86_64_COPY, RelocKind::copy, 0},          {&x, R_X86_64_IRELATIVE, RelocKind::irelative, 8},
      {&x, R_X86_64_DTPMOD64, RelocKind::dtpmod, 8},    {&x, R_X86_64_DTPOFF64, RelocKind::dtpoff, 8},
      {&x, R_X86_64_TPOFF64, RelocKind::tpoff, 8},      {&x, R_X86_64_TLSDESC, RelocKind::tlsdesc, 16},
      {&a, R_AARCH64_NONE, RelocKind::none, 0},         {&a, R_AARCH64_ABS64, RelocKind::absolute, 8},
      {&a, R_AARCH64_ABS32, RelocKind::absolute, 4},    {&a, R_AARCH64_PREL32, RelocKind::pcrel, 4},
      {&a, R_AARCH64_GLOB_DAT, RelocKind::glob_dat, 8}, {&a, R_AARCH64_JUMP_SLOT, RelocKind::jump_slot, 8},
      {&a, R_AARCH64_RELATIVE, RelocKind::relative, 8}, {&a, R_AARCH64_COPY, RelocKind::copy, 0},
      {&a, R_AARCH64_IRELATIVE, RelocKind::irelative, 8}, {&a, R_AARCH64_TLS_DTPMOD, RelocKind::dtpmod, 8},
      {&a, R_AARCH64_TLS_DTPREL, RelocKind::dtpoff, 8}, {&a, R_AARCH64_TLS_TPREL, RelocKind::tpoff, 8},
      {&a, R_AARCH64_TLSDESC, RelocKind::tlsdesc, 16},
  };
  for (const Case& c : cases) {
    CAPTURE(c.t->isa);
    CAPTURE(c.type);
    const ldso::arch::RelocRule r = c.t->rule(c.type);
    CHECK(r.kind == c.kind);
    CHECK(r.width == c.width);
    CHECK(c.t->name(c.type) != nullptr);
  }
  // x86_64's GLOB_DAT and JUMP_SLOT are S; aarch64's are S + A.
  CHECK(!x.rule(R_X86_64_GLOB_DAT).adds_addend);
  CHECK(a.rule(R_AARCH64_GLOB_DAT).adds_addend);
  // Unknown numbers are unknown on both, never silently ignored.
  CHECK(x.rule(250).kind == RelocKind::unknown);
  CHECK(a.rule(250).kind == RelocKind::unknown);
  CHECK(a.rule(R_X86_64_64).kind == RelocKind::unknown);  // 1 means nothing on aarch64
}
