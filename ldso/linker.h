// Linker: self-linked mode. Loads the DT_NEEDED closure, resolves symbols,
// lays out TLS, relocates, protects, and runs initialisers, in that order
// (DESIGN.md's data flow). One instance per process, alive until exit.
#pragma once
#include <elf.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arch/relocs.h"
#include "elf/file.h"
#include "elf/relocs.h"
#include "ldso/object.h"

namespace ldso {

struct RtldSymbol;   // ldso/rtld.h
struct ProgramView;  // ldso/process.h
class Linker;

// Host mode: a library the host process already runs.
struct HostLibrary {
  std::string path;
  uintptr_t bias = 0, start = 0, end = 0;  // l_addr and the PT_LOAD span
  bool has_tls = false;
  int64_t tls_offset = 0;  // its (static) TLS block from the thread pointer
};

// What host mode needs from the process ldso runs in (ldso/host/). The
// linker itself stays free of the host's loader.
class HostProcess {
 public:
  virtual ~HostProcess() = default;
  // glibc's library `name` (a DT_NEEDED name): the host's copy, opened with
  // the host's dlopen if it is not loaded yet. Throws ldso::Error.
  virtual HostLibrary glibc(const std::string& name, const std::string& needed_by) = 0;
  // The host's copy of the file (dev, ino), if it has it loaded.
  virtual std::optional<HostLibrary> same_file(dev_t dev, ino_t ino) = 0;
  // ldso's stand-ins for glibc's loader (__libc_start_main, dl*, ...); they
  // come right before glibc's libraries in the scope, for every version.
  virtual std::span<const RtldSymbol> overrides() = 0;
  // The static TLS reserve: offsets [lo, hi) from the thread pointer, and
  // the alignment every thread's copy of it has.
  struct TlsReserve {
    int64_t lo, hi;
    uint64_t align;
  };
  virtual TlsReserve tls_reserve() = 0;
  // Writes a module's initial TLS image at `tp_offset` in this thread and in
  // the template every thread made later starts from.
  virtual void init_tls(int64_t tp_offset, const void* image, size_t filesz, size_t memsz) = 0;
  // An object of ldso's joins the process (relocated, before any of its code
  // runs) or leaves it (before it is unmapped): e.g. its unwind tables.
  virtual void object_added(Object& o) = 0;
  virtual void object_removed(Object& o) = 0;
  // Everything is linked: last preparations, then the program's entry runs.
  virtual void enter(Linker* linker, const ProgramView& view, uintptr_t sp) = 0;
};

struct LinkOptions {
  std::vector<std::string> library_path;  // --library-path, else LD_LIBRARY_PATH
  std::vector<std::string> preload;       // LD_PRELOAD then --preload
  std::string platform;                   // AT_PLATFORM, for $PLATFORM
  uint64_t hwcap = 0, hwcap2 = 0;         // for IFUNC resolvers
  bool bind_now = false;                  // LD_BIND_NOW, --bind-now
  HostProcess* host = nullptr;            // host mode (null: self-linked)
};

// Thrown while loading when the closure contains glibc's own libraries,
// which only glibc's ld.so (or host mode) can link.
struct NeedsGlibc {
  std::string library;
};

// A definition found by lookup: the object and its symbol (null: not found).
struct Definition {
  const Object* obj = nullptr;
  const Elf64_Sym* sym = nullptr;
  uintptr_t address() const;
};

class Linker {
 public:
  struct CopyMove {
    uintptr_t from, to;
    uint64_t size;
  };
  Linker(LinkOptions opts, uint64_t page_size);
  ~Linker();

  // Loads the executable (already validated) and its closure, breadth-first.
  void load(elf::File exe, const std::string& exe_path);
  // Assigns TLS module ids and static offsets.
  void layout_tls();
  // Thread blocks for threads the program makes (__ldso_thread_create_tls).
  uintptr_t create_thread_tls();
  void free_thread_tls(uintptr_t tp);
  // Relocates every object, dependencies first (needs sort_init_order()),
  // then applies RELRO.
  void relocate_all();
  // Allocates the main thread's TLS block and TCB; returns the thread pointer.
  uintptr_t make_main_thread(const uint8_t random[16]);
  // Sorts the objects for init and fini, the way glibc does.
  void sort_init_order();
  // Runs the executable's DT_PREINIT_ARRAY, then every library's DT_INIT and
  // DT_INIT_ARRAY, dependencies first. Runs program code: call it last.
  void run_initializers(int argc, char** argv, char** envp);
  // The order the program's fini runs DT_FINI_ARRAY and DT_FINI in: every
  // object loaded now, dependents (by DT_NEEDED and by symbol bindings)
  // before what they use, else in load order, as glibc's _dl_fini.
  std::vector<Object*> fini_order() const;

