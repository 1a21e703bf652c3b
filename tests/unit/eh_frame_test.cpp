// elf/eh_frame: the start of .eh_frame from a PT_GNU_EH_FRAME header.
#include <doctest/doctest.h>
#include <link.h>

#include <array>
#include <cstring>

#include "elf/eh_frame.h"

using ldso::elf::eh_frame_start;

namespace {

// version 1, eh_frame_ptr encoding, fde_count and table encodings, pointer.
template <class T>
std::array<uint8_t, 16> header(uint8_t enc, T value) {
  std::array<uint8_t, 16> h{};
  h[0] = 1;
  h[1] = enc;
  h[2] = 0x03;
  h[3] = 0x3b;
  memcpy(h.data() + 4, &value, sizeof value);
  return h;
}

}  // namespace

TEST_CASE("eh_frame_hdr: the encodings linkers emit") {
  const uint64_t at = 0x400000;
  auto pcrel = header<int32_t>(0x1b, -0x1000);  // DW_EH_PE_pcrel | sdata4 (GNU ld, lld)
  CHECK(eh_frame_start(pcrel.data(), at) == at + 4 - 0x1000);
  auto datarel = header<int32_t>(0x3b, 0x80);  // DW_EH_PE_datarel | sdata4
  CHECK(eh_frame_start(datarel.data(), at) == at + 0x80);
  auto abs8 = header<uint64_t>(0x00, 0x123456789aull);  // absptr
  CHECK(eh_frame_start(abs8.data(), at) == 0x123456789aull);
  auto udata4 = header<uint32_t>(0x03, 0xfffffff0u);
  CHECK(eh_frame_start(udata4.data(), at) == 0xfffffff0ull);
  auto sdata8 = header<int64_t>(0x1c, -8);  // pcrel | sdata8
  CHECK(eh_frame_start(sdata8.data(), at) == at + 4 - 8);
}

TEST_CASE("eh_frame_hdr: refused") {
  auto wrong_version = header<int32_t>(0x1b, 0);
  wrong_version[0] = 2;
  CHECK_FALSE(eh_frame_start(wrong_version.data(), 0x1000).has_value());
  auto omit = header<int32_t>(0xff, 0);  // DW_EH_PE_omit
  CHECK_FALSE(eh_frame_start(omit.data(), 0x1000).has_value());
  auto indirect = header<int32_t>(0x9b, 0);  // DW_EH_PE_indirect | pcrel | sdata4
  CHECK_FALSE(eh_frame_start(indirect.data(), 0x1000).has_value());
  auto funcrel = header<int32_t>(0x4b, 0);  // DW_EH_PE_funcrel: not in a header
  CHECK_FALSE(eh_frame_start(funcrel.data(), 0x1000).has_value());
}

TEST_CASE("eh_frame_hdr: this test program's own header leads to a CIE") {
  struct Found {
    uint64_t start = 0;
    bool inside = false;
  } f;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        auto* f = static_cast<Found*>(arg);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& p = info->dlpi_phdr[i];
          if (p.p_type != PT_GNU_EH_FRAME) continue;
          const uint64_t hdr = info->dlpi_addr + p.p_vaddr;
          f->start = eh_frame_start(reinterpret_cast<const uint8_t*>(hdr), hdr).value_or(0);
          for (int k = 0; k < info->dlpi_phnum; ++k) {
            const ElfW(Phdr)& l = info->dlpi_phdr[k];
            const uint64_t lo = info->dlpi_addr + l.p_vaddr;
            if (l.p_type == PT_LOAD && f->start >= lo && f->start < lo + l.p_filesz) f->inside = true;
          }
        }
        return 1;  // the executable only
      },
      &f);
  REQUIRE(f.start != 0);
  REQUIRE(f.inside);
  // The first record of .eh_frame is a CIE: a length, then CIE id 0.
  uint32_t length, id;
  memcpy(&length, reinterpret_cast<const void*>(f.start), 4);
  memcpy(&id, reinterpret_cast<const void*>(f.start + 4), 4);
  CHECK(length != 0);
  CHECK(id == 0);
}
