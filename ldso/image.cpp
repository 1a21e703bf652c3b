#include "ldso/image.h"

#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ldso/code.h"

namespace ldso {

int prot_of(uint32_t flags) {
  return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) |
         ((flags & PF_X) ? PROT_EXEC : 0);
}

namespace {

// Unmaps the reservation unless released, so a failed load leaves nothing.
struct Reservation {
  uintptr_t start = 0, len = 0;
  ~Reservation() {
    if (len) munmap(reinterpret_cast<void*>(start), len);
  }
};

bool has_textrel(const elf::File& f) {
  for (const elf::Dyn& d : f.dyn())
    if (d.tag == DT_TEXTREL || (d.tag == DT_FLAGS && (d.val & DF_TEXTREL))) return true;
  return false;
}

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
  img.code = code_add_object(strdup(f.path().c_str()), img.start, img.end, img.bias);
  // A failure below unmaps the reservation: the code table must forget it too.
  struct Forget {
    uint32_t code;
    bool armed = true;
    ~Forget() {
      if (armed) code_forget_object(code);
    }
  } forget{img.code};
  CodeObject& stats = code_object(img.code);

  const CodeOptions& opts = code_options();
  const bool copy = opts.load == LoadMode::copy;
  const bool lazy = opts.sync == SyncMode::lazy;
  // Demand fill needs the pages untouched until the program runs; text
  // relocations write them first, so such objects are filled up front.
  const bool demand_fill = copy && lazy && !has_textrel(f);

  for (size_t i = 0; i < f.loads().size(); ++i) {
    const elf::Phdr& p = f.loads()[i];
    const bool exec = p.flags & PF_X;
    const int final_prot = prot_of(p.flags);
    const int prot = exec ? code_runtime_prot(final_prot) : final_prot;
    const uintptr_t seg = (p.vaddr & ~(page - 1)) + img.bias;
    const uintptr_t file_end = p.vaddr + p.filesz + img.bias;
    const uintptr_t file_page_end = (file_end + page - 1) & ~(page - 1);
    const uintptr_t mem_end = ((p.vaddr + p.memsz + page - 1) & ~(page - 1)) + img.bias;
    char what[64];
    snprintf(what, sizeof what, "PT_LOAD %zu", i);
    stats.segments++;
    stats.bytes_mapped += mem_end - seg;
    if (mem_end == seg) continue;  // an empty PT_LOAD (p_memsz 0): nothing to place

    CodeSegment cs;
    cs.begin = p.vaddr + img.bias;
    cs.end = p.vaddr + p.memsz + img.bias;
    cs.page_begin = seg;
    cs.page_end = mem_end;
    cs.final_prot = final_prot;
    cs.object = img.code;

    if (copy) {
      // No page cache: read the file bytes into anonymous memory, as an
      // environment that fills pages itself does. These are stores: the
      // bytes must be synced before they run as code.
      void* got = mmap(reinterpret_cast<void*>(seg), mem_end - seg, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
      if (got == MAP_FAILED) fail("p_memsz", format("%s: anonymous mmap failed: %s", what, strerror(errno)));
      uint8_t* dest = reinterpret_cast<uint8_t*>(p.vaddr + img.bias);
      if (exec && demand_fill) {
        // Stage the bytes page-aligned; the fault handler copies each page in
        // on its first touch.
        const size_t len = mem_end - seg;
        auto* staging = static_cast<uint8_t*>(mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        if (staging == MAP_FAILED) fail("p_memsz", format("%s: cannot stage the segment: %s", what, strerror(errno)));
        dest = staging + (p.vaddr + img.bias - seg);
        cs.staging = staging;
        cs.demand_fill = true;
      }
      for (uint64_t done = 0; done < p.filesz;) {
        const ssize_t n = pread(f.fd(), dest + done, p.filesz - done, static_cast<off_t>(p.offset + done));
        if (n <= 0) fail("p_offset", format("%s: read failed: %s", what, n ? strerror(errno) : "unexpected end of file"));
        done += static_cast<uint64_t>(n);
      }
      stats.bytes_copied += p.filesz;
      if (exec) {
        cs.written_lo = cs.dirty_lo = cs.begin;
        cs.written_hi = cs.dirty_hi = cs.begin + p.filesz;
      }
      const int now = cs.demand_fill ? PROT_NONE : prot;
      if (mprotect(reinterpret_cast<void*>(seg), mem_end - seg, now) != 0)
        fail("p_flags", format("%s: mprotect failed: %s", what, strerror(errno)));
    } else {
      const bool zero_tail = p.memsz > p.filesz && (file_end & (page - 1)) != 0;
      if (p.filesz) {
        void* got = mmap(reinterpret_cast<void*>(seg), file_page_end - seg, prot | (zero_tail ? PROT_WRITE : 0),
                         MAP_PRIVATE | MAP_FIXED, f.fd(), static_cast<off_t>(p.offset & ~(page - 1)));
        if (got == MAP_FAILED) fail("p_offset", format("%s: mmap of the file failed: %s", what, strerror(errno)));
        if (zero_tail) {
          // The last file page holds bytes past p_filesz that belong to .bss.
          memset(reinterpret_cast<void*>(file_end), 0, file_page_end - file_end);
          if (exec) {
            // Written, but past p_filesz: bss, which never runs as code.
            cs.written_lo = file_end, cs.written_hi = file_page_end;
            if (file_end < cs.end) cs.dirty_lo = file_end, cs.dirty_hi = cs.end < file_page_end ? cs.end : file_page_end;
          }
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
    if (exec) {
      stats.exec_segments++;
      if (lazy) {
        cs.page_state = static_cast<uint8_t*>(calloc((mem_end - seg) / page, 1));
        if (!cs.page_state) fail("p_memsz", format("%s: cannot allocate the lazy page table", what));
      }
      code_add_segment(cs);
    }
  }
  r.len = 0;  // keep it
  forget.armed = false;
  return img;
}

}  // namespace ldso
