// TLS: module ids, static offsets from the thread pointer, thread blocks
// (TCB, DTV, static TLS) for the main thread and threads made through
// __ldso_thread_create_tls, and dynamic TLS for modules opened later.
//
// Nothing here has a fixed size that the program could outgrow, and the
// readers that run inside the program (__tls_get_addr, the TLSDESC resolver,
// the slow path ldso_tls_block) take no lock and allocate only by raw mmap:
//  - The module table is two-level: chunks of kModuleChunk entries, each a
//    raw mmap made once and never moved or freed, published with a release
//    store; a reader sees either no chunk or a complete one.
//  - Each thread's DTV holds its size and the generation it is valid for.
//    Only the thread itself writes its DTV (in the slow path): it replaces
//    the DTV with a bigger one when a module id lies beyond it, and drops
//    blocks of modules freed since its generation. A replaced DTV is kept
//    (chained) until the thread ends: a signal handler's slow path may
//    replace it under an interrupted reader.
//  - dlclose frees the id (lowest free id is reused, as glibc) and bumps the
//    generation; other threads' blocks of that module go on their next slow
//    path or when they end, as in glibc.
//
// The DTV (uintptr_t* dtv, what the thread pointer's slot points to):
//   dtv[-4] host mode's own word (tls_dtv_host_word), dtv[-3] unused,
//   dtv[-2] length of this DTV's mapping (0: inside the thread block),
//   dtv[-1] the DTV this one replaced (null: none),
//   dtv[0] number of ids it covers, dtv[1] its generation,
//   dtv[2i], dtv[2i+1] module i's block and the length of its mapping
//   (0: in static TLS, not ours to unmap).
#include <sys/mman.h>
#include <sys/syscall.h>

#include <cstring>

#include "arch/arch.h"
#include "ldso/linker.h"
#include "ldso/rtld.h"

uint64_t ldso_tls_generation;

