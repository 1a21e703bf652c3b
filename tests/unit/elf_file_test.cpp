// elf::File: every rejection with its exact field and message, on both ISAs,
// plus the values a valid file yields and a mutation robustness check.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <string>

#include "elf/file.h"
#include "elf_image.h"

namespace {

using ldso::format;
using ldso::elf::File;
using ldso::elf::Role;
using ldso::elf::Target;
using elftest::Bytes;
using elftest::Image;
using elftest::make_image;
using ull = unsigned long long;

// The two ISAs every case runs for: the machine, and the other one (for the
// wrong-machine case).
struct X86_64 {
  static constexpr uint16_t machine = EM_X86_64, other = EM_AARCH64;
  static constexpr const char *name = "x86_64", *other_name = "aarch64";
};
struct AArch64 {
  static constexpr uint16_t machine = EM_AARCH64, other = EM_X86_64;
  static constexpr const char *name = "aarch64", *other_name = "x86_64";
};

#define ISA_CASE(title) TEST_CASE_TEMPLATE(title, Isa, X86_64, AArch64)

constexpr const char* kName = "test.elf";

template <class Isa>
Target target(uint64_t page = 4096) {
  return Target{Isa::machine, page};
}

std::optional<ldso::Error> rejection(const Bytes& bytes, const Target& t, Role role) {
  try {
    File::parse(kName, bytes, t, role);
  } catch (const ldso::Error& e) {
    return e;
  }
  return std::nullopt;
}

// File offset of a program header field in images from make_image().
constexpr uint64_t ph_at(size_t index, size_t member) { return sizeof(Elf64_Ehdr) + index * sizeof(Elf64_Phdr) + member; }
#define PH(index, member) ph_at(index, offsetof(Elf64_Phdr, member))

// Parses `bytes` and checks it is rejected with exactly this field, field
// offset (std::nullopt for none) and message.
#define REJECTS_AS(bytes, tgt, role, fld, off, msg)                          \
  do {                                                                       \
    const auto err_ = rejection((bytes), (tgt), (role));                     \
    REQUIRE_MESSAGE(err_.has_value(), "accepted, expected: " << (msg));      \
    CHECK(err_->file() == kName);                                            \
    CHECK(err_->field() == std::string(fld));                                \
    CHECK(err_->offset() == std::optional<uint64_t>(off));                   \
    CHECK(err_->detail() == std::string(msg));                               \
    CHECK(std::string(err_->what()) == std::string(kName) + ": " + (msg));   \
  } while (0)
#define REJECTS(bytes, fld, off, msg) REJECTS_AS(bytes, target<Isa>(), Role::program, fld, off, msg)

template <class Isa>
File parse(const Bytes& bytes, Role role = Role::program, uint64_t page = 4096) {
  return File::parse(kName, bytes, target<Isa>(page), role);
}

}  // namespace

TYPE_TO_STRING(X86_64);
TYPE_TO_STRING(AArch64);

// ---------------------------------------------------------------- valid files

ISA_CASE("elf::File: a valid executable parses with the expected values") {
  const Image im = make_image(Isa::machine);
  const Bytes bytes = im.build();
  const File f = parse<Isa>(bytes);
  CHECK(f.path() == kName);
  CHECK(f.fd() == -1);
  CHECK(f.file_size() == bytes.size());
  CHECK(f.type() == ET_EXEC);
  CHECK(f.machine() == Isa::machine);
  CHECK(f.entry() == Image::kBase + Image::kCodeOff);
  CHECK(f.phoff() == sizeof(Elf64_Ehdr));
  CHECK(f.phdrs().size() == Image::kCount);

  REQUIRE(f.loads().size() == 2);
  CHECK(f.loads()[0].vaddr == Image::kBase);
  CHECK(f.loads()[0].offset == 0);
  CHECK(f.loads()[0].filesz == Image::kTextSize);
  CHECK(f.loads()[0].flags == (PF_R | PF_X));
  CHECK(f.loads()[1].vaddr == Image::kBase + 0x2000);
  CHECK(f.loads()[1].offset == 0x1000);
  CHECK(f.loads()[1].filesz == Image::kDataFileSize);
  CHECK(f.loads()[1].memsz == Image::kDataMemSize);
  CHECK(f.loads()[1].flags == (PF_R | PF_W));

  CHECK(f.phdr_vaddr() == Image::kBase + sizeof(Elf64_Ehdr));
  CHECK(f.interp() == elftest::interp_for(Isa::machine));
  REQUIRE(f.interp_phdr());
  CHECK(f.interp_phdr()->offset == Image::kInterpOff);

  REQUIRE(f.dynamic());
  CHECK(f.dynamic()->vaddr == Image::kBase + 0x2000);
  REQUIRE(f.dyn().size() == 3);  // DT_NULL excluded
  CHECK(f.dyn()[0].tag == DT_DEBUG);
  CHECK(f.dyn()[1].tag == DT_FLAGS);
  CHECK(f.dyn()[1].val == DF_BIND_NOW);
  CHECK(f.dyn()[2].tag == DT_FLAGS_1);
  CHECK(f.dyn()[2].val == DF_1_NOW);

  REQUIRE(f.tls());
  CHECK(f.tls()->vaddr == Image::kBase + 0x2000 + Image::kTlsOff);
  CHECK(f.tls()->filesz == 0x10);
  CHECK(f.tls()->memsz == 0x30);
  CHECK(f.tls()->align == 16);
  REQUIRE(f.relro());
  CHECK(f.relro()->vaddr == Image::kBase + 0x2000);
  CHECK(f.relro()->memsz == 0x80);
  REQUIRE(f.gnu_stack());
  CHECK_FALSE(f.executable_stack());

  CHECK(f.min_vaddr() == Image::kBase);
  CHECK(f.max_vaddr() == Image::kBase + 0x2000 + 0x2000);
  CHECK(f.max_align() == 0x1000);

  // Moving keeps everything.
  File g = parse<Isa>(bytes);
  File moved = std::move(g);
  CHECK(moved.interp() == f.interp());
  CHECK(moved.dyn().size() == 3);
}