  Object& main() const { return *objects_.front(); }
  uint64_t main_entry() const { return main_entry_; }
  const std::vector<std::unique_ptr<Object>>& objects() const { return objects_; }

  Definition lookup(const elf::LookupKey& key, const elf::Version* ver, const Object* requester,
                    unsigned type_class) const;
  // The definition symbol `index` of `o` binds to, for relocation type class
  // `type_class`; memoised while `o` is relocated (one lookup per symbol).
  Definition resolve(Object& o, uint32_t index, unsigned type_class);
  uintptr_t call_ifunc(uintptr_t resolver) const;
  uintptr_t call_ifunc(const Object& owner, uintptr_t resolver);
  static constexpr unsigned kClassPlt = 1, kClassCopy = 2, kReturnNewest = 4;
  // Searches `scope` only (dlsym on a handle), or the global scope after
  // `after` (RTLD_NEXT) when after is set.
  Definition lookup_in(const std::vector<Object*>& scope, const elf::LookupKey& key, const elf::Version* ver,
                       unsigned type_class) const;
  Definition lookup_next(const Object* after, const elf::LookupKey& key, const elf::Version* ver) const;

  // The dl family (ldso/dlopen.cpp). Callers hold the dl lock and run in
  // ldso's context; initialisers and finalisers run in the program's.
  Object* open(const std::string& name, int flags, Object* caller);
  // close() picks the objects to unload (dying()); the caller runs their
  // finalisers in the program's context, then finish_close() unmaps them.
  void close(Object* root);
  const std::vector<Object*>& dying() const { return dying_; }
  void finish_close();
  // Objects a dlopen added, in init order (dependencies first).
  const std::vector<Object*>& new_objects() const { return new_init_; }
  void run_init_of(Object* o, int argc, char** argv, char** envp);
  void run_fini_of(Object* o);
  Object* containing(uintptr_t addr) const;
  // Records that `o` bound a symbol to `def` (glibc's l_reldeps).
  // Async-signal-safe.
  void note_binding(Object& o, const Object* def);
  uint64_t adds() const { return adds_; }
  uint64_t subs() const { return subs_; }

  uint64_t page_size() const { return page_; }
  // Host mode: where data at `a` lives now (the program's copy, if it made
  // one with a COPY relocation).
  uintptr_t live_address(uintptr_t a) const {
    for (const CopyMove& m : copy_moves_)
      if (a >= m.from && a < m.from + m.size) return m.to + (a - m.from);
    return a;
  }
  const LinkOptions& options() const { return opts_; }

  // Binds PLT relocation `r` of `o` on its first call and returns the
  // target. Async-signal-safe; on an undefined symbol calls fail(o, name),
  // which must not return.
  template <class Fail>
  uintptr_t bind_lazy(Object& o, const elf::Reloc& r, Fail&& fail);
  // From now on lookups run inside the program: no more allocation.
  void set_running() { running_ = true; }

  // Static TLS sizes (for the thread block) and the TP-relative range.
  uint64_t tls_static_size() const { return tls_static_size_; }
  uint64_t tls_static_align() const { return tls_static_align_; }

 private:
  Object* load_needed(Object& requester, const std::string& name);
  // Loads the DT_NEEDED and filter closure of objects_[first...],
  // breadth-first; filtees take their place before their filter. Start-up
  // and dlopen share it.
  void load_closure(size_t first);
  // `root` and its dependencies, breadth-first, filtees before their filter.
  std::vector<Object*> search_list(Object* root) const;
  // glibc's dependency sort of `objs` (given in load order).
  std::vector<Object*> dfs_sort(std::span<Object* const> objs, bool with_reldeps) const;