namespace ldso {
namespace {

uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

// Room kept past the initial modules for initial-exec TLS of libraries opened
// later (glibc reserves a similar surplus).
constexpr uint64_t kStaticTlsSurplus = 1664;

// The module table: what a thread needs to make a module's block.
struct TlsModule {
  uintptr_t image = 0;
  uint64_t filesz = 0, memsz = 0, align = 0;
  int64_t static_offset = 0;  // from the TP, when is_static
  uint64_t freed_gen = 0;     // the generation at which its last user left
  bool used = false, is_static = false;
};
constexpr size_t kModuleChunk = 256;
// 2^20 module ids, the chunk pointers alone 32 KiB: far beyond what the
// kernel's map count (65530 mappings by default) lets a process open.
constexpr size_t kModuleChunks = 4096;
TlsModule* g_module_chunks[kModuleChunks];
size_t g_module_slots;  // ids with a chunk (writers hold the dl lock)

// Every thread block ldso made, same two-level scheme (written under the dl
// lock; 2^20 threads at most).
struct ThreadRecord {
  uintptr_t tp, mapping, size;  // tp 0: a free record
};
constexpr size_t kThreadChunk = 256, kThreadChunks = 4096;
ThreadRecord* g_thread_chunks[kThreadChunks];

long sys(long n, long a = 0, long b = 0, long c = 0, long d = 0) { return arch::raw_syscall(n, a, b, c, d); }

// Memory for the slow paths, which run inside the program: a raw mmap, and
// on failure a message and exit (nothing to return an error to).
uintptr_t mmap_or_die(size_t len, const char* what) {
  const uintptr_t mem = arch::raw_mmap_anon(len);
  if (mem) return mem;
  static const char head[] = "ldso: cannot allocate ";
  sys(SYS_write, 2, reinterpret_cast<long>(head), sizeof head - 1);
  long n = 0;
  while (what[n]) ++n;  // no libc here
  sys(SYS_write, 2, reinterpret_cast<long>(what), n);
  sys(SYS_write, 2, reinterpret_cast<long>("\n"), 1);
  sys(SYS_exit_group, 127);
  return 0;
}

// Plain loops: these run inside the program, on its thread pointer.
void copy_bytes(uintptr_t to, uintptr_t from, size_t n) {
  auto* d = reinterpret_cast<volatile uint8_t*>(to);
  const auto* s = reinterpret_cast<const uint8_t*>(from);
  for (size_t i = 0; i < n; ++i) d[i] = s[i];
}

// A reader's view of id's entry: null when its chunk does not exist.
TlsModule* module_at(size_t id) {
  if (id / kModuleChunk >= kModuleChunks) return nullptr;
  TlsModule* c = __atomic_load_n(&g_module_chunks[id / kModuleChunk], __ATOMIC_ACQUIRE);
  return c ? &c[id % kModuleChunk] : nullptr;
}

uintptr_t** dtv_slot(uintptr_t tp) { return reinterpret_cast<uintptr_t**>(tp + ldso_dtv_offset); }

constexpr size_t kDtvHeader = 4;
size_t dtv_bytes(size_t ids) { return (kDtvHeader + 2 * ids) * sizeof(uintptr_t); }

// How many ids a DTV made now covers: every id with a chunk, so that most
// threads never grow theirs.
size_t dtv_ids_for(size_t id) {
  size_t n = __atomic_load_n(&g_module_slots, __ATOMIC_RELAXED);
  if (n < id + 1) n = id + 1;
  return round_up(n, 64);
}

// A DTV in fresh memory of `len` bytes (from a raw mmap: zeroed) for `ids` ids.
uintptr_t* init_dtv(uintptr_t mem, size_t ids, size_t len, uint64_t gen) {
  auto* dtv = reinterpret_cast<uintptr_t*>(mem) + kDtvHeader;
  dtv[-2] = len;
  dtv[0] = ids;
  dtv[1] = gen;
  return dtv;
}

// Unmaps the blocks a DTV holds, then the DTV and every DTV it replaced.
void free_dtv_chain(uintptr_t* dtv) {
  for (size_t id = 1; id < dtv[0]; ++id)
    if (dtv[2 * id] && dtv[2 * id + 1]) sys(SYS_munmap, static_cast<long>(dtv[2 * id]), static_cast<long>(dtv[2 * id + 1]));
  while (dtv) {
    uintptr_t* prev = reinterpret_cast<uintptr_t*>(dtv[-1]);
    if (dtv[-2]) sys(SYS_munmap, reinterpret_cast<long>(dtv - kDtvHeader), static_cast<long>(dtv[-2]));
    dtv = prev;
  }
}

}  // namespace

bool Linker::assign_tls(Object& o, bool initial) {
  if (!o.tls || o.tls->memsz == 0) return true;
  const uint64_t align = o.tls->align ? o.tls->align : 1;
  if (align > page_)
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("TLS alignment 0x%llx is larger than the page size", (unsigned long long)align));
  // The lowest free id (as glibc), in a new chunk when every one is used.
  size_t id = 1;
  while (id < g_module_slots && module_at(id)->used) ++id;
  if (id >= g_module_slots) {
    if (g_module_slots / kModuleChunk == kModuleChunks)
      throw Error(o.path, "PT_TLS", std::nullopt, format("more than %zu TLS modules", kModuleChunks * kModuleChunk - 1));
    const uintptr_t chunk = arch::raw_mmap_anon(kModuleChunk * sizeof(TlsModule));
    if (!chunk) throw Error(o.path, "PT_TLS", std::nullopt, "cannot allocate the TLS module table");
    auto* c = reinterpret_cast<TlsModule*>(chunk);
    for (size_t i = 0; i < kModuleChunk; ++i) new (&c[i]) TlsModule{};
    __atomic_store_n(&g_module_chunks[g_module_slots / kModuleChunk], c, __ATOMIC_RELEASE);
    __atomic_store_n(&g_module_slots, g_module_slots + kModuleChunk, __ATOMIC_RELEASE);
  }
  if (opts_.host) return assign_host_tls(o, id, initial);
  TlsModule& m = *module_at(id);
  m = {o.addr(o.tls->vaddr), o.tls->filesz, o.tls->memsz, align, 0, m.freed_gen, true, false};
  o.tls_modid = id;
  if (id > tls_modules_) tls_modules_ = id;