ISA_CASE("elf::File: 64 KiB p_align") {
  const Image im = make_image(Isa::machine, 0x10000);
  const Bytes bytes = im.build();
  // On 4 KiB pages and on 64 KiB pages.
  for (uint64_t page : {uint64_t(0x1000), uint64_t(0x10000)}) {
    CAPTURE(page);
    const File f = parse<Isa>(bytes, Role::program, page);
    REQUIRE(f.loads().size() == 2);
    CHECK(f.loads()[1].offset == 0x10000);
    CHECK(f.loads()[1].vaddr == Image::kBase + 0x20000);
    CHECK(f.max_align() == 0x10000);
    CHECK(f.min_vaddr() == Image::kBase);
    // 0x402000 + 0x2000 rounded up to the page.
    CHECK(f.max_vaddr() == ((Image::kBase + 0x20000 + 0x2000 + page - 1) & ~(page - 1)));
    CHECK(f.dyn().size() == 3);
  }

  // Congruent modulo the 4 KiB page but not modulo p_align.
  Image bad = im;
  bad.ph(Image::kData).p_vaddr = Image::kBase + 0x21000;
  REJECTS(bad.build(), "phdr[3].p_offset", PH(3, p_offset),
          "program header 3 (PT_LOAD): p_offset 0x10000 and p_vaddr 0x421000 are not congruent modulo p_align 0x10000");

  // A 4 KiB-aligned file on a 64 KiB-page machine: the data segment cannot be mapped.
  REJECTS_AS(make_image(Isa::machine).build(), target<Isa>(0x10000), Role::program, "phdr[3].p_offset", PH(3, p_offset),
             "program header 3 (PT_LOAD): p_offset 0x1000 and p_vaddr 0x402000 are not congruent modulo the page size 0x10000");
}

ISA_CASE("elf::File: accepted variants") {
  const Image im = make_image(Isa::machine);
  SUBCASE("ET_DYN at address 0") {
    Image m = im;
    m.ehdr.e_type = ET_DYN;
    for (auto& p : m.phdrs)
      if (p.p_type != PT_GNU_STACK) p.p_vaddr -= Image::kBase, p.p_paddr -= Image::kBase;
    m.ehdr.e_entry -= Image::kBase;
    const File f = parse<Isa>(m.build());
    CHECK(f.type() == ET_DYN);
    CHECK(f.min_vaddr() == 0);
    CHECK(f.max_vaddr() == 0x4000);
    CHECK(f.phdr_vaddr() == sizeof(Elf64_Ehdr));
  }
  SUBCASE("ELFOSABI_GNU") {
    Image m = im;
    m.ehdr.e_ident[EI_OSABI] = ELFOSABI_GNU;
    CHECK_NOTHROW(parse<Isa>(m.build()));
  }
  SUBCASE("no PT_PHDR: the table is found through the PT_LOAD holding e_phoff") {
    Image m = im;
    m.ph(Image::kPhdr).p_type = PT_NULL;
    CHECK(parse<Isa>(m.build()).phdr_vaddr() == Image::kBase + sizeof(Elf64_Ehdr));
  }
  SUBCASE("no PT_GNU_STACK means an executable stack") {
    Image m = im;
    m.ph(Image::kStack).p_type = PT_NULL;
    const File f = parse<Isa>(m.build());
    CHECK_FALSE(f.gnu_stack());
    CHECK(f.executable_stack());
  }
  SUBCASE("PT_GNU_STACK with PF_X") {
    Image m = im;
    m.ph(Image::kStack).p_flags |= PF_X;
    CHECK(parse<Isa>(m.build()).executable_stack());
  }
  SUBCASE("no PT_INTERP, PT_DYNAMIC or PT_TLS (static)") {
    Image m = im;
    m.ph(Image::kInterp).p_type = PT_NULL;
    m.ph(Image::kDynamic).p_type = PT_NULL;
    m.ph(Image::kTls).p_type = PT_NULL;
    const File f = parse<Isa>(m.build());
    CHECK(f.interp().empty());
    CHECK_FALSE(f.interp_phdr());
    CHECK_FALSE(f.dynamic());
    CHECK(f.dyn().empty());
    CHECK_FALSE(f.tls());
  }
  SUBCASE("the interpreter path stops at its first NUL, as in Linux") {
    Image m = im;
    m.put<char>(Image::kInterpOff + 4, '\0');
    CHECK(parse<Isa>(m.build()).interp() == "/lib");
  }
  SUBCASE("entry on the last byte of the text") {
    Image m = im;
    m.ehdr.e_entry = Image::kBase + Image::kTextSize - 1;
    CHECK_NOTHROW(parse<Isa>(m.build()));
  }
  SUBCASE("Role::library allows e_entry == 0") {
    Image m = im;
    m.ehdr.e_type = ET_DYN;
    m.ehdr.e_entry = 0;
    CHECK(parse<Isa>(m.build(), Role::library).entry() == 0);
    REJECTS(m.build(), "e_entry", offsetof(Elf64_Ehdr, e_entry),
            "e_entry 0x0 is outside every executable PT_LOAD segment");
  }
  SUBCASE("Role::library still checks a nonzero e_entry") {
    Image m = im;
    m.ehdr.e_entry = m.data_vaddr;
    REJECTS_AS(m.build(), target<Isa>(), Role::library, "e_entry", offsetof(Elf64_Ehdr, e_entry),
               "e_entry 0x402000 is outside every executable PT_LOAD segment");
  }
  SUBCASE("section headers are ignored, even bogus ones") {
    Image m = im;
    m.ehdr.e_shoff = 0xfffffffffffff000ull;
    m.ehdr.e_shnum = 7;
    m.ehdr.e_shstrndx = 0x1234;
    CHECK_NOTHROW(parse<Isa>(m.build()));
  }
}

