// Object: one ELF object in the process (the executable, a library, or ldso
// itself standing in for the system interpreter), with what the linker needs.
#pragma once
#include <link.h>
#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "elf/dynamic.h"
#include "elf/file.h"
#include "elf/symbols.h"
#include "ldso/image.h"

namespace ldso {

struct RtldSymbol;  // ldso/rtld.h
struct Object;

// A list of objects that can grow while the program runs (no malloc:
// async-signal-safe code appends to it). Freed by its owner's destructor.
class ObjectList {
 public:
  ObjectList() = default;
  ObjectList(const ObjectList&) = delete;
  ObjectList& operator=(const ObjectList&) = delete;
  ~ObjectList();
  bool contains(const Object* o) const;
  // False when no memory could be had.
  bool push(Object* o);
  size_t size() const { return size_; }
  Object* operator[](size_t i) const { return items_[i]; }

 private:
  Object** items_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
};

struct Object {
  std::string name;  // as requested (DT_NEEDED string or path)
  std::string path;  // the file it was loaded from
  std::string soname;
  dev_t dev = 0;
  ino_t ino = 0;
  uint16_t type = 0;   // ET_EXEC or ET_DYN
  bool is_main = false;
  bool is_rtld = false;  // ldso itself, satisfying the interpreter's soname
  // Host mode: a library the host process already runs (glibc's family, or
  // the same file loaded there): used for lookups, never mapped, relocated,
  // initialised or unmapped by ldso.
  bool is_host = false;
  // Loaded, linked and initialised by ldso (not a host or exported object).
  bool ours() const { return !is_rtld && !is_host; }

  Image image;
  std::vector<elf::Phdr> phdrs;
  uintptr_t phdr_addr = 0;
  std::optional<elf::Phdr> tls, relro, eh_frame;
  elf::DynamicInfo dyn;
  elf::SymbolTable symbols;
  uintptr_t dynamic_addr = 0;  // runtime address of PT_DYNAMIC

  Object* loader = nullptr;  // who caused it to be loaded (RPATH chain)
  std::string origin;         // $ORIGIN: the directory of its file
  std::vector<Object*> deps;  // DT_NEEDED, then DT_FILTER/DT_AUXILIARY, in order
  std::vector<Object*> filtees;  // those of deps that are filtees
  bool deps_loaded = false;
  std::vector<std::string> rpath, runpath;  // expanded directories

  // TLS: module id (0: none) and the block's offset from the thread pointer.
  size_t tls_modid = 0;
  int64_t tls_offset = 0;
  bool tls_static = true;  // false: dynamic TLS (a module opened later)
  // Arguments of this object's dynamic TLS descriptors ({module, offset});
  // a deque, so that addresses handed out stay valid as it grows.
  std::deque<std::pair<uint64_t, uint64_t>> tls_desc_args;

  bool relocated = false, relocating = false, init_done = false, visited = false;
  // dlopen: handles open on it; its search list once it was dlopened itself
  // (itself and its dependencies, breadth-first, filtees before their
  // filter); the dlopened roots whose search lists its lookups walk after
  // the global scope (glibc's l_scope); its dependency closure.
  int opencount = 0;
  bool dlopened = false, nodelete = false, global = true;
  std::vector<Object*> local_scope;
  std::vector<const Object*> scopes;
  std::vector<const Object*> closure;
  // Objects outside its closure that it bound symbols to (glibc's
  // l_reldeps): they stay loaded while it does. Filled while the program
  // runs too (lazy binding), so it grows by raw mmap, never by malloc.
  ObjectList reldeps;
  // Relocations applied, by type (a handful of types per object).
  std::vector<std::pair<uint32_t, uint64_t>> reloc_counts;
  void count_reloc(uint32_t type) {
    for (auto& [t, n] : reloc_counts)
      if (t == type) {
        ++n;
        return;
      }
    reloc_counts.push_back({type, 1});
  }
  struct link_map lm {};  // for _r_debug and debuggers
  // is_rtld: the exported functions and data, and the same as ELF symbols.
  std::span<const RtldSymbol> rtld_table;
  std::vector<Elf64_Sym> rtld_syms;
  bool any_version = false;  // host overrides: stand in for every version
  // Host mode: storage the unwinder keeps for a registered .eh_frame.
  std::unique_ptr<uint64_t[]> frame_object;

  uintptr_t addr(uint64_t vaddr) const { return image.bias + vaddr; }
  template <class T>
  T* ptr(uint64_t vaddr) const { return reinterpret_cast<T*>(addr(vaddr)); }
  const char* str(uint64_t off) const { return symbols.str(off); }
};

}  // namespace ldso
