#include "ldso/image.h"

#include <elf.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstring>

namespace ldso {
namespace {

int prot_of(uint32_t flags) {
  return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) |
         ((flags & PF_X) ? PROT_EXEC : 0);
}

// Unmaps the reservation unless released, so a failed load leaves nothing.
struct Reservation {
  uintptr_t start = 0, len = 0;
  ~Reservation() {
    if (len) munmap(reinterpret_cast<void*>(start), len);
  }
};

}  // namespace

Image map_image(const elf::File& f, uint64_t page) {
  auto fail = [&](const char* field, std::string what) { throw Error(f.path(), field, std::nullopt, std::move(what)); };
  const uint64_t span = f.max_vaddr() - f.min_vaddr();
  Reservation r;
  if (f.type() == ET_EXEC) {
    void* want = reinterpret_cast<void*>(f.min_vaddr());
    void* got = mmap(want, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (got == MAP_FAILED || got != want) {
      int err = errno;
      if (got != MAP_FAILED) munmap(got, span);
      fail("p_vaddr", format("cannot reserve 0x%llx..0x%llx for the fixed-address executable: %s",
                             (unsigned long long)f.min_vaddr(), (unsigned long long)f.max_vaddr(),
                             got == MAP_FAILED ? strerror(err) : "address range in use"));
    }
    r = {f.min_vaddr(), span};
  } else {
    // Over-reserve so the start can be aligned to the largest p_align.
    const uint64_t align = f.max_align();
    const uint64_t len = span + align - page;
    void* got = mmap(nullptr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (got == MAP_FAILED) fail("p_memsz", format("cannot reserve 0x%llx bytes: %s", (unsigned long long)len, strerror(errno)));
    const uintptr_t raw = reinterpret_cast<uintptr_t>(got);
    const uintptr_t start = (raw + align - 1) & ~(align - 1);
    if (start > raw) munmap(got, start - raw);
    if (raw + len > start + span) munmap(reinterpret_cast<void*>(start + span), raw + len - (start + span));
    r = {start, span};
  }
  Image img;
  img.start = r.start;
  img.end = r.start + span;
  img.bias = r.start - f.min_vaddr();

  for (size_t i = 0; i < f.loads().size(); ++i) {
    const elf::Phdr& p = f.loads()[i];
    const int prot = prot_of(p.flags);
    const uintptr_t seg = (p.vaddr & ~(page - 1)) + img.bias;
    const uintptr_t file_end = p.vaddr + p.filesz + img.bias;
    const uintptr_t file_page_end = (file_end + page - 1) & ~(page - 1);
    const uintptr_t mem_end = ((p.vaddr + p.memsz + page - 1) & ~(page - 1)) + img.bias;
    const bool zero_tail = p.memsz > p.filesz && (file_end & (page - 1)) != 0;
    char what[64];
    snprintf(what, sizeof what, "PT_LOAD %zu", i);
    if (p.filesz) {
      void* got = mmap(reinterpret_cast<void*>(seg), file_page_end - seg, prot | (zero_tail ? PROT_WRITE : 0),
                       MAP_PRIVATE | MAP_FIXED, f.fd(), static_cast<off_t>(p.offset & ~(page - 1)));
      if (got == MAP_FAILED) fail("p_offset", format("%s: mmap of the file failed: %s", what, strerror(errno)));
      if (zero_tail) {
        // The last file page holds bytes past p_filesz that belong to .bss.
        memset(reinterpret_cast<void*>(file_end), 0, file_page_end - file_end);
        if (!(prot & PROT_WRITE) && mprotect(reinterpret_cast<void*>(seg), file_page_end - seg, prot) != 0)
          fail("p_flags", format("%s: mprotect failed: %s", what, strerror(errno)));
      }
    }
    const uintptr_t anon = p.filesz ? file_page_end : seg;
    if (mem_end > anon) {
      void* got = mmap(reinterpret_cast<void*>(anon), mem_end - anon, prot,
                       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
      if (got == MAP_FAILED) fail("p_memsz", format("%s: anonymous mmap failed: %s", what, strerror(errno)));
    }
  }
  r.len = 0;  // keep it
  return img;
}

}  // namespace ldso