// ------------------------------------------------------------- the identity

ISA_CASE("elf::File: not an ELF file") {
  REJECTS(Bytes{}, "e_ident", 0, "not an ELF file: the file is empty");
  REJECTS((Bytes{0x7f, 'E', 'L'}), "e_ident", 0, "not an ELF file: 3 bytes, shorter than the 4-byte ELF magic");
  const std::string script = "#!/bin/sh\necho hello\n";
  REJECTS(Bytes(script.begin(), script.end()), "e_ident", 0,
          "not an ELF file: magic 23 21 2f 62, expected 7f 45 4c 46 (\"\\177ELF\")");
  Bytes b = make_image(Isa::machine).build();
  b[3] = 'G';
  REJECTS(b, "e_ident", 0, "not an ELF file: magic 7f 45 4c 47, expected 7f 45 4c 46 (\"\\177ELF\")");
}

ISA_CASE("elf::File: truncated ELF files") {
  const Bytes full = make_image(Isa::machine).build();
  REJECTS(Bytes(full.begin(), full.begin() + 10), "e_ident", 0,
          "truncated ELF file: 10 bytes, the ELF identification needs 16");
  REJECTS(Bytes(full.begin(), full.begin() + 16), "e_ehsize", 0,
          "truncated ELF file: 16 bytes, the ELF header needs 64");
  REJECTS(Bytes(full.begin(), full.begin() + 63), "e_ehsize", 0,
          "truncated ELF file: 63 bytes, the ELF header needs 64");
  // The header alone: its program header table is cut off.
  REJECTS(Bytes(full.begin(), full.begin() + 64), "e_phoff", offsetof(Elf64_Ehdr, e_phoff),
          "program header table (e_phoff 0x40, e_phnum 8) is out of the file (64 bytes)");
  // Cut inside the data segment.
  REJECTS(Bytes(full.begin(), full.begin() + 0x1080), "phdr[3].p_offset", PH(3, p_offset),
          "program header 3 (PT_LOAD): p_offset 0x1000 + p_filesz 0x100 is beyond the end of the file (4224 bytes)");
}

ISA_CASE("elf::File: e_ident fields") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  m.ehdr.e_ident[EI_CLASS] = ELFCLASS32;
  REJECTS(m.build(), "e_ident[EI_CLASS]", EI_CLASS, "ELF class 1 (ELFCLASS32), expected 2 (ELFCLASS64)");
  m.ehdr.e_ident[EI_CLASS] = 7;
  REJECTS(m.build(), "e_ident[EI_CLASS]", EI_CLASS, "ELF class 7 (invalid), expected 2 (ELFCLASS64)");

  m = im;
  m.ehdr.e_ident[EI_DATA] = ELFDATA2MSB;
  REJECTS(m.build(), "e_ident[EI_DATA]", EI_DATA,
          "byte order 2 (ELFDATA2MSB, big-endian), expected 1 (ELFDATA2LSB, little-endian)");
  m.ehdr.e_ident[EI_DATA] = 0;
  REJECTS(m.build(), "e_ident[EI_DATA]", EI_DATA, "byte order 0 (invalid), expected 1 (ELFDATA2LSB, little-endian)");

  m = im;
  m.ehdr.e_ident[EI_VERSION] = 2;
  REJECTS(m.build(), "e_ident[EI_VERSION]", EI_VERSION, "ELF version 2, expected 1");

  m = im;
  m.ehdr.e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
  REJECTS(m.build(), "e_ident[EI_OSABI]", EI_OSABI, "OS/ABI 9, expected 0 (System V) or 3 (GNU/Linux)");
}

// ------------------------------------------------------------ the ELF header

ISA_CASE("elf::File: wrong machine names both ISAs") {
  const std::string expected = format("ELF machine %u is %s, but this ldso runs %s programs (e_machine %u)", Isa::other,
                                      Isa::other_name, Isa::name, Isa::machine);
  REJECTS(make_image(Isa::other).build(), "e_machine", offsetof(Elf64_Ehdr, e_machine), expected);
  CHECK(expected.find("x86_64") != std::string::npos);
  CHECK(expected.find("aarch64") != std::string::npos);

  Image m = make_image(Isa::machine);
  m.ehdr.e_machine = EM_386;
  REJECTS(m.build(), "e_machine", offsetof(Elf64_Ehdr, e_machine),
          format("ELF machine 3 is i386, but this ldso runs %s programs (e_machine %u)", Isa::name, Isa::machine));
  m.ehdr.e_machine = 4242;
  REJECTS(m.build(), "e_machine", offsetof(Elf64_Ehdr, e_machine),
          format("ELF machine 4242 is machine 4242, but this ldso runs %s programs (e_machine %u)", Isa::name,
                 Isa::machine));
}

