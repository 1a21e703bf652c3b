// The initial stack and the program's auxv, checked word by word.
#include <doctest/doctest.h>
#include <elf.h>

#include <cstring>
#include <string>
#include <vector>

#include "ldso/process.h"
#include "ldso/stack.h"

using ldso::AuxEntry;

namespace {

struct Built {
  std::vector<uint8_t> mem;
  uintptr_t addr, sp;
  const uint64_t* w() const { return reinterpret_cast<const uint64_t*>(mem.data() + (sp - addr)); }
  std::string str(uint64_t a) const { return std::string(reinterpret_cast<const char*>(mem.data() + (a - addr))); }
  bool inside(uint64_t a) const { return a >= addr && a < addr + mem.size(); }
};

Built build(const ldso::StackSpec& spec, size_t size = 4096, uintptr_t addr = 0x7ff000000000) {
  Built b{std::vector<uint8_t>(size, 0xcc), addr, 0};
  b.sp = ldso::build_stack(b.mem, addr, spec);
  return b;
}

ldso::StackSpec sample_spec() {
  ldso::StackSpec s;
  s.argv = {"./app", "", "two words"};
  s.envp = {"A=1", "PATH=/bin"};
  s.auxv = {{AT_PHDR, 0x400040}, {AT_PAGESZ, 4096}, {AT_RANDOM, 0}, {AT_EXECFN, 0}, {AT_PLATFORM, 0}};
  s.execfn = "./app";
  s.platform = "x86_64";
  for (int i = 0; i < 16; ++i) s.random[i] = static_cast<uint8_t>(i * 7 + 1);
  return s;
}

}  // namespace

TEST_CASE("stack: argc, argv, envp and auxv word by word") {
  const ldso::StackSpec spec = sample_spec();
  const Built b = build(spec);
  REQUIRE(b.sp != 0);
  CHECK(b.sp % 16 == 0);
  const uint64_t* w = b.w();
  size_t i = 0;
  CHECK(w[i++] == 3);
  CHECK(b.str(w[i++]) == "./app");
  CHECK(b.str(w[i++]) == "");
  CHECK(b.str(w[i++]) == "two words");
  CHECK(w[i++] == 0);
  CHECK(b.str(w[i++]) == "A=1");
  CHECK(b.str(w[i++]) == "PATH=/bin");
  CHECK(w[i++] == 0);
  CHECK(w[i++] == AT_PHDR);
  CHECK(w[i++] == 0x400040);
  CHECK(w[i++] == AT_PAGESZ);
  CHECK(w[i++] == 4096);
  CHECK(w[i++] == AT_RANDOM);
  const uint64_t random = w[i++];
  REQUIRE(b.inside(random));
  CHECK(memcmp(b.mem.data() + (random - b.addr), spec.random.data(), 16) == 0);
  CHECK(w[i++] == AT_EXECFN);
  const uint64_t execfn = w[i++];
  CHECK(b.str(execfn) == "./app");
  CHECK(w[i++] == AT_PLATFORM);
  CHECK(b.str(w[i++]) == "x86_64");
  CHECK(w[i++] == AT_NULL);
  CHECK(w[i++] == 0);
  // Above the tables: the random bytes, platform, strings; the top word is 0.
  CHECK(reinterpret_cast<uintptr_t>(&w[i]) - reinterpret_cast<uintptr_t>(b.mem.data()) + b.addr <= random);
  uint64_t top_word;
  memcpy(&top_word, b.mem.data() + b.mem.size() - 8, 8);
  CHECK(top_word == 0);
  // As in Linux: execfn is the highest string, argv strings ascend below envp's.
  CHECK(execfn == b.addr + b.mem.size() - 8 - 6);
  CHECK(w[1] < w[2]);
  CHECK(w[3] < w[5]);
  CHECK(w[6] < execfn);
}

TEST_CASE("stack: 16-byte alignment for every table size") {
  for (int argc = 1; argc < 6; ++argc)
    for (int envc = 0; envc < 4; ++envc) {
      ldso::StackSpec s = sample_spec();
      s.argv.assign(argc, "x");
      s.envp.assign(envc, "E=");
      const Built b = build(s);
      REQUIRE(b.sp != 0);
      CHECK(b.sp % 16 == 0);
      CHECK(b.w()[0] == static_cast<uint64_t>(argc));
    }
}

