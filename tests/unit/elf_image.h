// A builder for a minimal, valid ELF64 little-endian executable image, held in
// memory, for tests of elf::File. The headers are plain structs that tests
// mutate before build(); raw bytes can be patched on top of the result.
//
// Layout (A = segment alignment, 4 KiB or 64 KiB; B = 0x400000):
//   file 0x000  Elf64_Ehdr
//   file 0x040  program headers (room for kMaxPhdrs, so tests may add some)
//   file 0x3c0  PT_INTERP path
//   file 0x400  code; e_entry = B + 0x400
//   file A      data: PT_DYNAMIC (3 entries + DT_NULL) at +0, TLS image at +0x80
//   PT_LOAD r-x  offset 0, vaddr B,       filesz = memsz = 0x440
//   PT_LOAD rw-  offset A, vaddr B + 2*A, filesz 0x100, memsz 0x2000 (bss)
#pragma once
#include <elf.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace elftest {

using Bytes = std::vector<unsigned char>;

struct Image {
  // Index of each program header in `phdrs`, as make_image() lays them out.
  enum : size_t { kPhdr, kInterp, kText, kData, kDynamic, kTls, kStack, kRelro, kCount };
  static constexpr size_t kMaxPhdrs = 16;
  static constexpr uint64_t kBase = 0x400000;
  static constexpr uint64_t kInterpOff = 0x3c0;
  static constexpr uint64_t kCodeOff = 0x400;
  static constexpr uint64_t kTextSize = 0x440;
  static constexpr uint64_t kDynOff = 0x0;    // within the data segment
  static constexpr uint64_t kTlsOff = 0x80;   // within the data segment
  static constexpr uint64_t kDataFileSize = 0x100;
  static constexpr uint64_t kDataMemSize = 0x2000;

  Elf64_Ehdr ehdr{};
  std::vector<Elf64_Phdr> phdrs;  // serialised at ehdr.e_phoff (as far as they fit)
  Bytes body;                     // the whole file; headers are written over it
  std::vector<std::pair<size_t, Bytes>> patches;  // applied last, in order

  uint64_t align = 0;       // PT_LOAD p_align
  uint64_t data_off = 0;    // file offset of the data segment
  uint64_t data_vaddr = 0;  // its address
  std::string interp;       // PT_INTERP path without the NUL

  Elf64_Phdr& ph(size_t i) { return phdrs.at(i); }

  // Appends a program header and bumps e_phnum.
  Elf64_Phdr& add(const Elf64_Phdr& p) {
    phdrs.push_back(p);
    ehdr.e_phnum = static_cast<uint16_t>(phdrs.size());
    return phdrs.back();
  }

  // Writes `n` raw bytes at file offset `off` after serialisation (grows the file).
  void patch(size_t off, const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    patches.emplace_back(off, Bytes(p, p + n));
  }
  template <class T>
  void put(size_t off, T value) { patch(off, &value, sizeof value); }

  Bytes build() const {
    Bytes out = body;
    auto write = [&out](size_t off, const void* data, size_t n) {
      if (out.size() < off + n) out.resize(off + n);
      memcpy(out.data() + off, data, n);
    };
    write(0, &ehdr, sizeof ehdr);
    // Tests move e_phoff anywhere; write only the entries that land in the body.
    for (size_t i = 0; i < phdrs.size(); ++i) {
      uint64_t at = ehdr.e_phoff + i * sizeof(Elf64_Phdr);
      if (at >= sizeof ehdr && at <= body.size() && body.size() - at >= sizeof(Elf64_Phdr))
        write(at, &phdrs[i], sizeof(Elf64_Phdr));
    }
    for (const auto& [off, bytes] : patches) write(off, bytes.data(), bytes.size());
    return out;
  }
};

inline const char* interp_for(uint16_t machine) {
  return machine == EM_AARCH64 ? "/lib/ld-linux-aarch64.so.1" : "/lib64/ld-linux-x86-64.so.2";
}