ISA_CASE("elf::File: e_type") {
  Image m = make_image(Isa::machine);
  const uint64_t off = offsetof(Elf64_Ehdr, e_type);
  m.ehdr.e_type = ET_REL;
  REJECTS(m.build(), "e_type", off, "ELF type 1 is ET_REL (a relocatable object file), expected ET_EXEC or ET_DYN");
  m.ehdr.e_type = ET_CORE;
  REJECTS(m.build(), "e_type", off, "ELF type 4 is ET_CORE (a core dump), expected ET_EXEC or ET_DYN");
  m.ehdr.e_type = ET_NONE;
  REJECTS(m.build(), "e_type", off, "ELF type 0 is ET_NONE, expected ET_EXEC or ET_DYN");
  m.ehdr.e_type = 0xfe00;
  REJECTS(m.build(), "e_type", off, "ELF type 65024 is unknown, expected ET_EXEC or ET_DYN");
}

ISA_CASE("elf::File: e_version and e_ehsize") {
  Image m = make_image(Isa::machine);
  m.ehdr.e_version = 0;
  REJECTS(m.build(), "e_version", offsetof(Elf64_Ehdr, e_version), "e_version 0, expected 1");
  m = make_image(Isa::machine);
  m.ehdr.e_ehsize = 52;
  REJECTS(m.build(), "e_ehsize", offsetof(Elf64_Ehdr, e_ehsize), "e_ehsize 52, expected 64");
}

ISA_CASE("elf::File: the program header table") {
  const Image im = make_image(Isa::machine);
  const uint64_t phoff = offsetof(Elf64_Ehdr, e_phoff), phnum = offsetof(Elf64_Ehdr, e_phnum);
  Image m = im;
  m.ehdr.e_phnum = 0;
  REJECTS(m.build(), "e_phnum", phnum, "no program headers (e_phnum is 0)");
  m.ehdr.e_phnum = PN_XNUM;
  REJECTS(m.build(), "e_phnum", phnum, "e_phnum 0xffff (PN_XNUM, extended numbering) is not supported");

  m = im;
  m.ehdr.e_phentsize = 32;
  REJECTS(m.build(), "e_phentsize", offsetof(Elf64_Ehdr, e_phentsize), "e_phentsize 32, expected 56");

  m = im;
  m.ehdr.e_phoff = 0x1100;  // the file's size: no room for the table
  REJECTS(m.build(), "e_phoff", phoff, "program header table (e_phoff 0x1100, e_phnum 8) is out of the file (4352 bytes)");
  m.ehdr.e_phoff = 0x10f8;  // the last entry runs off the end
  REJECTS(m.build(), "e_phoff", phoff, "program header table (e_phoff 0x10f8, e_phnum 8) is out of the file (4352 bytes)");
  m.ehdr.e_phoff = 0xfffffffffffffff8ull;  // offset + size wraps
  REJECTS(m.build(), "e_phoff", phoff,
          "program header table (e_phoff 0xfffffffffffffff8, e_phnum 8) is out of the file (4352 bytes)");
  // libelf would clamp this e_phnum to what fits; the check must not.
  m = im;
  m.ehdr.e_phnum = 100;
  REJECTS(m.build(), "e_phoff", phoff, "program header table (e_phoff 0x40, e_phnum 100) is out of the file (4352 bytes)");

  m = im;
  m.ehdr.e_phoff = 0x44;
  REJECTS(m.build(), "e_phoff", phoff, "e_phoff 0x44 is not 8-byte aligned");
}

// ------------------------------------------------------------------ PT_LOAD

ISA_CASE("elf::File: PT_LOAD order and overlap") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  std::swap(m.phdrs[Image::kText], m.phdrs[Image::kData]);
  REJECTS(m.build(), "phdr[3].p_vaddr", PH(3, p_vaddr),
          "program header 3 (PT_LOAD): p_vaddr 0x400000 is below p_vaddr 0x402000 of the previous PT_LOAD "
          "(program header 2); PT_LOAD segments must ascend");

  m = im;
  m.ph(Image::kText).p_memsz = 0x2001;  // one byte into the data segment
  REJECTS(m.build(), "phdr[3].p_vaddr", PH(3, p_vaddr),
          "program header 3 (PT_LOAD): p_vaddr 0x402000 overlaps the previous PT_LOAD (program header 2) at "
          "0x400000..0x402001");
  m.ph(Image::kText).p_memsz = 0x2000;  // touching is fine
  CHECK_NOTHROW(parse<Isa>(m.build()));

  // Same address twice.
  m = im;
  m.ph(Image::kData).p_vaddr = Image::kBase;
  m.ph(Image::kData).p_offset = 0x1000;
  REJECTS(m.build(), "phdr[3].p_vaddr", PH(3, p_vaddr),
          "program header 3 (PT_LOAD): p_vaddr 0x400000 overlaps the previous PT_LOAD (program header 2) at "
          "0x400000..0x400440");
}

