#include "elf/eh_frame.h"

#include <cstring>

namespace ldso::elf {

std::optional<uint64_t> eh_frame_start(const uint8_t* hdr, uint64_t hdr_addr) {
  if (hdr[0] != 1) return std::nullopt;  // version
  const uint8_t enc = hdr[1];            // DW_EH_PE_* of eh_frame_ptr
  if (enc & 0x80) return std::nullopt;   // indirect: never in a header
  const uint8_t* p = hdr + 4;            // after version and three encodings
  uint64_t v;
  switch (enc & 0x0f) {
    case 0x00: case 0x04: case 0x0c: memcpy(&v, p, 8); break;  // absptr, udata8, sdata8
    case 0x03: {                                                // udata4
      uint32_t u;
      memcpy(&u, p, 4);
      v = u;
      break;
    }
    case 0x0b: {  // sdata4
      int32_t s;
      memcpy(&s, p, 4);
      v = static_cast<uint64_t>(static_cast<int64_t>(s));
      break;
    }
    default: return std::nullopt;
  }
  switch (enc & 0x70) {
    case 0x00: return v;                 // absolute
    case 0x10: return v + hdr_addr + 4;  // pc-relative: from the field itself
    case 0x30: return v + hdr_addr;      // data-relative: from the header
    default: return std::nullopt;
  }
}

}  // namespace ldso::elf
