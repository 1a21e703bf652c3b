// elf::File: a validated ELF file. Reads the ELF header and program headers
// through libelf, checks every field the loader relies on, and keeps what the
// loader needs. Pure: it never maps segments or touches process state.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "elf/error.h"

namespace ldso::elf {

// What the file will be loaded for. A program must have an entry point inside
// an executable segment; a library may have e_entry == 0.
enum class Role { program, library };

// The machine ldso runs on. Tests build one per ISA.
struct Target {
  uint16_t machine;    // EM_X86_64 or EM_AARCH64
  uint64_t page_size;  // the runtime page size (AT_PAGESZ)
};

// Target for the ISA this binary was built for, with the given page size.
Target host_target(uint64_t page_size);

// Human name of an ELF machine ("x86_64", "aarch64", "i386", ...).
std::string machine_name(uint16_t machine);

struct Phdr {
  uint32_t type = 0, flags = 0;
  uint64_t offset = 0, vaddr = 0, paddr = 0, filesz = 0, memsz = 0, align = 0;
};

struct Dyn {
  int64_t tag;
  uint64_t val;
};

class File {
 public:
  // Opens and validates a file. Throws ldso::Error naming the file, the field
  // and the bad value. The file descriptor stays open for mapping.
  static File open(const std::string& path, const Target& target, Role role);
  // Validates an in-memory image (tests, fuzzing). `name` is used in errors.
  static File parse(const std::string& name, std::span<const unsigned char> image,
                    const Target& target, Role role);

  File(File&&) noexcept = default;
  File& operator=(File&&) noexcept = default;

  const std::string& path() const { return path_; }
  int fd() const { return fd_.get(); }  // -1 for parsed images
  uint64_t file_size() const { return size_; }
  // Identity of the opened file (0 for parsed images): one library reached
  // under two names is loaded once.
  uint64_t dev() const { return dev_; }
  uint64_t ino() const { return ino_; }

  uint16_t type() const { return type_; }  // ET_EXEC or ET_DYN
  uint16_t machine() const { return machine_; }
  uint64_t entry() const { return entry_; }
  uint64_t phoff() const { return phoff_; }

  const std::vector<Phdr>& phdrs() const { return phdrs_; }  // all, file order
  const std::vector<Phdr>& loads() const { return loads_; }  // PT_LOAD, ascending vaddr
  // Address of the program header table once loaded (unbiased): PT_PHDR, or
  // the PT_LOAD that contains e_phoff, or (as Linux does) first load + e_phoff.
  uint64_t phdr_vaddr() const { return phdr_vaddr_; }

  const std::optional<Phdr>& dynamic() const { return dynamic_; }
  const std::optional<Phdr>& interp_phdr() const { return interp_; }
  const std::optional<Phdr>& tls() const { return tls_; }
  const std::optional<Phdr>& gnu_stack() const { return gnu_stack_; }
  const std::optional<Phdr>& relro() const { return relro_; }

  // PT_INTERP contents up to the first NUL; empty when there is none.
  const std::string& interp() const { return interp_path_; }
  // PT_DYNAMIC entries as stored in the file, up to and excluding DT_NULL.
  const std::vector<Dyn>& dyn() const { return dyn_; }

  // Lowest and highest (exclusive) address of all PT_LOAD, page-rounded.
  uint64_t min_vaddr() const { return min_vaddr_; }
  uint64_t max_vaddr() const { return max_vaddr_; }
  // Largest PT_LOAD p_align (at least the page size).
  uint64_t max_align() const { return max_align_; }

  bool executable_stack() const;  // PT_GNU_STACK with PF_X, or none at all

 private:
  File() = default;
  // `image` is the in-memory file, or null to read from fd_.
  void validate(const Target& target, Role role, const std::span<const unsigned char>* image);

  std::string path_;
  // The open file, closed with the File (movable, not copyable).
  class Fd {
   public:
    Fd() = default;
    Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    Fd& operator=(Fd&& o) noexcept {
      if (this != &o) reset(o.fd_), o.fd_ = -1;
      return *this;
    }
    ~Fd() { reset(-1); }
    void reset(int fd);
    int get() const { return fd_; }

   private:
    int fd_ = -1;
  };
  Fd fd_;
  uint64_t size_ = 0, dev_ = 0, ino_ = 0;
  uint16_t type_ = 0, machine_ = 0;
  uint64_t entry_ = 0, phoff_ = 0, phdr_vaddr_ = 0;
  std::vector<Phdr> phdrs_, loads_;
  std::optional<Phdr> dynamic_, interp_, tls_, gnu_stack_, relro_;
  std::string interp_path_;
  std::vector<Dyn> dyn_;
  uint64_t min_vaddr_ = 0, max_vaddr_ = 0, max_align_ = 0;
};

}  // namespace ldso::elf