ISA_CASE("elf::File: p_filesz larger than p_memsz") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  m.ph(Image::kData).p_memsz = 0x80;
  REJECTS(m.build(), "phdr[3].p_filesz", PH(3, p_filesz),
          "program header 3 (PT_LOAD): p_filesz 0x100 is larger than p_memsz 0x80");
  m = im;
  m.ph(Image::kTls).p_memsz = 0x8;
  REJECTS(m.build(), "phdr[5].p_filesz", PH(5, p_filesz),
          "program header 5 (PT_TLS): p_filesz 0x10 is larger than p_memsz 0x8");
  m = im;
  m.ph(Image::kDynamic).p_memsz = 0x20;
  REJECTS(m.build(), "phdr[4].p_filesz", PH(4, p_filesz),
          "program header 4 (PT_DYNAMIC): p_filesz 0x40 is larger than p_memsz 0x20");
}

ISA_CASE("elf::File: p_align not a power of two") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  m.ph(Image::kText).p_align = 0x3000;
  REJECTS(m.build(), "phdr[2].p_align", PH(2, p_align), "program header 2 (PT_LOAD): p_align 0x3000 is not a power of two");
  m = im;
  m.ph(Image::kTls).p_align = 24;
  REJECTS(m.build(), "phdr[5].p_align", PH(5, p_align), "program header 5 (PT_TLS): p_align 0x18 is not a power of two");
  // 0 and 1 both mean "no alignment".
  m = im;
  m.ph(Image::kText).p_align = 0;
  m.ph(Image::kData).p_align = 1;
  CHECK(parse<Isa>(m.build()).max_align() == 0x1000);
}

ISA_CASE("elf::File: p_offset and p_vaddr not congruent modulo the page size") {
  Image m = make_image(Isa::machine);
  m.ph(Image::kData).p_vaddr += 0x10;
  REJECTS(m.build(), "phdr[3].p_offset", PH(3, p_offset),
          "program header 3 (PT_LOAD): p_offset 0x1000 and p_vaddr 0x402010 are not congruent modulo the page size 0x1000");
  // p_align 0 skips the p_align check, never the page check.
  m.ph(Image::kData).p_align = 0;
  REJECTS(m.build(), "phdr[3].p_offset", PH(3, p_offset),
          "program header 3 (PT_LOAD): p_offset 0x1000 and p_vaddr 0x402010 are not congruent modulo the page size 0x1000");
}

ISA_CASE("elf::File: file bytes out of the file") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  m.ph(Image::kData).p_filesz = 0x200;
  REJECTS(m.build(), "phdr[3].p_offset", PH(3, p_offset),
          "program header 3 (PT_LOAD): p_offset 0x1000 + p_filesz 0x200 is beyond the end of the file (4352 bytes)");
  m = im;
  m.ph(Image::kData).p_offset = 0xfffffffffffff000ull;  // the sum wraps
  REJECTS(m.build(), "phdr[3].p_offset", PH(3, p_offset),
          "program header 3 (PT_LOAD): p_offset 0xfffffffffffff000 + p_filesz 0x100 is beyond the end of the file "
          "(4352 bytes)");
  m = im;
  m.ph(Image::kInterp).p_offset = 0x10f0;
  REJECTS(m.build(), "phdr[1].p_offset", PH(1, p_offset),
          format("program header 1 (PT_INTERP): p_offset 0x10f0 + p_filesz 0x%zx is beyond the end of the file (4352 bytes)",
                 m.interp.size() + 1));
  m = im;
  m.ph(Image::kDynamic).p_offset = 0x2000;
  REJECTS(m.build(), "phdr[4].p_offset", PH(4, p_offset),
          "program header 4 (PT_DYNAMIC): p_offset 0x2000 + p_filesz 0x40 is beyond the end of the file (4352 bytes)");
  m = im;
  m.ph(Image::kTls).p_offset = 0x10ff;
  REJECTS(m.build(), "phdr[5].p_offset", PH(5, p_offset),
          "program header 5 (PT_TLS): p_offset 0x10ff + p_filesz 0x10 is beyond the end of the file (4352 bytes)");
  // A bss-only PT_LOAD needs no file bytes, wherever p_offset points.
  m = im;
  m.ph(Image::kData).p_offset = 0x7000;
  m.ph(Image::kData).p_vaddr = Image::kBase + 0x7000;
  m.ph(Image::kData).p_filesz = 0;
  m.ph(Image::kDynamic).p_type = PT_NULL;
  m.ph(Image::kTls).p_type = PT_NULL;
  CHECK_NOTHROW(parse<Isa>(m.build()));
}

ISA_CASE("elf::File: address range that wraps") {
  Image m = make_image(Isa::machine);
  m.ph(Image::kData).p_vaddr = 0xfffffffffffff000ull;
  REJECTS(m.build(), "phdr[3].p_memsz", PH(3, p_memsz),
          "program header 3 (PT_LOAD): p_vaddr 0xfffffffffffff000 + p_memsz 0x2000 wraps around the address space");
  // The end fits, but rounding it up to the page wraps.
  m.ph(Image::kData).p_vaddr = 0xffffffffffffe000ull;
  m.ph(Image::kData).p_memsz = 0x1001;
  REJECTS(m.build(), "phdr[3].p_memsz", PH(3, p_memsz),
          "program header 3 (PT_LOAD): p_vaddr 0xffffffffffffe000 + p_memsz 0x1001 wraps around the address space");
}

