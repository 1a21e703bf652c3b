#include "elf/file.h"

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ldso::elf {
namespace {

// RAII for libelf's handle.
struct ElfHandle {
  Elf* e = nullptr;
  ~ElfHandle() { if (e) elf_end(e); }
};

void init_libelf() {
  static const bool ok = elf_version(EV_CURRENT) != EV_NONE;
  (void)ok;
}

const char* type_name(uint16_t t) {
  switch (t) {
    case ET_NONE: return "ET_NONE";
    case ET_REL: return "ET_REL (a relocatable object file)";
    case ET_EXEC: return "ET_EXEC";
    case ET_DYN: return "ET_DYN";
    case ET_CORE: return "ET_CORE (a core dump)";
  }
  return "unknown";
}

std::string ptype_name(uint32_t t) {
  switch (t) {
    case PT_NULL: return "PT_NULL";
    case PT_LOAD: return "PT_LOAD";
    case PT_DYNAMIC: return "PT_DYNAMIC";
    case PT_INTERP: return "PT_INTERP";
    case PT_NOTE: return "PT_NOTE";
    case PT_PHDR: return "PT_PHDR";
    case PT_TLS: return "PT_TLS";
    case PT_GNU_EH_FRAME: return "PT_GNU_EH_FRAME";
    case PT_GNU_STACK: return "PT_GNU_STACK";
    case PT_GNU_RELRO: return "PT_GNU_RELRO";
    case PT_GNU_PROPERTY: return "PT_GNU_PROPERTY";
  }
  return format("type 0x%x", t);
}

// "R-X" for p_flags.
std::string flags_name(uint32_t f) {
  return {f & PF_R ? 'R' : '-', f & PF_W ? 'W' : '-', f & PF_X ? 'X' : '-'};
}

using ull = unsigned long long;  // for printf

bool pow2_or_zero(uint64_t v) { return (v & (v - 1)) == 0; }

// a + b without wrapping; false when it would wrap.
bool add_ok(uint64_t a, uint64_t b, uint64_t* sum) { return !__builtin_add_overflow(a, b, sum); }

}  // namespace

Target host_target(uint64_t page_size) {
#if defined(__x86_64__)
  return Target{EM_X86_64, page_size};
#elif defined(__aarch64__)
  return Target{EM_AARCH64, page_size};
#else
#error "unsupported ISA"
#endif
}

std::string machine_name(uint16_t m) {
  switch (m) {
    case EM_X86_64: return "x86_64";
    case EM_AARCH64: return "aarch64";
    case EM_386: return "i386";
    case EM_ARM: return "arm";
    case EM_RISCV: return "riscv";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390";
    case EM_MIPS: return "mips";
    case EM_LOONGARCH: return "loongarch";
  }
  return format("machine %u", m);
}

void File::Fd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

bool File::executable_stack() const { return !gnu_stack_ || (gnu_stack_->flags & PF_X); }

File File::open(const std::string& path, const Target& target, Role role) {
  File f;
  f.path_ = path;
  // O_NONBLOCK: opening a FIFO must fail below (not a regular file), not hang
  // waiting for a writer. It changes nothing for regular files.
  f.fd_.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (f.fd_.get() < 0) throw Error(path, "open", std::nullopt, strerror(errno));
  struct stat st;
  if (fstat(f.fd_.get(), &st) != 0) throw Error(path, "stat", std::nullopt, strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(path, "open", std::nullopt, "is a directory");
  if (!S_ISREG(st.st_mode)) throw Error(path, "open", std::nullopt, "not a regular file");
  f.size_ = static_cast<uint64_t>(st.st_size);
  f.dev_ = st.st_dev;
  f.ino_ = st.st_ino;
  f.validate(target, role, nullptr);
  return f;
}

File File::parse(const std::string& name, std::span<const unsigned char> image,
                 const Target& target, Role role) {
  File f;
  f.path_ = name;
  f.size_ = image.size();
  // Pass the span itself, not data(): an empty image may have a null data().
  f.validate(target, role, &image);
  return f;
}

void File::validate(const Target& target, Role role, const std::span<const unsigned char>* image) {
  auto fail = [&](const std::string& field, std::optional<uint64_t> off, std::string what) {
    throw Error(path_, field, off, std::move(what));
  };
  const uint64_t page = target.page_size;
  if (page == 0 || !pow2_or_zero(page))
    fail("page_size", std::nullopt, format("target page size 0x%llx is not a power of two", (ull)page));

  // e_ident first, by hand: libelf would byte-swap a foreign file before we
  // could say what is wrong with it.
  unsigned char ident[EI_NIDENT] = {};
  const size_t have = size_ < EI_NIDENT ? size_ : EI_NIDENT;
  if (image) {
    if (have) memcpy(ident, image->data(), have);
  } else {
    ssize_t n = pread(fd_.get(), ident, have, 0);
    if (n != static_cast<ssize_t>(have))
      fail("e_ident", 0, format("cannot read the ELF identification: %s", n < 0 ? strerror(errno) : "short read"));
  }
  if (size_ == 0) fail("e_ident", 0, "not an ELF file: the file is empty");
  if (size_ < SELFMAG)
    fail("e_ident", 0, format("not an ELF file: %llu bytes, shorter than the %d-byte ELF magic", (ull)size_, SELFMAG));
  if (memcmp(ident, ELFMAG, SELFMAG) != 0)
    fail("e_ident", 0, format("not an ELF file: magic %02x %02x %02x %02x, expected 7f 45 4c 46 (\"\\177ELF\")",
                              ident[0], ident[1], ident[2], ident[3]));
  if (size_ < EI_NIDENT)
    fail("e_ident", 0, format("truncated ELF file: %llu bytes, the ELF identification needs %d", (ull)size_, EI_NIDENT));
  if (ident[EI_CLASS] != ELFCLASS64)
    fail("e_ident[EI_CLASS]", EI_CLASS,
         format("ELF class %u (%s), expected %u (ELFCLASS64)", ident[EI_CLASS],
                ident[EI_CLASS] == ELFCLASS32 ? "ELFCLASS32" : "invalid", ELFCLASS64));
  if (ident[EI_DATA] != ELFDATA2LSB)
    fail("e_ident[EI_DATA]", EI_DATA,
         format("byte order %u (%s), expected %u (ELFDATA2LSB, little-endian)", ident[EI_DATA],
                ident[EI_DATA] == ELFDATA2MSB ? "ELFDATA2MSB, big-endian" : "invalid", ELFDATA2LSB));
  if (ident[EI_VERSION] != EV_CURRENT)
    fail("e_ident[EI_VERSION]", EI_VERSION, format("ELF version %u, expected %u", ident[EI_VERSION], EV_CURRENT));
  if (ident[EI_OSABI] != ELFOSABI_SYSV && ident[EI_OSABI] != ELFOSABI_GNU)
    fail("e_ident[EI_OSABI]", EI_OSABI,
         format("OS/ABI %u, expected %u (System V) or %u (GNU/Linux)", ident[EI_OSABI], ELFOSABI_SYSV, ELFOSABI_GNU));
  if (size_ < sizeof(Elf64_Ehdr))
    fail("e_ehsize", 0, format("truncated ELF file: %llu bytes, the ELF header needs %zu", (ull)size_,
                               sizeof(Elf64_Ehdr)));

  init_libelf();
  ElfHandle h;
  h.e = image ? elf_memory(reinterpret_cast<char*>(const_cast<unsigned char*>(image->data())), size_)
              : elf_begin(fd_.get(), ELF_C_READ_MMAP, nullptr);
  if (!h.e || elf_kind(h.e) != ELF_K_ELF) fail("e_ident", 0, format("libelf: %s", elf_errmsg(-1)));
  GElf_Ehdr eh;
  if (!gelf_getehdr(h.e, &eh)) fail("e_ident", 0, format("libelf: %s", elf_errmsg(-1)));

  type_ = eh.e_type;
  machine_ = eh.e_machine;
  entry_ = eh.e_entry;
  phoff_ = eh.e_phoff;
  if (type_ != ET_EXEC && type_ != ET_DYN)
    fail("e_type", offsetof(Elf64_Ehdr, e_type),
         format("ELF type %u is %s, expected ET_EXEC or ET_DYN", type_, type_name(type_)));
  if (machine_ != target.machine)
    fail("e_machine", offsetof(Elf64_Ehdr, e_machine),
         format("ELF machine %u is %s, but this ldso runs %s programs (e_machine %u)", machine_,
                machine_name(machine_).c_str(), machine_name(target.machine).c_str(), target.machine));
  if (eh.e_version != EV_CURRENT)
    fail("e_version", offsetof(Elf64_Ehdr, e_version), format("e_version %u, expected %u", (unsigned)eh.e_version, EV_CURRENT));
  if (eh.e_ehsize != sizeof(Elf64_Ehdr))
    fail("e_ehsize", offsetof(Elf64_Ehdr, e_ehsize), format("e_ehsize %u, expected %zu", eh.e_ehsize, sizeof(Elf64_Ehdr)));

  // Program header table. Use e_phnum itself: elf_getphdrnum() silently
  // clamps it to what fits in the file, which would hide a truncated table.
  const uint64_t off_phoff = offsetof(Elf64_Ehdr, e_phoff), off_phnum = offsetof(Elf64_Ehdr, e_phnum);
  const size_t phnum = eh.e_phnum;
  if (phnum == 0) fail("e_phnum", off_phnum, "no program headers (e_phnum is 0)");
  // Like Linux, no extended numbering: 0xffff would mean "see section 0".
  if (phnum == PN_XNUM)
    fail("e_phnum", off_phnum, format("e_phnum 0x%zx (PN_XNUM, extended numbering) is not supported", phnum));
  if (eh.e_phentsize != sizeof(Elf64_Phdr))
    fail("e_phentsize", offsetof(Elf64_Ehdr, e_phentsize),
         format("e_phentsize %u, expected %zu", eh.e_phentsize, sizeof(Elf64_Phdr)));
  uint64_t ph_end;
  if (!add_ok(eh.e_phoff, uint64_t(phnum) * sizeof(Elf64_Phdr), &ph_end) || ph_end > size_)
    fail("e_phoff", off_phoff,
         format("program header table (e_phoff 0x%llx, e_phnum %zu) is out of the file (%llu bytes)",
                (ull)eh.e_phoff, phnum, (ull)size_));
  if (eh.e_phoff % 8 != 0)
    fail("e_phoff", off_phoff, format("e_phoff 0x%llx is not 8-byte aligned", (ull)eh.e_phoff));

  max_align_ = page;
  std::optional<Phdr> phdr_seg;
  size_t dynamic_i = 0, interp_i = 0, tls_i = 0, phdr_i = 0, prev_load_i = 0;
  for (size_t i = 0; i < phnum; ++i) {
    GElf_Phdr g;
    if (!gelf_getphdr(h.e, static_cast<int>(i), &g))
      fail(format("phdr[%zu]", i), eh.e_phoff + i * sizeof(Elf64_Phdr),
           format("program header %zu: libelf: %s", i, elf_errmsg(-1)));
    Phdr p{g.p_type, g.p_flags, g.p_offset, g.p_vaddr, g.p_paddr, g.p_filesz, g.p_memsz, g.p_align};
    phdrs_.push_back(p);
    const uint64_t at = eh.e_phoff + i * sizeof(Elf64_Phdr);
    // Every complaint about a header names it the same way: the field is
    // "phdr[i].p_xxx" at that field's file offset, the message starts
    // "program header i (PT_XXX): ".
    auto phfail = [&](const char* name, size_t member, const std::string& what) {
      fail(format("phdr[%zu].%s", i, name), at + member,
           format("program header %zu (%s): %s", i, ptype_name(p.type).c_str(), what.c_str()));
    };
    const bool has_file_bytes = p.type == PT_LOAD || p.type == PT_INTERP || p.type == PT_DYNAMIC || p.type == PT_TLS;
    uint64_t end;
    if (has_file_bytes && p.filesz && (!add_ok(p.offset, p.filesz, &end) || end > size_))
      phfail("p_offset", offsetof(Elf64_Phdr, p_offset),
             format("p_offset 0x%llx + p_filesz 0x%llx is beyond the end of the file (%llu bytes)", (ull)p.offset,
                    (ull)p.filesz, (ull)size_));
    if ((p.type == PT_LOAD || p.type == PT_TLS || p.type == PT_DYNAMIC) && p.filesz > p.memsz)
      phfail("p_filesz", offsetof(Elf64_Phdr, p_filesz),
             format("p_filesz 0x%llx is larger than p_memsz 0x%llx", (ull)p.filesz, (ull)p.memsz));
    if ((p.type == PT_LOAD || p.type == PT_TLS) && !pow2_or_zero(p.align))
      phfail("p_align", offsetof(Elf64_Phdr, p_align), format("p_align 0x%llx is not a power of two", (ull)p.align));
    // One of each: a second one would be silently ignored by whoever reads it.
    auto once = [&](std::optional<Phdr>& slot, size_t& index) {
      if (slot)
        phfail("p_type", offsetof(Elf64_Phdr, p_type),
               format("more than one %s (the first is program header %zu)", ptype_name(p.type).c_str(), index));
      slot = p;
      index = i;
    };
    switch (p.type) {
      case PT_LOAD: {
        if (p.offset % page != p.vaddr % page)
          phfail("p_offset", offsetof(Elf64_Phdr, p_offset),
                 format("p_offset 0x%llx and p_vaddr 0x%llx are not congruent modulo the page size 0x%llx",
                        (ull)p.offset, (ull)p.vaddr, (ull)page));
        if (p.align > 1 && p.offset % p.align != p.vaddr % p.align)
          phfail("p_offset", offsetof(Elf64_Phdr, p_offset),
                 format("p_offset 0x%llx and p_vaddr 0x%llx are not congruent modulo p_align 0x%llx",
                        (ull)p.offset, (ull)p.vaddr, (ull)p.align));
        // The page-rounded end must not wrap either: the mapping covers it.
        if (!add_ok(p.vaddr, p.memsz, &end) || !add_ok(end, page - 1, &end))
          phfail("p_memsz", offsetof(Elf64_Phdr, p_memsz),
                 format("p_vaddr 0x%llx + p_memsz 0x%llx wraps around the address space", (ull)p.vaddr,
                        (ull)p.memsz));
        if ((p.flags & PF_W) && (p.flags & PF_X))
          phfail("p_flags", offsetof(Elf64_Phdr, p_flags),
                 format("p_flags 0x%x (%s) is writable and executable; ldso never maps W+X", p.flags,
                        flags_name(p.flags).c_str()));
        if (!loads_.empty()) {
          // Ascending and disjoint: checking the previous one covers all.
          const Phdr& prev = loads_.back();
          if (p.vaddr < prev.vaddr)
            phfail("p_vaddr", offsetof(Elf64_Phdr, p_vaddr),
                   format("p_vaddr 0x%llx is below p_vaddr 0x%llx of the previous PT_LOAD (program header %zu); "
                          "PT_LOAD segments must ascend",
                          (ull)p.vaddr, (ull)prev.vaddr, prev_load_i));
          if (p.vaddr - prev.vaddr < prev.memsz)
            phfail("p_vaddr", offsetof(Elf64_Phdr, p_vaddr),
                   format("p_vaddr 0x%llx overlaps the previous PT_LOAD (program header %zu) at 0x%llx..0x%llx",
                          (ull)p.vaddr, prev_load_i, (ull)prev.vaddr, (ull)(prev.vaddr + prev.memsz)));
        }
        if (p.align > max_align_) max_align_ = p.align;
        loads_.push_back(p);
        prev_load_i = i;
        break;
      }
      case PT_DYNAMIC:
        once(dynamic_, dynamic_i);
        if (p.filesz % sizeof(Elf64_Dyn) != 0)
          phfail("p_filesz", offsetof(Elf64_Phdr, p_filesz),
                 format("p_filesz 0x%llx is not a multiple of %zu (sizeof(Elf64_Dyn))", (ull)p.filesz,
                        sizeof(Elf64_Dyn)));
        // The loader reads the entries in place as Elf64_Dyn.
        if (p.vaddr % alignof(Elf64_Dyn) != 0)
          phfail("p_vaddr", offsetof(Elf64_Phdr, p_vaddr),
                 format("p_vaddr 0x%llx is not %zu-byte aligned", (ull)p.vaddr, alignof(Elf64_Dyn)));
        break;
      case PT_INTERP: once(interp_, interp_i); break;
      case PT_TLS:
        once(tls_, tls_i);
        // The TLS layout rounds p_memsz up to p_align.
        if (!add_ok(p.memsz, p.align, &end))
          phfail("p_memsz", offsetof(Elf64_Phdr, p_memsz),
                 format("p_memsz 0x%llx + p_align 0x%llx wraps around", (ull)p.memsz, (ull)p.align));
        break;
      case PT_GNU_STACK: gnu_stack_ = p; break;
      case PT_GNU_RELRO: relro_ = p; break;
      case PT_PHDR:
        phdr_seg = p;
        phdr_i = i;
        break;
      default: break;
    }
  }
  if (loads_.empty()) fail("e_phnum", off_phnum, format("no PT_LOAD segment among the %zu program headers", phnum));

  min_vaddr_ = loads_.front().vaddr & ~(page - 1);
  const Phdr& last = loads_.back();
  max_vaddr_ = (last.vaddr + last.memsz + page - 1) & ~(page - 1);

  // The PT_LOAD holding [vaddr, vaddr + len), or null.
  auto inside_load = [&](uint64_t vaddr, uint64_t len) {
    for (const Phdr& l : loads_)
      if (vaddr >= l.vaddr && vaddr - l.vaddr <= l.memsz && len <= l.memsz - (vaddr - l.vaddr)) return &l;
    return static_cast<const Phdr*>(nullptr);
  };
  // Same naming as phfail in the loop, for a header found there.
  auto hdr_fail = [&](size_t i, const Phdr& p, const char* name, size_t member, const std::string& what) {
    fail(format("phdr[%zu].%s", i, name), eh.e_phoff + i * sizeof(Elf64_Phdr) + member,
         format("program header %zu (%s): %s", i, ptype_name(p.type).c_str(), what.c_str()));
  };

  // Entry point: inside an executable segment.
  if (role == Role::program || entry_ != 0) {
    bool ok = false;
    for (const Phdr& l : loads_)
      if ((l.flags & PF_X) && entry_ >= l.vaddr && entry_ - l.vaddr < l.memsz) ok = true;
    if (!ok)
      fail("e_entry", offsetof(Elf64_Ehdr, e_entry),
           format("e_entry 0x%llx is outside every executable PT_LOAD segment", (ull)entry_));
  }

  if (dynamic_) {
    const Phdr& d = *dynamic_;
    const Phdr* l = inside_load(d.vaddr, d.memsz);
    if (!l)
      hdr_fail(dynamic_i, d, "p_vaddr", offsetof(Elf64_Phdr, p_vaddr),
               format("p_vaddr 0x%llx + p_memsz 0x%llx is not inside a PT_LOAD segment", (ull)d.vaddr, (ull)d.memsz));
    // dyn() is read from the file, the loader reads memory: they must be the
    // same bytes, i.e. the PT_LOAD maps exactly these file bytes there.
    const uint64_t rel = d.vaddr - l->vaddr;
    if (d.offset - l->offset != rel || rel > l->filesz || d.filesz > l->filesz - rel)
      hdr_fail(dynamic_i, d, "p_offset", offsetof(Elf64_Phdr, p_offset),
               format("p_offset 0x%llx + p_filesz 0x%llx is not what the PT_LOAD at 0x%llx (file 0x%llx + 0x%llx) "
                      "loads at p_vaddr 0x%llx",
                      (ull)d.offset, (ull)d.filesz, (ull)l->vaddr, (ull)l->offset, (ull)l->filesz, (ull)d.vaddr));
  }
  if (tls_ && tls_->filesz && !inside_load(tls_->vaddr, tls_->filesz))
    hdr_fail(tls_i, *tls_, "p_vaddr", offsetof(Elf64_Phdr, p_vaddr),
             format("p_vaddr 0x%llx + p_filesz 0x%llx (the initialisation image) is not inside a PT_LOAD segment",
                    (ull)tls_->vaddr, (ull)tls_->filesz));

  // Where the program headers are once loaded.
  if (phdr_seg) {
    if (!inside_load(phdr_seg->vaddr, phdr_seg->memsz))
      hdr_fail(phdr_i, *phdr_seg, "p_vaddr", offsetof(Elf64_Phdr, p_vaddr),
               format("p_vaddr 0x%llx + p_memsz 0x%llx is not inside a PT_LOAD segment", (ull)phdr_seg->vaddr,
                      (ull)phdr_seg->memsz));
    phdr_vaddr_ = phdr_seg->vaddr;
  } else {
    phdr_vaddr_ = loads_.front().vaddr - loads_.front().offset + eh.e_phoff;
    for (const Phdr& l : loads_)
      if (eh.e_phoff >= l.offset && ph_end - l.offset <= l.filesz) phdr_vaddr_ = l.vaddr + (eh.e_phoff - l.offset);
  }

  // PT_INTERP contents: a path ending in NUL. Like Linux, the path stops at
  // the first NUL (linkers may pad).
  if (interp_) {
    const Phdr& p = *interp_;
    size_t n = 0;
    const char* bytes = elf_rawfile(h.e, &n);
    if (!bytes) fail("e_ident", 0, format("libelf: %s", elf_errmsg(-1)));
    // The checks above used size_; libelf measured the file again.
    if (n != size_)
      fail("e_ident", 0, format("the file changed while being read: %zu bytes, was %llu", n, (ull)size_));
    if (p.filesz == 0 || bytes[p.offset + p.filesz - 1] != '\0')
      hdr_fail(interp_i, p, "p_filesz", offsetof(Elf64_Phdr, p_filesz),
               format("the interpreter path (p_offset 0x%llx, p_filesz 0x%llx) does not end with a NUL byte",
                      (ull)p.offset, (ull)p.filesz));
    interp_path_.assign(bytes + p.offset);
    if (interp_path_.empty())
      hdr_fail(interp_i, p, "p_filesz", offsetof(Elf64_Phdr, p_filesz),
               format("the interpreter path (p_offset 0x%llx, p_filesz 0x%llx) is empty", (ull)p.offset,
                      (ull)p.filesz));
  }

  // PT_DYNAMIC entries, from the file.
  if (dynamic_) {
    const Phdr& p = *dynamic_;
    Elf_Data* d = p.filesz ? elf_getdata_rawchunk(h.e, static_cast<int64_t>(p.offset), p.filesz, ELF_T_DYN) : nullptr;
    if (!d && p.filesz)
      hdr_fail(dynamic_i, p, "p_offset", offsetof(Elf64_Phdr, p_offset),
               format("cannot read the dynamic section: libelf: %s", elf_errmsg(-1)));
    const size_t count = p.filesz / sizeof(Elf64_Dyn);
    bool terminated = false;
    for (size_t i = 0; i < count && !terminated; ++i) {
      GElf_Dyn g;
      if (!gelf_getdyn(d, static_cast<int>(i), &g))
        hdr_fail(dynamic_i, p, "p_offset", offsetof(Elf64_Phdr, p_offset),
                 format("cannot read dynamic entry %zu: libelf: %s", i, elf_errmsg(-1)));
      if (g.d_tag == DT_NULL) terminated = true;
      else dyn_.push_back({g.d_tag, g.d_un.d_val});
    }
    if (!terminated)
      hdr_fail(dynamic_i, p, "p_filesz", offsetof(Elf64_Phdr, p_filesz),
               format("no DT_NULL among the %zu entries (p_filesz 0x%llx) at p_offset 0x%llx", count, (ull)p.filesz,
                      (ull)p.offset));
  }
}

}  // namespace ldso::elf