  // Static TLS: always for the initial modules; for later ones only when
  // initial-exec code may reach them, as glibc (which gives every other
  // module opened later dynamic TLS): DF_STATIC_TLS (GNU ld on aarch64 does
  // not set it), or TPOFF relocations in an object of this dlopen (those not
  // relocated yet), which may refer to this module. Then it must fit in what
  // is left of the surplus, else dynamic.
  bool needs_static = initial || (o.dyn.flags & DF_STATIC_TLS);
  for (size_t i = objects_.size(); !needs_static && i-- > 0;) {
    const Object& n = *objects_[i];
    if (n.relocated) break;  // this dlopen's objects are the last ones
    if (n.ours() && has_tpoff_relocs(n)) needs_static = true;
  }
  if (!needs_static) {
    o.tls_static = false;
    return false;
  }
  uint64_t offset = tls_static_used_;
  const uint64_t limit = initial ? UINT64_MAX : tls_static_size_ + kStaticTlsSurplus;
  bool fits;
  int64_t tp_offset;
  if (arch::kTlsBelowTp) {
    // Variant II: the block ends where the previous one starts; the
    // executable's block is at tp - roundup(memsz, align), as ld assumes.
    offset = round_up(offset + o.tls->memsz, align);
    fits = offset <= limit;
    tp_offset = -static_cast<int64_t>(offset);
  } else {
    // Variant I: after the TCB, each block at its alignment.
    offset = round_up(offset, align);
    tp_offset = static_cast<int64_t>(offset);
    offset += o.tls->memsz;
    fits = offset <= limit;
  }
  if (fits && (initial || align <= tls_static_align_)) {
    tls_static_used_ = offset;
    if (initial) {
      tls_static_size_ = offset;
      if (align > tls_static_align_) tls_static_align_ = align;
    }
    m.is_static = true;
    m.static_offset = tp_offset;
    o.tls_offset = tp_offset;
    o.tls_static = true;
    return true;
  }
  if ((o.dyn.flags & DF_STATIC_TLS) || has_tpoff_relocs(o))
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("needs 0x%llx bytes of static TLS (initial-exec) but only 0x%llx of the surplus are left",
                       (unsigned long long)round_up(o.tls->memsz, align),
                       (unsigned long long)(tls_static_size_ + kStaticTlsSurplus - tls_static_used_)));
  o.tls_static = false;
  return false;
}

bool Linker::assign_host_tls(Object& o, size_t id, bool initial) {
  TlsModule& m = *module_at(id);
  const uint64_t align = o.tls->align ? o.tls->align : 1;
  if (o.is_host) {  // the host placed it: only give it a module id of ours
    m = {0, 0, o.tls->memsz, align, o.tls_offset, m.freed_gen, true, true};
    o.tls_modid = id;
    o.tls_static = true;
    if (id > tls_modules_) tls_modules_ = id;
    return true;
  }
  // A module opened later: dynamic TLS, made in each thread on its first use
  // from the image, as glibc does (threads already running included), unless
  // its code needs static TLS: DF_STATIC_TLS, or initial-exec relocations
  // (GNU ld on aarch64 does not set the flag).
  if (!initial && !(o.dyn.flags & DF_STATIC_TLS) && !has_tpoff_relocs(o)) {
    m = {o.addr(o.tls->vaddr), o.tls->filesz, o.tls->memsz, align, 0, m.freed_gen, true, false};
    o.tls_modid = id;
    o.tls_static = false;
    if (id > tls_modules_) tls_modules_ = id;
    return false;
  }
  if (align > opts_.host->tls_reserve().align)
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("TLS alignment %llu is more than host mode's TLS reserve guarantees (%llu)",
                       (unsigned long long)align, (unsigned long long)opts_.host->tls_reserve().align));
  const int64_t off = place_in_host_reserve(o.path, o.tls->memsz, align, o.is_main);
  m = {o.addr(o.tls->vaddr), o.tls->filesz, o.tls->memsz, align, off, m.freed_gen, true, true};
  o.tls_modid = id;
  o.tls_offset = off;
  o.tls_static = true;
  if (id > tls_modules_) tls_modules_ = id;
  opts_.host->init_tls(off, reinterpret_cast<const void*>(m.image), m.filesz, m.memsz);
  return true;
}