ISA_CASE("elf::File: W+X segment") {
  Image m = make_image(Isa::machine);
  m.ph(Image::kData).p_flags = PF_R | PF_W | PF_X;
  REJECTS(m.build(), "phdr[3].p_flags", PH(3, p_flags),
          "program header 3 (PT_LOAD): p_flags 0x7 (RWX) is writable and executable; ldso never maps W+X");
  m.ph(Image::kData).p_flags = PF_W | PF_X;
  REJECTS(m.build(), "phdr[3].p_flags", PH(3, p_flags),
          "program header 3 (PT_LOAD): p_flags 0x3 (-WX) is writable and executable; ldso never maps W+X");
}

ISA_CASE("elf::File: no PT_LOAD") {
  Image m = make_image(Isa::machine);
  m.ph(Image::kText).p_type = PT_NULL;
  m.ph(Image::kData).p_type = PT_NULL;
  REJECTS(m.build(), "e_phnum", offsetof(Elf64_Ehdr, e_phnum), "no PT_LOAD segment among the 8 program headers");
}

ISA_CASE("elf::File: e_entry outside every executable segment") {
  const uint64_t off = offsetof(Elf64_Ehdr, e_entry);
  Image m = make_image(Isa::machine);
  m.ehdr.e_entry = m.data_vaddr + 0x10;  // mapped, but not executable
  REJECTS(m.build(), "e_entry", off, "e_entry 0x402010 is outside every executable PT_LOAD segment");
  m.ehdr.e_entry = Image::kBase + Image::kTextSize;  // one past the text
  REJECTS(m.build(), "e_entry", off, "e_entry 0x400440 is outside every executable PT_LOAD segment");
  m.ehdr.e_entry = 0x1000;
  REJECTS(m.build(), "e_entry", off, "e_entry 0x1000 is outside every executable PT_LOAD segment");
}

// ------------------------------------------------ PT_DYNAMIC, PT_INTERP, PT_TLS

ISA_CASE("elf::File: more than one PT_DYNAMIC, PT_INTERP or PT_TLS") {
  const Image im = make_image(Isa::machine);
  struct {
    size_t index;
    const char* name;
  } const cases[] = {{Image::kDynamic, "PT_DYNAMIC"}, {Image::kInterp, "PT_INTERP"}, {Image::kTls, "PT_TLS"}};
  for (const auto& c : cases) {
    CAPTURE(c.name);
    Image m = im;
    m.add(m.ph(c.index));
    REJECTS(m.build(), "phdr[8].p_type", PH(8, p_type),
            format("program header 8 (%s): more than one %s (the first is program header %zu)", c.name, c.name, c.index));
  }
  // Several PT_GNU_STACK or PT_NOTE are harmless.
  Image m = im;
  m.add(m.ph(Image::kStack));
  m.add(Elf64_Phdr{PT_NOTE, PF_R, 0x300, Image::kBase + 0x300, 0, 0x10, 0x10, 4});
  m.add(Elf64_Phdr{PT_NOTE, PF_R, 0x310, Image::kBase + 0x310, 0, 0x10, 0x10, 4});
  CHECK(parse<Isa>(m.build()).phdrs().size() == 11);
}

ISA_CASE("elf::File: PT_INTERP contents") {
  const Image im = make_image(Isa::machine);
  const size_t n = im.interp.size() + 1;
  Image m = im;
  m.put<char>(Image::kInterpOff + n - 1, 'X');  // the NUL
  REJECTS(m.build(), "phdr[1].p_filesz", PH(1, p_filesz),
          format("program header 1 (PT_INTERP): the interpreter path (p_offset 0x3c0, p_filesz 0x%zx) does not end "
                 "with a NUL byte",
                 n));
  m = im;
  m.ph(Image::kInterp).p_filesz = n - 1;  // leaves the NUL out
  REJECTS(m.build(), "phdr[1].p_filesz", PH(1, p_filesz),
          format("program header 1 (PT_INTERP): the interpreter path (p_offset 0x3c0, p_filesz 0x%zx) does not end "
                 "with a NUL byte",
                 n - 1));
  m.ph(Image::kInterp).p_filesz = 0;
  REJECTS(m.build(), "phdr[1].p_filesz", PH(1, p_filesz),
          "program header 1 (PT_INTERP): the interpreter path (p_offset 0x3c0, p_filesz 0x0) does not end with a NUL "
          "byte");
  m = im;
  m.put<char>(Image::kInterpOff, '\0');
  REJECTS(m.build(), "phdr[1].p_filesz", PH(1, p_filesz),
          format("program header 1 (PT_INTERP): the interpreter path (p_offset 0x3c0, p_filesz 0x%zx) is empty", n));
}

