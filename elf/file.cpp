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

const char* ptype_name(uint32_t t) {
  switch (t) {
    case PT_DYNAMIC: return "PT_DYNAMIC";
    case PT_INTERP: return "PT_INTERP";
    case PT_TLS: return "PT_TLS";
  }
  return "?";
}

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

File::File(File&& o) noexcept { *this = std::move(o); }

File& File::operator=(File&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(o.path_);
    fd_ = o.fd_;
    o.fd_ = -1;
    size_ = o.size_;
    type_ = o.type_;
    machine_ = o.machine_;
    entry_ = o.entry_;
    phoff_ = o.phoff_;
    phdr_vaddr_ = o.phdr_vaddr_;
    phdrs_ = std::move(o.phdrs_);
    loads_ = std::move(o.loads_);
    dynamic_ = o.dynamic_;
    interp_ = o.interp_;
    tls_ = o.tls_;
    gnu_stack_ = o.gnu_stack_;
    relro_ = o.relro_;
    interp_path_ = std::move(o.interp_path_);
    dyn_ = std::move(o.dyn_);
    min_vaddr_ = o.min_vaddr_;
    max_vaddr_ = o.max_vaddr_;
    max_align_ = o.max_align_;
  }
  return *this;
}

File::~File() {
  if (fd_ >= 0) ::close(fd_);
}

bool File::executable_stack() const { return !gnu_stack_ || (gnu_stack_->flags & PF_X); }

File File::open(const std::string& path, const Target& target, Role role) {
  File f;
  f.path_ = path;
  f.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f.fd_ < 0) throw Error(path, "open", std::nullopt, strerror(errno));
  struct stat st;
  if (fstat(f.fd_, &st) != 0) throw Error(path, "stat", std::nullopt, strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(path, "open", std::nullopt, "is a directory");
  if (!S_ISREG(st.st_mode)) throw Error(path, "open", std::nullopt, "not a regular file");
  f.size_ = static_cast<uint64_t>(st.st_size);
  f.validate(target, role, nullptr);
  return f;
}

File File::parse(const std::string& name, std::span<const unsigned char> image,
                 const Target& target, Role role) {
  File f;
  f.path_ = name;
  f.size_ = image.size();
  f.validate(target, role, image.data());
  return f;
}