// The executable's block goes where its compiler put it relative to the
// thread pointer; every other block goes next to the used part of the
// reserve, away from the thread pointer (x86_64: below it, aarch64: above).
// Reserve space is never reused (threads the host made keep their copies).
int64_t Linker::place_in_host_reserve(const std::string& path, uint64_t size, uint64_t align, bool is_main) {
  const HostProcess::TlsReserve r = opts_.host->tls_reserve();
  if (!host_tls_placed_) {
    host_tls_placed_ = true;
    host_tls_low_ = host_tls_high_ = arch::kTlsBelowTp ? r.hi : r.lo;
  }
  int64_t off;
  if (is_main)
    off = arch::kTlsBelowTp ? -static_cast<int64_t>(round_up(size, align))
                            : static_cast<int64_t>(round_up(arch::kTlsTcbSize, align));
  else if (arch::kTlsBelowTp)
    off = -static_cast<int64_t>(round_up(static_cast<uint64_t>(-host_tls_low_) + size, align));
  else
    off = static_cast<int64_t>(round_up(static_cast<uint64_t>(host_tls_high_), align));
  if (off < r.lo || off + static_cast<int64_t>(size) > r.hi) {
    // What is left is the free end of the reserve new blocks go to; the
    // block needs its size plus the padding its alignment costs there.
    const int64_t free_from = arch::kTlsBelowTp ? r.lo : host_tls_high_;
    const int64_t free_to = arch::kTlsBelowTp ? host_tls_low_ : r.hi;
    const int64_t need_from = off, need_to = arch::kTlsBelowTp ? host_tls_low_ : off + static_cast<int64_t>(size);
    const int64_t left = free_to > free_from ? free_to - free_from : 0;
    const int64_t need = is_main ? static_cast<int64_t>(size) : need_to - need_from;
    throw Error(path, "PT_TLS", std::nullopt,
                format("needs %llu bytes of static TLS at alignment %llu (%lld with the alignment's padding, at "
                       "offset %lld from the thread pointer), more than host mode's TLS reserve has left (%lld of "
                       "%lld bytes, offsets %lld to %lld)",
                       (unsigned long long)size, (unsigned long long)align, (long long)need, (long long)off,
                       (long long)left, (long long)(r.hi - r.lo), (long long)r.lo, (long long)r.hi));
  }
  if (off < host_tls_low_) host_tls_low_ = off;
  if (off + static_cast<int64_t>(size) > host_tls_high_) host_tls_high_ = off + static_cast<int64_t>(size);
  if (off < host_used_lo_) host_used_lo_ = off;
  if (off + static_cast<int64_t>(size) > host_used_hi_) host_used_hi_ = off + static_cast<int64_t>(size);
  return off;
}

void Linker::layout_tls() {
  tls_static_used_ = arch::kTlsBelowTp ? 0 : arch::kTlsTcbSize;
  tls_static_size_ = tls_static_used_;
  for (auto& o : objects_) assign_tls(*o, true);
  if (opts_.host) {
    // The word holding each thread's DTV pointer: 16 bytes of the reserve
    // placed after the initial modules, so that an executable's block (whose
    // place its compiler fixed) can use the whole reserve. First the gap
    // next to the thread pointer (the executable's alignment padding), else
    // the free end.
    // (New blocks go below the used part on x86_64, above it on aarch64:
    // the gap on the other side stays free.)
    const HostProcess::TlsReserve r = opts_.host->tls_reserve();
    int64_t slot;
    const int64_t above = static_cast<int64_t>(round_up(static_cast<uint64_t>(host_used_hi_), 16));
    const int64_t below = (host_used_lo_ & ~int64_t(15)) - 16;
    if (host_used_lo_ < host_used_hi_ && arch::kTlsBelowTp && above + 16 <= r.hi)
      slot = above;
    else if (host_used_lo_ < host_used_hi_ && !arch::kTlsBelowTp && below >= r.lo)
      slot = below;
    else
      slot = place_in_host_reserve("ldso-host", 16, 16, false);
    opts_.host->init_tls(slot, nullptr, 0, 16);
    ldso_dtv_offset = slot;
  }
}