ISA_CASE("elf::File: PT_DYNAMIC placement and contents") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  m.ph(Image::kDynamic).p_vaddr = Image::kBase + 0x8000;
  REJECTS(m.build(), "phdr[4].p_vaddr", PH(4, p_vaddr),
          "program header 4 (PT_DYNAMIC): p_vaddr 0x408000 + p_memsz 0x40 is not inside a PT_LOAD segment");
  m = im;
  m.ph(Image::kDynamic).p_memsz = 0x3000;  // runs past the data segment
  REJECTS(m.build(), "phdr[4].p_vaddr", PH(4, p_vaddr),
          "program header 4 (PT_DYNAMIC): p_vaddr 0x402000 + p_memsz 0x3000 is not inside a PT_LOAD segment");
  m = im;
  m.ph(Image::kDynamic).p_offset += 0x10;  // the file bytes are not the loaded ones
  REJECTS(m.build(), "phdr[4].p_offset", PH(4, p_offset),
          "program header 4 (PT_DYNAMIC): p_offset 0x1010 + p_filesz 0x40 is not what the PT_LOAD at 0x402000 "
          "(file 0x1000 + 0x100) loads at p_vaddr 0x402000");
  m = im;
  m.ph(Image::kDynamic).p_vaddr += 0x200;  // in the bss: no file bytes there
  m.ph(Image::kDynamic).p_offset += 0x200;
  m.body.resize(0x1400);
  REJECTS(m.build(), "phdr[4].p_offset", PH(4, p_offset),
          "program header 4 (PT_DYNAMIC): p_offset 0x1200 + p_filesz 0x40 is not what the PT_LOAD at 0x402000 "
          "(file 0x1000 + 0x100) loads at p_vaddr 0x402200");
  m = im;
  m.ph(Image::kDynamic).p_filesz = 0x38;
  REJECTS(m.build(), "phdr[4].p_filesz", PH(4, p_filesz),
          "program header 4 (PT_DYNAMIC): p_filesz 0x38 is not a multiple of 16 (sizeof(Elf64_Dyn))");
  m = im;
  m.ph(Image::kDynamic).p_vaddr += 4;
  m.ph(Image::kDynamic).p_offset += 4;
  REJECTS(m.build(), "phdr[4].p_vaddr", PH(4, p_vaddr), "program header 4 (PT_DYNAMIC): p_vaddr 0x402004 is not 8-byte aligned");
  m = im;
  m.put<int64_t>(im.data_off + 3 * sizeof(Elf64_Dyn), DT_DEBUG);  // overwrite DT_NULL
  REJECTS(m.build(), "phdr[4].p_filesz", PH(4, p_filesz),
          "program header 4 (PT_DYNAMIC): no DT_NULL among the 4 entries (p_filesz 0x40) at p_offset 0x1000");
  m = im;
  m.ph(Image::kDynamic).p_filesz = 0;
  REJECTS(m.build(), "phdr[4].p_filesz", PH(4, p_filesz),
          "program header 4 (PT_DYNAMIC): no DT_NULL among the 0 entries (p_filesz 0x0) at p_offset 0x1000");
  // Entries after DT_NULL are not part of dyn().
  m = im;
  m.put<int64_t>(im.data_off + 1 * sizeof(Elf64_Dyn), DT_NULL);
  CHECK(parse<Isa>(m.build()).dyn().size() == 1);
}

ISA_CASE("elf::File: PT_TLS and PT_PHDR placement") {
  const Image im = make_image(Isa::machine);
  Image m = im;
  m.ph(Image::kTls).p_vaddr = m.data_vaddr + 0x1ff8;  // the image runs past the segment
  REJECTS(m.build(), "phdr[5].p_vaddr", PH(5, p_vaddr),
          "program header 5 (PT_TLS): p_vaddr 0x403ff8 + p_filesz 0x10 (the initialisation image) is not inside a "
          "PT_LOAD segment");
  m.ph(Image::kTls).p_filesz = 0;  // only .tbss: nothing to copy from
  CHECK_NOTHROW(parse<Isa>(m.build()));
  m = im;
  m.ph(Image::kTls).p_memsz = 0xfffffffffffffff8ull;
  REJECTS(m.build(), "phdr[5].p_memsz", PH(5, p_memsz),
          "program header 5 (PT_TLS): p_memsz 0xfffffffffffffff8 + p_align 0x10 wraps around");
  m = im;
  m.ph(Image::kPhdr).p_vaddr = 0x1000;
  REJECTS(m.build(), "phdr[0].p_vaddr", PH(0, p_vaddr),
          "program header 0 (PT_PHDR): p_vaddr 0x1000 + p_memsz 0x1c0 is not inside a PT_LOAD segment");
}

// ------------------------------------------------------------- File::open

namespace {

// A private temporary directory, removed with its files.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/elf_file_test.XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    for (const char* n : {"/good", "/empty", "/script", "/fifo", "/other"}) unlink((path + n).c_str());
    rmdir(path.c_str());
  }
  std::string write(const char* name, const Bytes& bytes) const {
    const std::string p = path + name;
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return p;
  }
};