  Object* load_file(const std::string& path, const std::string& name, Object* loader, elf::File file);
  Object* find_loaded(const std::string& name) const;
  std::unique_ptr<Object> make_rtld_object(std::span<const RtldSymbol> table);
  void check_versions(const Object& o) const;
  // STB_GNU_UNIQUE: the first definition of a name stays the one for everybody.
  Definition unique(const elf::LookupKey& key, Definition def) const;
  Definition search(const Object* o, const elf::LookupKey& key, const elf::Version* ver, const Object* req,
                    unsigned type_class) const;
  void relocate(Object& o);
  void apply_relr(Object& o);
  template <class R>
  void apply_plt(Object& o, const R* table, size_t count, bool lazy,
                 std::vector<std::pair<const R*, Definition>>* deferred);
  template <class R>
  void apply_table(Object& o, const R* table, size_t count, std::vector<std::pair<const R*, Definition>>* deferred);
  template <class R>
  Definition apply_one(Object& o, const R& rec, const Definition* known, bool defer_ifunc,
                 std::vector<std::pair<const R*, Definition>>* deferred);
  void prepare_lazy(Object& o);
  // Host mode.
  Object* load_host(const HostLibrary& h, const std::string& name, Object* loader);
  void add_overrides();
  void check_host_malloc() const;
  bool assign_host_tls(Object& o, size_t id, bool initial);
  int64_t place_in_host_reserve(const std::string& path, uint64_t size, uint64_t align, bool is_main);
  bool host_tls_placed_ = false;
  int64_t host_used_lo_ = INT64_MAX, host_used_hi_ = INT64_MIN;  // host mode: the reserve's used extent
  bool has_tpoff_relocs(const Object& o) const;
  int64_t host_tls_low_ = 0, host_tls_high_ = 0;  // host mode: where the next blocks go in the reserve
  // After a COPY relocation against a host library's data, that library's
  // references (and every other host object's) go to the program's copy.
  std::vector<CopyMove> copy_moves_;
  void redirect_host_copies();
  void protect_relro(Object& o);

  LinkOptions opts_;
  uint64_t page_;
  const arch::RelocTraits& traits_;
  std::vector<std::unique_ptr<Object>> objects_;  // load order: exe, preloads, deps BFS
  // The global lookup scope, flattened so that the walk touches one array:
  // each entry carries the object's bloom filter (null: no GNU hash).
  struct ScopeEntry {
    const uint64_t* bloom;
    uint32_t mask, shift;
    const Object* obj;
  };
  std::vector<ScopeEntry> scope_;
  std::vector<Object*> init_order_;               // glibc's sorted order (exe first)
  // STB_GNU_UNIQUE definitions by name; looked up by string_view so that
  // lazy binding never builds a std::string (no allocation there).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, Definition, NameHash, std::equal_to<>> unique_;
  std::string ld_cache_;
  bool ld_cache_read_ = false;
  bool assign_tls(Object& o, bool initial);
  uintptr_t new_thread(const uint8_t random[16]);
  void init_static_tls_in_threads(const Object& o);
  void release_tls(Object& o);
  uint64_t tls_static_size_ = 0, tls_static_align_ = 16, tls_static_used_ = 0;
  uint8_t random_[16] = {};
  size_t tls_modules_ = 0;  // the highest TLS module id used so far
  uint64_t main_entry_ = 0;
  bool running_ = false;
  uint64_t adds_ = 0, subs_ = 0;
  // resolve()'s memo for the object being relocated (see there).
  struct ResolveMemo {
    const Object* obj;
    const Elf64_Sym* sym;
    uint32_t gen;
    unsigned cls;
  };
  std::vector<ResolveMemo> memo_;
  uint32_t memo_gen_ = 0;
  const Object* memo_owner_ = nullptr;
  void begin_memo(const Object& o);
  std::vector<Object*> new_init_, dying_;
  void unload(Object* o);
  void relink_debug_list();
};

template <class Fail>
uintptr_t Linker::bind_lazy(Object& o, const elf::Reloc& r, Fail&& fail) {
  const Definition def = resolve(o, r.sym, kClassPlt);
  const Elf64_Sym* ref = o.symbols.sym(r.sym);
  if (!def.sym && ELF64_ST_BIND(ref->st_info) != STB_WEAK) fail(o, o.symbols.name(ref));
  uintptr_t value = def.address();
  if (def.sym && ELF64_ST_TYPE(def.sym->st_info) == STT_GNU_IFUNC && def.sym->st_shndx != SHN_UNDEF)
    value = call_ifunc(value);
  if (traits_.rule(r.type).adds_addend) value += r.addend;
  *reinterpret_cast<uintptr_t*>(o.addr(r.offset)) = value;
  return value;
}

void lazy_init(Linker* linker);

}  // namespace ldso