uintptr_t Linker::new_thread(const uint8_t random[16]) {
  const uint64_t align = tls_static_align_;
  const uint64_t blocks = round_up(tls_static_size_ + kStaticTlsSurplus, align);
  const uint64_t ids = dtv_ids_for(tls_modules_);
  const uint64_t dtv_size = dtv_bytes(ids);
  const uint64_t guard_size = arch::kGuardBelowTp ? page_ : 0;
  const uint64_t total = round_up(blocks + arch::kTcbAllocSize + dtv_size + 2 * align, page_) + guard_size;
  // A record for it first (a new chunk when all are taken): raw mmap, as
  // threads are made while the program runs.
  ThreadRecord* rec = nullptr;
  for (size_t c = 0; c < kThreadChunks && !rec; ++c) {
    if (!g_thread_chunks[c]) {
      const uintptr_t mem = arch::raw_mmap_anon(kThreadChunk * sizeof(ThreadRecord));
      if (!mem) return 0;
      __atomic_store_n(&g_thread_chunks[c], reinterpret_cast<ThreadRecord*>(mem), __ATOMIC_RELEASE);
    }
    for (size_t i = 0; i < kThreadChunk && !rec; ++i)
      if (g_thread_chunks[c][i].tp == 0) rec = &g_thread_chunks[c][i];
  }
  if (!rec) return 0;
  const uintptr_t mapping = arch::raw_mmap_anon(total);
  if (!mapping) return 0;
  if (guard_size && sys(SYS_mprotect, static_cast<long>(mapping), static_cast<long>(guard_size), PROT_NONE) != 0) {
    sys(SYS_munmap, static_cast<long>(mapping), static_cast<long>(total));
    return 0;
  }
  const uintptr_t base = mapping + guard_size;
  uintptr_t tp, dtv_at;
  if (arch::kTlsBelowTp) {
    tp = round_up(base + blocks, align);  // blocks below, TCB at tp
    dtv_at = tp + arch::kTcbAllocSize;
  } else {
    tp = round_up(base, align);  // TCB at tp, blocks after
    dtv_at = round_up(tp + blocks, 16);
  }
  // Inside the thread block: length 0, freed with it.
  uintptr_t* dtv = init_dtv(dtv_at, ids, 0, __atomic_load_n(&ldso_tls_generation, __ATOMIC_ACQUIRE));
  for (size_t id = 1; id < ids && id < g_module_slots; ++id) {
    const TlsModule& m = *module_at(id);
    if (!m.used || !m.is_static) continue;
    const uintptr_t block = tp + m.static_offset;
    memcpy(reinterpret_cast<void*>(block), reinterpret_cast<const void*>(m.image), m.filesz);
    dtv[2 * id] = block;
  }
  auto* tcb = reinterpret_cast<uintptr_t*>(tp);
#if defined(__x86_64__)
  tcb[0] = tp;  // %fs:0 points to itself
  tcb[1] = reinterpret_cast<uintptr_t>(dtv);
  tcb[2] = tp;
  uintptr_t guard, pointer_guard;
  memcpy(&guard, random, 8);
  memcpy(&pointer_guard, random + 8, 8);
  tcb[arch::kTcbStackGuardOffset / 8] = guard & ~uintptr_t(0xff);  // as glibc: a zero low byte
  tcb[arch::kTcbStackGuardOffset / 8 + 1] = pointer_guard;
#else
  (void)random;
  tcb[0] = reinterpret_cast<uintptr_t>(dtv);
  tcb[1] = 0;
#endif
  rec->mapping = mapping;
  rec->size = total;
  __atomic_store_n(&rec->tp, tp, __ATOMIC_RELEASE);
  return tp;
}

uintptr_t Linker::make_main_thread(const uint8_t random[16]) {
  memcpy(random_, random, sizeof random_);
  const uintptr_t tp = new_thread(random);
  if (!tp) throw Error(main().path, "PT_TLS", std::nullopt, "cannot allocate the thread block");
  return tp;
}

uintptr_t Linker::create_thread_tls() { return new_thread(random_); }

namespace {
template <class F>
void for_each_thread(F&& f) {
  for (size_t c = 0; c < kThreadChunks; ++c) {
    ThreadRecord* chunk = __atomic_load_n(&g_thread_chunks[c], __ATOMIC_ACQUIRE);
    if (!chunk) return;
    for (size_t i = 0; i < kThreadChunk; ++i)
      if (__atomic_load_n(&chunk[i].tp, __ATOMIC_ACQUIRE)) f(chunk[i]);
  }
}
}  // namespace

void Linker::free_thread_tls(uintptr_t tp) {
  for_each_thread([&](ThreadRecord& r) {
    if (r.tp != tp) return;
    free_dtv_chain(*dtv_slot(tp));  // the thread has ended: nothing reads it
    sys(SYS_munmap, static_cast<long>(r.mapping), static_cast<long>(r.size));
    __atomic_store_n(&r.tp, 0, __ATOMIC_RELEASE);
  });
}

void Linker::init_static_tls_in_threads(const Object& o) {
  // The image into every thread's block; each thread's DTV entry is its own
  // to write (ldso_tls_block fills it on first use).
  const TlsModule& m = *module_at(o.tls_modid);
  for_each_thread([&](ThreadRecord& r) {
    const uintptr_t block = r.tp + m.static_offset;
    memcpy(reinterpret_cast<void*>(block), reinterpret_cast<const void*>(m.image), m.filesz);
    memset(reinterpret_cast<void*>(block + m.filesz), 0, m.memsz - m.filesz);
  });
}