std::optional<ldso::Error> open_rejection(const std::string& path, const Target& t) {
  try {
    File::open(path, t, Role::program);
  } catch (const ldso::Error& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace

ISA_CASE("elf::File::open on paths") {
  TempDir dir;

  SUBCASE("a valid file") {
    const Bytes bytes = make_image(Isa::machine).build();
    const std::string p = dir.write("/good", bytes);
    const File f = File::open(p, target<Isa>(), Role::program);
    CHECK(f.path() == p);
    CHECK(f.fd() >= 0);
    CHECK(f.file_size() == bytes.size());
    CHECK(f.interp() == elftest::interp_for(Isa::machine));
    CHECK(f.dyn().size() == 3);
    CHECK(f.max_vaddr() == Image::kBase + 0x4000);
    // The descriptor stays usable for mapping.
    unsigned char magic[4];
    CHECK(pread(f.fd(), magic, 4, 0) == 4);
    CHECK(magic[1] == 'E');
  }
  SUBCASE("a missing file") {
    const auto e = open_rejection(dir.path + "/missing", target<Isa>());
    REQUIRE(e);
    CHECK(e->field() == "open");
    CHECK(e->file() == dir.path + "/missing");
    CHECK(e->detail() == "No such file or directory");
    CHECK(std::string(e->what()) == dir.path + "/missing: No such file or directory");
  }
  SUBCASE("a directory") {
    const auto e = open_rejection(dir.path, target<Isa>());
    REQUIRE(e);
    CHECK(e->field() == "open");
    CHECK(e->detail() == "is a directory");
  }
  SUBCASE("a FIFO is refused without waiting for a writer") {
    const std::string p = dir.path + "/fifo";
    REQUIRE(mkfifo(p.c_str(), 0600) == 0);
    const auto e = open_rejection(p, target<Isa>());
    REQUIRE(e);
    CHECK(e->field() == "open");
    CHECK(e->detail() == "not a regular file");
  }
  SUBCASE("an empty file and a script") {
    auto e = open_rejection(dir.write("/empty", {}), target<Isa>());
    REQUIRE(e);
    CHECK(e->field() == "e_ident");
    CHECK(e->detail() == "not an ELF file: the file is empty");
    const std::string script = "#!/bin/sh\n";
    e = open_rejection(dir.write("/script", Bytes(script.begin(), script.end())), target<Isa>());
    REQUIRE(e);
    CHECK(e->detail() == "not an ELF file: magic 23 21 2f 62, expected 7f 45 4c 46 (\"\\177ELF\")");
  }
  SUBCASE("the other ISA's file, and a truncated one") {
    auto e = open_rejection(dir.write("/other", make_image(Isa::other).build()), target<Isa>());
    REQUIRE(e);
    CHECK(e->field() == "e_machine");
    Bytes cut = make_image(Isa::machine).build();
    cut.resize(0x1080);
    e = open_rejection(dir.write("/good", cut), target<Isa>());
    REQUIRE(e);
    CHECK(e->field() == "phdr[3].p_offset");
    CHECK(e->detail() ==
          "program header 3 (PT_LOAD): p_offset 0x1000 + p_filesz 0x100 is beyond the end of the file (4224 bytes)");
  }
}

// ------------------------------------------------------------- robustness

// Deterministic random mutations of a valid image: parse() must accept or
// throw ldso::Error, never crash or throw anything else. Run under ASan/UBSan
// to catch out-of-bounds reads; tests/fuzz/elf_file_fuzz.cpp goes further.
ISA_CASE("elf::File: random mutations never crash") {
  const Image im = make_image(Isa::machine);
  const Bytes valid = im.build();
  std::mt19937_64 rng(0x5eed0000 + Isa::machine);
  auto below = [&](uint64_t n) { return rng() % n; };
  // Values that tend to sit on a boundary.
  const uint64_t interesting[] = {0, 1, 7, 8, 0x38, 0x40, 0xfff, 0x1000, 0x1001, 0x10ff, 0x1100, 0x10000,
                                  0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffff000ull,
                                  0xffffffffffffffffull};
  // Writes n bytes of v at `at`, as far as the (maybe truncated) image goes.
  auto poke = [](Bytes& b, size_t at, uint64_t v, size_t n) {
    for (size_t i = 0; i < n && at + i < b.size(); ++i) b[at + i] = static_cast<unsigned char>(v >> (8 * i));
  };
  int accepted = 0, rejected = 0, inconsistent = 0, bad_errors = 0;
  for (int round = 0; round < 4000; ++round) {
    Bytes b = valid;
    const int edits = 1 + static_cast<int>(below(4));
    for (int k = 0; k < edits && !b.empty(); ++k) {
      const uint64_t value = interesting[below(std::size(interesting))] + below(3) - 1;
      switch (below(5)) {
        case 0:  // a random byte anywhere
          poke(b, below(b.size()), rng(), 1);
          break;
        case 1:  // a random byte in the headers
          poke(b, below(sizeof(Elf64_Ehdr) + Image::kCount * sizeof(Elf64_Phdr)), rng(), 1);
          break;
        case 2:  // an interesting 8-byte value over a program header field
          poke(b, sizeof(Elf64_Ehdr) + below(Image::kCount) * sizeof(Elf64_Phdr) + 8 * below(7), value, 8);
          break;
        case 3: {  // an interesting 2-byte value over e_phnum, e_phentsize or e_type
          static const size_t fields[] = {offsetof(Elf64_Ehdr, e_phnum), offsetof(Elf64_Ehdr, e_phentsize),
                                          offsetof(Elf64_Ehdr, e_type)};
          poke(b, fields[below(3)], value, 2);
          break;
        }
        default:  // truncate
          b.resize(below(b.size() + 1));
          break;
      }
    }
    try {
      File f = File::parse(kName, b, target<Isa>(), Role::program);
      // What was accepted must hold together.
      if (f.loads().empty() || f.min_vaddr() > f.max_vaddr()) ++inconsistent;
      ++accepted;
    } catch (const ldso::Error& e) {
      // Errors are one line and name a field.
      if (e.field().empty() || e.detail().empty() || e.detail().find('\n') != std::string::npos) ++bad_errors;
      ++rejected;
    } catch (const std::exception& e) {
      FAIL("round " << round << ": unexpected exception: " << e.what());
    }
  }
  MESSAGE(std::string(Isa::name) << ": " << accepted << " accepted, " << rejected << " rejected");
  CHECK(inconsistent == 0);
  CHECK(bad_errors == 0);
  CHECK(accepted > 0);
  CHECK(rejected > 0);
}
