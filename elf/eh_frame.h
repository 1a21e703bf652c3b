// .eh_frame_hdr (PT_GNU_EH_FRAME): where its .eh_frame starts, which an
// unwinder's __register_frame_info wants.
#pragma once
#include <cstdint>
#include <optional>

namespace ldso::elf {

// `hdr` points to the header's bytes (at least 12 readable), which lie at
// address `hdr_addr` in the running image. Decodes eh_frame_ptr for the
// encodings linkers emit (absolute or pc/data-relative; 4- or 8-byte).
// nullopt: not version 1, or an encoding ldso does not decode.
std::optional<uint64_t> eh_frame_start(const uint8_t* hdr, uint64_t hdr_addr);

}  // namespace ldso::elf