void Linker::release_tls(Object& o) {
  if (!o.tls_modid) return;
  // The id is free for the next module (static surplus and host reserve
  // space are not reclaimed, as glibc). Threads drop their blocks of it on
  // their next slow path, seeing the new generation, or when they end.
  TlsModule& m = *module_at(o.tls_modid);
  const uint64_t gen = ldso_tls_generation + 1;
  m = {};
  m.freed_gen = gen;
  __atomic_store_n(&ldso_tls_generation, gen, __ATOMIC_RELEASE);
  o.tls_modid = 0;
}

}  // namespace ldso

// __tls_get_addr's slow path: this thread's DTV is missing (host mode), of
// an older generation, too small, or has no block for the module yet.
// Async-signal-safe: raw mmap only, and only this thread writes its DTV.
int64_t ldso_dtv_offset = ldso::arch::kTcbDtvOffset;
void (*ldso_dtv_made)(uintptr_t* dtv);

extern "C" uintptr_t ldso_tls_block(uintptr_t* dtv, size_t id) {
  using namespace ldso;
  const uint64_t gen = __atomic_load_n(&ldso_tls_generation, __ATOMIC_ACQUIRE);
  const TlsModule* m = module_at(id);
  if (!m || !m->used) return 0;
  const uintptr_t tp = arch::thread_pointer_raw();
  if (!dtv) {
    // Host mode: this thread's first slow path makes its DTV.
    const size_t ids = dtv_ids_for(id);
    dtv = init_dtv(mmap_or_die(dtv_bytes(ids), "a DTV"), ids, dtv_bytes(ids), gen);
    __atomic_store_n(dtv_slot(tp), dtv, __ATOMIC_RELEASE);
    if (ldso_dtv_made) ldso_dtv_made(dtv);
  }
  if (dtv[1] != gen) {
    // Blocks of modules that left since this DTV's generation are stale.
    for (size_t i = 1; i < dtv[0]; ++i) {
      if (!dtv[2 * i]) continue;
      const TlsModule* mi = module_at(i);
      if (mi && mi->freed_gen <= dtv[1]) continue;
      if (dtv[2 * i + 1]) sys(SYS_munmap, static_cast<long>(dtv[2 * i]), static_cast<long>(dtv[2 * i + 1]));
      dtv[2 * i] = dtv[2 * i + 1] = 0;
    }
    dtv[1] = gen;
  }
  if (id >= dtv[0]) {
    // A bigger DTV (at least twice the size: few replacements); the old one
    // stays, as a reader this slow path interrupted may still hold it.
    size_t ids = dtv_ids_for(id);
    if (ids < 2 * dtv[0]) ids = 2 * dtv[0];
    uintptr_t* bigger = init_dtv(mmap_or_die(dtv_bytes(ids), "a DTV"), ids, dtv_bytes(ids), dtv[1]);
    for (size_t i = 2; i < 2 * dtv[0]; ++i) bigger[i] = dtv[i];
    bigger[-1] = reinterpret_cast<uintptr_t>(dtv);
    tls_dtv_host_word(bigger) = tls_dtv_host_word(dtv);
    __atomic_store_n(dtv_slot(tp), bigger, __ATOMIC_RELEASE);
    dtv = bigger;
  }
  if (m->is_static) {
    dtv[2 * id + 1] = 0;
    return dtv[2 * id] = tp + m->static_offset;
  }
  // Page-aligned, which satisfies any TLS alignment ldso accepts.
  const size_t len = round_up(m->memsz ? m->memsz : 1, 4096);
  const uintptr_t block = mmap_or_die(len, "a dynamic TLS block");
  copy_bytes(block, m->image, m->filesz);
  dtv[2 * id + 1] = len;
  dtv[2 * id] = block;
  return block;
}

namespace ldso {

void* tls_address(size_t module, uint64_t offset) {
  tls_index_s ti{module, offset};
  return ldso_tls_get_addr(&ti);
}

void tls_free_dtv(uintptr_t* dtv) {
  // The thread's slot forgets it first: a destructor that runs later and uses
  // dynamic TLS makes a new one (and the host frees that one too). `dtv` is
  // the first DTV of the thread; the slot holds what it grew into.
  uintptr_t** slot = dtv_slot(arch::thread_pointer_raw());
  uintptr_t* current = *slot ? *slot : dtv;
  *slot = nullptr;
  free_dtv_chain(current);
}

}  // namespace ldso