void File::validate(const Target& target, Role role, const unsigned char* image) {
  auto fail = [&](const char* field, std::optional<uint64_t> off, std::string what) {
    throw Error(path_, field, off, std::move(what));
  };

  // e_ident first, by hand: libelf would byte-swap a foreign file before we
  // could say what is wrong with it.
  unsigned char ident[EI_NIDENT] = {};
  size_t have = size_ < EI_NIDENT ? size_ : EI_NIDENT;
  if (image) {
    memcpy(ident, image, have);
  } else if (pread(fd_, ident, have, 0) != static_cast<ssize_t>(have)) {
    fail("e_ident", 0, format("cannot read: %s", strerror(errno)));
  }
  if (size_ < SELFMAG || memcmp(ident, ELFMAG, SELFMAG) != 0) fail("e_ident", 0, "not an ELF file");
  if (size_ < EI_NIDENT) fail("e_ident", 0, format("truncated ELF file: %llu bytes, the ELF identification needs %d", (unsigned long long)size_, EI_NIDENT));
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
    fail("e_ehsize", 0, format("truncated ELF file: %llu bytes, the ELF header needs %zu",
                               (unsigned long long)size_, sizeof(Elf64_Ehdr)));

  init_libelf();
  ElfHandle h;
  h.e = image ? elf_memory(reinterpret_cast<char*>(const_cast<unsigned char*>(image)), size_)
              : elf_begin(fd_, ELF_C_READ_MMAP, nullptr);
  if (!h.e || elf_kind(h.e) != ELF_K_ELF) fail("e_ident", 0, format("libelf: %s", elf_errmsg(-1)));
  GElf_Ehdr eh;
  if (!gelf_getehdr(h.e, &eh)) fail("e_ident", 0, format("libelf: %s", elf_errmsg(-1)));

  type_ = eh.e_type;
  machine_ = eh.e_machine;
  entry_ = eh.e_entry;
  phoff_ = eh.e_phoff;
  const uint64_t off_type = offsetof(Elf64_Ehdr, e_type);
  if (type_ == ET_REL || type_ == ET_CORE || (type_ != ET_EXEC && type_ != ET_DYN))
    fail("e_type", off_type,
         format("ELF type %u is %s, expected ET_EXEC or ET_DYN", type_, type_name(type_)));
  if (machine_ != target.machine)
    fail("e_machine", offsetof(Elf64_Ehdr, e_machine),
         format("ELF machine %u is %s, but this ldso runs %s programs (e_machine %u)", machine_,
                machine_name(machine_).c_str(), machine_name(target.machine).c_str(), target.machine));
  if (eh.e_version != EV_CURRENT)
    fail("e_version", offsetof(Elf64_Ehdr, e_version), format("e_version %u, expected %u", (unsigned)eh.e_version, EV_CURRENT));
  if (eh.e_ehsize != sizeof(Elf64_Ehdr))
    fail("e_ehsize", offsetof(Elf64_Ehdr, e_ehsize), format("e_ehsize %u, expected %zu", eh.e_ehsize, sizeof(Elf64_Ehdr)));

  // Program header table.
  const uint64_t off_phoff = offsetof(Elf64_Ehdr, e_phoff);
  if (eh.e_phnum == 0) fail("e_phnum", offsetof(Elf64_Ehdr, e_phnum), "no program headers (e_phnum is 0)");
  if (eh.e_phentsize != sizeof(Elf64_Phdr))
    fail("e_phentsize", offsetof(Elf64_Ehdr, e_phentsize),
         format("e_phentsize %u, expected %zu", eh.e_phentsize, sizeof(Elf64_Phdr)));
  size_t phnum = 0;
  if (elf_getphdrnum(h.e, &phnum) != 0) fail("e_phnum", offsetof(Elf64_Ehdr, e_phnum), format("libelf: %s", elf_errmsg(-1)));
  uint64_t ph_end;
  if (!add_ok(eh.e_phoff, uint64_t(phnum) * sizeof(Elf64_Phdr), &ph_end) || ph_end > size_)
    fail("e_phoff", off_phoff,
         format("program header table (e_phoff 0x%llx, %zu entries) is out of the file (%llu bytes)",
                (unsigned long long)eh.e_phoff, phnum, (unsigned long long)size_));
  if (eh.e_phoff % 8 != 0)
    fail("e_phoff", off_phoff, format("e_phoff 0x%llx is not 8-byte aligned", (unsigned long long)eh.e_phoff));

  const uint64_t page = target.page_size;
  max_align_ = page;
  std::optional<Phdr> phdr_seg;
  for (size_t i = 0; i < phnum; ++i) {
    GElf_Phdr g;
    if (!gelf_getphdr(h.e, static_cast<int>(i), &g))
      fail("e_phoff", off_phoff, format("program header %zu: libelf: %s", i, elf_errmsg(-1)));
    Phdr p{g.p_type, g.p_flags, g.p_offset, g.p_vaddr, g.p_paddr, g.p_filesz, g.p_memsz, g.p_align};
    phdrs_.push_back(p);
    const uint64_t at = eh.e_phoff + i * sizeof(Elf64_Phdr);
    char field[48];
    auto fld = [&](const char* name) {
      snprintf(field, sizeof field, "phdr[%zu].%s", i, name);
      return field;
    };
    uint64_t end;
    if (p.filesz && (!add_ok(p.offset, p.filesz, &end) || end > size_) &&
        (p.type == PT_LOAD || p.type == PT_INTERP || p.type == PT_DYNAMIC || p.type == PT_TLS))
      fail(fld("p_offset"), at + offsetof(Elf64_Phdr, p_offset),
           format("program header %zu: file bytes 0x%llx..0x%llx (p_offset + p_filesz) are out of the file (%llu bytes)",
                  i, (unsigned long long)p.offset, (unsigned long long)(p.offset + p.filesz), (unsigned long long)size_));
    switch (p.type) {
      case PT_LOAD: {
        if (p.filesz > p.memsz)
          fail(fld("p_filesz"), at + offsetof(Elf64_Phdr, p_filesz),
               format("PT_LOAD %zu: p_filesz 0x%llx is larger than p_memsz 0x%llx", i,
                      (unsigned long long)p.filesz, (unsigned long long)p.memsz));
        if (!pow2_or_zero(p.align))
          fail(fld("p_align"), at + offsetof(Elf64_Phdr, p_align),
               format("PT_LOAD %zu: p_align 0x%llx is not a power of two", i, (unsigned long long)p.align));
        if (p.offset % page != p.vaddr % page)
          fail(fld("p_offset"), at + offsetof(Elf64_Phdr, p_offset),
               format("PT_LOAD %zu: p_offset 0x%llx and p_vaddr 0x%llx are not congruent modulo the page size 0x%llx",
                      i, (unsigned long long)p.offset, (unsigned long long)p.vaddr, (unsigned long long)page));
        if (p.align > 1 && p.offset % p.align != p.vaddr % p.align)
          fail(fld("p_offset"), at + offsetof(Elf64_Phdr, p_offset),
               format("PT_LOAD %zu: p_offset 0x%llx and p_vaddr 0x%llx are not congruent modulo p_align 0x%llx",
                      i, (unsigned long long)p.offset, (unsigned long long)p.vaddr, (unsigned long long)p.align));
        // The page-rounded end must not wrap either: the mapping covers it.
        if (!add_ok(p.vaddr, p.memsz, &end) || !add_ok(end, page - 1, &end))
          fail(fld("p_memsz"), at + offsetof(Elf64_Phdr, p_memsz),
               format("PT_LOAD %zu: address range 0x%llx + p_memsz 0x%llx wraps around", i,
                      (unsigned long long)p.vaddr, (unsigned long long)p.memsz));
        if ((p.flags & PF_W) && (p.flags & PF_X))
          fail(fld("p_flags"), at + offsetof(Elf64_Phdr, p_flags),
               format("PT_LOAD %zu at 0x%llx is writable and executable; ldso never maps W+X", i,
                      (unsigned long long)p.vaddr));
        if (!loads_.empty()) {
          const Phdr& prev = loads_.back();
          if (p.vaddr < prev.vaddr)
            fail(fld("p_vaddr"), at + offsetof(Elf64_Phdr, p_vaddr),
                 format("PT_LOAD %zu: p_vaddr 0x%llx is below the previous PT_LOAD's 0x%llx (segments must ascend)",
                        i, (unsigned long long)p.vaddr, (unsigned long long)prev.vaddr));
          if (p.vaddr < prev.vaddr + prev.memsz)
            fail(fld("p_vaddr"), at + offsetof(Elf64_Phdr, p_vaddr),
                 format("PT_LOAD %zu: 0x%llx..0x%llx overlaps the previous PT_LOAD 0x%llx..0x%llx", i,
                        (unsigned long long)p.vaddr, (unsigned long long)(p.vaddr + p.memsz),
                        (unsigned long long)prev.vaddr, (unsigned long long)(prev.vaddr + prev.memsz)));
        }
        if (p.align > max_align_) max_align_ = p.align;
        loads_.push_back(p);
        break;
      }
      case PT_DYNAMIC:
      case PT_INTERP:
      case PT_TLS: {
        std::optional<Phdr>& slot = p.type == PT_DYNAMIC ? dynamic_ : p.type == PT_INTERP ? interp_ : tls_;
        if (slot)
          fail(fld("p_type"), at + offsetof(Elf64_Phdr, p_type),
               format("more than one %s program header (headers %zu and an earlier one)", ptype_name(p.type), i));
        if (p.type == PT_TLS) {
          if (p.filesz > p.memsz)
            fail(fld("p_filesz"), at + offsetof(Elf64_Phdr, p_filesz),
                 format("PT_TLS: p_filesz 0x%llx is larger than p_memsz 0x%llx", (unsigned long long)p.filesz,
                        (unsigned long long)p.memsz));
          if (!pow2_or_zero(p.align))
            fail(fld("p_align"), at + offsetof(Elf64_Phdr, p_align),
                 format("PT_TLS: p_align 0x%llx is not a power of two", (unsigned long long)p.align));
        }
        if (p.type == PT_DYNAMIC && p.filesz % sizeof(Elf64_Dyn) != 0)
          fail(fld("p_filesz"), at + offsetof(Elf64_Phdr, p_filesz),
               format("PT_DYNAMIC: p_filesz 0x%llx is not a multiple of %zu", (unsigned long long)p.filesz,
                      sizeof(Elf64_Dyn)));
        slot = p;
        break;
      }
      case PT_GNU_STACK: gnu_stack_ = p; break;
      case PT_GNU_RELRO: relro_ = p; break;
      case PT_PHDR: phdr_seg = p; break;
      default: break;
    }
  }
  if (loads_.empty()) fail("e_phnum", offsetof(Elf64_Ehdr, e_phnum), "no PT_LOAD segment");

  min_vaddr_ = loads_.front().vaddr & ~(page - 1);
  const Phdr& last = loads_.back();
  max_vaddr_ = (last.vaddr + last.memsz + page - 1) & ~(page - 1);

  auto inside_load = [&](uint64_t vaddr, uint64_t len) {
    for (const Phdr& l : loads_)
      if (vaddr >= l.vaddr && vaddr - l.vaddr <= l.memsz && len <= l.memsz - (vaddr - l.vaddr)) return &l;
    return static_cast<const Phdr*>(nullptr);
  };

  // Entry point: inside an executable segment.
  if (role == Role::program || entry_ != 0) {
    bool ok = false;
    for (const Phdr& l : loads_)
      if ((l.flags & PF_X) && entry_ >= l.vaddr && entry_ - l.vaddr < l.memsz) ok = true;
    if (!ok)
      fail("e_entry", offsetof(Elf64_Ehdr, e_entry),
           format("e_entry 0x%llx is outside every executable segment", (unsigned long long)entry_));
  }

  if (dynamic_ && !inside_load(dynamic_->vaddr, dynamic_->memsz))
    fail("PT_DYNAMIC", std::nullopt,
         format("PT_DYNAMIC at 0x%llx (0x%llx bytes) is not inside a PT_LOAD segment",
                (unsigned long long)dynamic_->vaddr, (unsigned long long)dynamic_->memsz));
  if (tls_ && tls_->filesz && !inside_load(tls_->vaddr, tls_->filesz))
    fail("PT_TLS", std::nullopt,
         format("PT_TLS initialisation image at 0x%llx (0x%llx bytes) is not inside a PT_LOAD segment",
                (unsigned long long)tls_->vaddr, (unsigned long long)tls_->filesz));

  // Where the program headers are once loaded.
  if (phdr_seg) {
    if (!inside_load(phdr_seg->vaddr, phdr_seg->memsz))
      fail("PT_PHDR", std::nullopt,
           format("PT_PHDR at 0x%llx is not inside a PT_LOAD segment", (unsigned long long)phdr_seg->vaddr));
    phdr_vaddr_ = phdr_seg->vaddr;
  } else {
    phdr_vaddr_ = loads_.front().vaddr - loads_.front().offset + eh.e_phoff;
    for (const Phdr& l : loads_)
      if (eh.e_phoff >= l.offset && ph_end - l.offset <= l.filesz) phdr_vaddr_ = l.vaddr + (eh.e_phoff - l.offset);
  }

  // PT_INTERP contents: a NUL-terminated path.
  if (interp_) {
    const Phdr& p = *interp_;
    size_t n = 0;
    char* bytes = elf_rawfile(h.e, &n);
    if (!bytes || p.filesz < 2 || bytes[p.offset + p.filesz - 1] != '\0')
      fail("PT_INTERP", p.offset + p.filesz,
           format("PT_INTERP (0x%llx bytes at offset 0x%llx) has no terminating NUL", (unsigned long long)p.filesz,
                  (unsigned long long)p.offset));
    interp_path_.assign(bytes + p.offset);
    if (interp_path_.size() != p.filesz - 1)
      fail("PT_INTERP", p.offset + interp_path_.size(),
           format("PT_INTERP has a NUL at byte %zu of %llu", interp_path_.size(), (unsigned long long)p.filesz));
  }

  // PT_DYNAMIC entries, from the file.
  if (dynamic_) {
    Elf_Data* d = elf_getdata_rawchunk(h.e, static_cast<int64_t>(dynamic_->offset), dynamic_->filesz, ELF_T_DYN);
    if (!d && dynamic_->filesz)
      fail("PT_DYNAMIC", dynamic_->offset, format("cannot read the dynamic section: libelf: %s", elf_errmsg(-1)));
    size_t count = d ? d->d_size / sizeof(Elf64_Dyn) : 0;
    bool terminated = false;
    for (size_t i = 0; i < count; ++i) {
      GElf_Dyn g;
      if (!gelf_getdyn(d, static_cast<int>(i), &g)) break;
      if (g.d_tag == DT_NULL) {
        terminated = true;
        break;
      }
      dyn_.push_back({g.d_tag, g.d_un.d_val});
    }
    if (!terminated)
      fail("PT_DYNAMIC", dynamic_->offset + dynamic_->filesz, "dynamic section is not terminated by DT_NULL");
  }
}

}  // namespace ldso::elf