TEST_CASE("stack: too small a region is refused, not overrun") {
  ldso::StackSpec s = sample_spec();
  std::string big(5000, 'a');
  s.envp = {big};
  // The region is the middle 4 KiB of a buffer with guard bytes around it.
  std::vector<uint8_t> buf(3 * 4096, 0xcc);
  std::span<uint8_t> region(buf.data() + 4096, 4096);
  CHECK(ldso::build_stack(region, 0x7ff000000000, s) == 0);
  for (size_t i = 0; i < buf.size(); ++i)
    if ((i < 4096 || i >= 2 * 4096) && buf[i] != 0xcc) FAIL("wrote outside the region at offset " << i);
  // The tables alone can also be too large for what the strings left.
  s.envp.assign(600, "E=1");
  std::vector<uint8_t> small(4096, 0);
  CHECK(ldso::build_stack(small, 0x1000, s) == 0);
}

TEST_CASE("auxv: program entries replace ldso's own, in the kernel's order") {
  const std::vector<AuxEntry> own = {
      {AT_SYSINFO_EHDR, 0x7fff0000}, {AT_HWCAP, 0xabc},  {AT_PAGESZ, 4096}, {AT_CLKTCK, 100},
      {AT_PHDR, 0x5555000040},       {AT_PHENT, 56},     {AT_PHNUM, 13},    {AT_BASE, 0x7f0000},
      {AT_FLAGS, 0},                 {AT_ENTRY, 0x5555001000}, {AT_UID, 1000}, {AT_EUID, 1000},
      {AT_GID, 100},                 {AT_EGID, 100},     {AT_SECURE, 0},    {AT_RANDOM, 0x7ffd0000},
      {AT_HWCAP2, 2},                {AT_EXECFD, 3},     {AT_EXECFN, 0x7ffe0000}, {AT_PLATFORM, 0x7ffd0010},
  };
  const ldso::ProgramView view{0x400040, 9, 0x401000, 0x7f1234000};
  const std::vector<AuxEntry> out = ldso::program_auxv(own, view);
  REQUIRE(out.size() == own.size() - 1);  // AT_EXECFD dropped
  auto find = [&](uint64_t t) {
    for (const AuxEntry& a : out)
      if (a.type == t) return a.value;
    FAIL("missing " << t);
    return uint64_t(0);
  };
  CHECK(out[0].type == AT_SYSINFO_EHDR);
  CHECK(out[0].value == 0x7fff0000);
  CHECK(find(AT_HWCAP) == 0xabc);
  CHECK(find(AT_PHDR) == 0x400040);
  CHECK(find(AT_PHNUM) == 9);
  CHECK(find(AT_ENTRY) == 0x401000);
  CHECK(find(AT_BASE) == 0x7f1234000);
  CHECK(find(AT_UID) == 1000);
  CHECK(find(AT_HWCAP2) == 2);
  CHECK(out.back().type == AT_PLATFORM);
}

TEST_CASE("auxv: entries glibc needs are added when ldso's own auxv lacks them") {
  const std::vector<AuxEntry> own = {{AT_PAGESZ, 65536}, {AT_HWCAP, 7}};
  const std::vector<AuxEntry> out = ldso::program_auxv(own, {0x1040, 4, 0x1100, 0});
  const uint64_t required[] = {AT_PHDR,  AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE,   AT_FLAGS,
                               AT_ENTRY, AT_UID,   AT_EUID,  AT_GID,    AT_EGID,   AT_SECURE,
                               AT_RANDOM, AT_HWCAP, AT_HWCAP2, AT_CLKTCK, AT_EXECFN, AT_PLATFORM};
  for (uint64_t t : required) {
    int n = 0;
    for (const AuxEntry& a : out) n += a.type == t;
    CHECK_MESSAGE(n == 1, "auxv type " << t);
  }
  CHECK(out[0].type == AT_PAGESZ);
  CHECK(out[0].value == 65536);  // ldso's own value wins over the fallback
}