// A valid executable for `machine` whose PT_LOADs have p_align `align`.
inline Image make_image(uint16_t machine, uint64_t align = 4096) {
  Image im;
  im.align = align;
  im.data_off = align;
  im.data_vaddr = Image::kBase + 2 * align;
  im.interp = interp_for(machine);
  im.body.assign(im.data_off + Image::kDataFileSize, 0);

  Elf64_Ehdr& e = im.ehdr;
  memcpy(e.e_ident, ELFMAG, SELFMAG);
  e.e_ident[EI_CLASS] = ELFCLASS64;
  e.e_ident[EI_DATA] = ELFDATA2LSB;
  e.e_ident[EI_VERSION] = EV_CURRENT;
  e.e_ident[EI_OSABI] = ELFOSABI_SYSV;
  e.e_type = ET_EXEC;
  e.e_machine = machine;
  e.e_version = EV_CURRENT;
  e.e_entry = Image::kBase + Image::kCodeOff;
  e.e_phoff = sizeof(Elf64_Ehdr);
  e.e_shoff = 0;
  e.e_ehsize = sizeof(Elf64_Ehdr);
  e.e_phentsize = sizeof(Elf64_Phdr);
  e.e_phnum = Image::kCount;
  e.e_shentsize = sizeof(Elf64_Shdr);

  const uint64_t interp_size = im.interp.size() + 1;
  const uint64_t dv = im.data_vaddr, doff = im.data_off;
  im.phdrs.resize(Image::kCount);
  im.phdrs[Image::kPhdr] = {PT_PHDR, PF_R, e.e_phoff, Image::kBase + e.e_phoff, Image::kBase + e.e_phoff,
                            Image::kCount * sizeof(Elf64_Phdr), Image::kCount * sizeof(Elf64_Phdr), 8};
  im.phdrs[Image::kInterp] = {PT_INTERP, PF_R, Image::kInterpOff, Image::kBase + Image::kInterpOff,
                              Image::kBase + Image::kInterpOff, interp_size, interp_size, 1};
  im.phdrs[Image::kText] = {PT_LOAD, PF_R | PF_X, 0, Image::kBase, Image::kBase,
                            Image::kTextSize, Image::kTextSize, align};
  im.phdrs[Image::kData] = {PT_LOAD, PF_R | PF_W, doff, dv, dv, Image::kDataFileSize, Image::kDataMemSize, align};
  im.phdrs[Image::kDynamic] = {PT_DYNAMIC, PF_R | PF_W, doff + Image::kDynOff, dv + Image::kDynOff,
                               dv + Image::kDynOff, 4 * sizeof(Elf64_Dyn), 4 * sizeof(Elf64_Dyn), 8};
  im.phdrs[Image::kTls] = {PT_TLS, PF_R, doff + Image::kTlsOff, dv + Image::kTlsOff, dv + Image::kTlsOff,
                           0x10, 0x30, 16};
  im.phdrs[Image::kStack] = {PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16};
  im.phdrs[Image::kRelro] = {PT_GNU_RELRO, PF_R, doff, dv, dv, 0x80, 0x80, 1};

  memcpy(im.body.data() + Image::kInterpOff, im.interp.c_str(), interp_size);
  // Code: an endless loop (x86_64 "jmp .", aarch64 "b .").
  static const unsigned char x86[] = {0xeb, 0xfe}, a64[] = {0x00, 0x00, 0x00, 0x14};
  if (machine == EM_AARCH64) memcpy(im.body.data() + Image::kCodeOff, a64, sizeof a64);
  else memcpy(im.body.data() + Image::kCodeOff, x86, sizeof x86);
  // Dynamic section: DT_DEBUG, DT_FLAGS, DT_FLAGS_1, DT_NULL.
  const Elf64_Dyn dyn[4] = {{DT_DEBUG, {0}}, {DT_FLAGS, {DF_BIND_NOW}}, {DT_FLAGS_1, {DF_1_NOW}}, {DT_NULL, {0}}};
  memcpy(im.body.data() + doff + Image::kDynOff, dyn, sizeof dyn);
  // TLS initialisation image.
  for (int i = 0; i < 0x10; ++i) im.body[doff + Image::kTlsOff + i] = static_cast<unsigned char>(0xa0 + i);
  return im;
}

}  // namespace elftest
