// TLS: module ids, static offsets from the thread pointer, thread blocks
// (TCB, DTV, static TLS) for the main thread and threads made through
// __ldso_thread_create_tls, and dynamic TLS for modules opened later.
//
// Module ids index a fixed table (kMaxTlsModules) so that __tls_get_addr,
// which runs inside the program, reads it without locks or allocation.
#include <sys/mman.h>
#include <sys/syscall.h>

#include <cstring>

#include "arch/arch.h"
#include "ldso/linker.h"
#include "ldso/rtld.h"

namespace ldso {
namespace {

uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

// Room kept past the initial modules for initial-exec TLS of libraries opened
// later (glibc reserves a similar surplus).
constexpr uint64_t kStaticTlsSurplus = 1664;
constexpr size_t kMaxThreads = 1024;

// The module table: what a thread needs to make a module's block.
struct TlsModule {
  uintptr_t image = 0;
  uint64_t filesz = 0, memsz = 0, align = 0;
  int64_t static_offset = 0;  // from the TP, when is_static
  bool used = false, is_static = false;
};
TlsModule g_modules[kMaxTlsModules];

// Every thread block ldso made: its thread pointer (0: free slot).
uintptr_t g_threads[kMaxThreads];

// Host mode: module ids are never reused (threads the host made keep DTVs
// ldso cannot reach to clear).
bool g_host_tls;

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

uintptr_t* dtv_of(uintptr_t tp) { return *reinterpret_cast<uintptr_t**>(tp + arch::kTcbDtvOffset); }

}  // namespace

bool Linker::assign_tls(Object& o, bool initial) {
  if (!o.tls || o.tls->memsz == 0) return true;
  const uint64_t align = o.tls->align ? o.tls->align : 1;
  if (align > page_)
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("TLS alignment 0x%llx is larger than the page size", (unsigned long long)align));
  size_t id = 1;
  while (id < kMaxTlsModules && g_modules[id].used) ++id;
  if (id == kMaxTlsModules)
    throw Error(o.path, "PT_TLS", std::nullopt, format("more than %zu TLS modules", kMaxTlsModules - 1));
  if (opts_.host) return assign_host_tls(o, id, initial);
  TlsModule& m = g_modules[id];
  m = {o.addr(o.tls->vaddr), o.tls->filesz, o.tls->memsz, align, 0, true, false};
  o.tls_modid = id;
  if (id > tls_modules_) tls_modules_ = id;

  // Static TLS: always for the initial modules; for later ones when they fit
  // in the surplus (initial-exec code needs it), else dynamic.
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
  if (o.dyn.flags & DF_STATIC_TLS)
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("needs 0x%llx bytes of static TLS (initial-exec) but only 0x%llx of the surplus are left",
                       (unsigned long long)round_up(o.tls->memsz, align),
                       (unsigned long long)(tls_static_size_ + kStaticTlsSurplus - tls_static_used_)));
  o.tls_static = false;
  return false;
}

bool Linker::assign_host_tls(Object& o, size_t id, bool initial) {
  g_host_tls = true;
  TlsModule& m = g_modules[id];
  const uint64_t align = o.tls->align ? o.tls->align : 1;
  if (o.is_host) {  // the host placed it: only give it a module id of ours
    m = {0, 0, o.tls->memsz, align, o.tls_offset, true, true};
    o.tls_modid = id;
    o.tls_static = true;
    return true;
  }
  // A module opened later: dynamic TLS, made in each thread on its first use
  // from the image, as glibc does (threads already running included), unless
  // its code needs static TLS: DF_STATIC_TLS, or initial-exec relocations
  // (GNU ld on aarch64 does not set the flag).
  if (!initial && !(o.dyn.flags & DF_STATIC_TLS) && !has_tpoff_relocs(o)) {
    m = {o.addr(o.tls->vaddr), o.tls->filesz, o.tls->memsz, align, 0, true, false};
    o.tls_modid = id;
    o.tls_static = false;
    if (id > tls_modules_) tls_modules_ = id;
    return false;
  }
  // The executable's block goes where its compiler put it relative to the
  // thread pointer; every other module's goes next to it, in the reserve.
  const HostProcess::TlsReserve r = opts_.host->tls_reserve();
  if (host_tls_low_ == 0 && host_tls_high_ == 0) host_tls_low_ = host_tls_high_ = arch::kTlsBelowTp ? 0 : r.lo;
  const uint64_t size = o.tls->memsz;
  int64_t off;
  if (o.is_main)
    off = arch::kTlsBelowTp ? -static_cast<int64_t>(round_up(size, align))
                            : static_cast<int64_t>(round_up(arch::kTlsTcbSize, align));
  else if (arch::kTlsBelowTp)
    off = -static_cast<int64_t>(round_up(static_cast<uint64_t>(-host_tls_low_) + size, align));
  else
    off = static_cast<int64_t>(round_up(static_cast<uint64_t>(host_tls_high_), align));
  if (align > r.align)
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("TLS alignment %llu is more than host mode's TLS reserve guarantees (%llu)",
                       (unsigned long long)align, (unsigned long long)r.align));
  if (off < r.lo || off + static_cast<int64_t>(size) > r.hi) {
    const uint64_t used = static_cast<uint64_t>(host_tls_high_ - host_tls_low_);
    throw Error(o.path, "PT_TLS", std::nullopt,
                format("needs %llu bytes of static TLS (alignment %llu), more than host mode's TLS reserve has "
                       "left (%llu of %llu bytes)",
                       (unsigned long long)size, (unsigned long long)align,
                       (unsigned long long)(static_cast<uint64_t>(r.hi - r.lo) - used),
                       (unsigned long long)(r.hi - r.lo)));
  }
  if (off < host_tls_low_) host_tls_low_ = off;
  if (off + static_cast<int64_t>(size) > host_tls_high_) host_tls_high_ = off + static_cast<int64_t>(size);
  m = {o.addr(o.tls->vaddr), o.tls->filesz, size, align, off, true, true};
  o.tls_modid = id;
  o.tls_offset = off;
  o.tls_static = true;
  if (id > tls_modules_) tls_modules_ = id;
  opts_.host->init_tls(off, reinterpret_cast<const void*>(m.image), m.filesz, m.memsz);
  return true;
}

void Linker::layout_tls() {
  tls_static_used_ = arch::kTlsBelowTp ? 0 : arch::kTlsTcbSize;
  tls_static_size_ = tls_static_used_;
  for (auto& o : objects_) assign_tls(*o, true);
}

uintptr_t Linker::new_thread(const uint8_t random[16]) {
  const uint64_t align = tls_static_align_;
  const uint64_t blocks = round_up(tls_static_size_ + kStaticTlsSurplus, align);
  const uint64_t dtv_size = kMaxTlsModules * sizeof(uintptr_t);
  const uint64_t guard_size = arch::kGuardBelowTp ? page_ : 0;
  const uint64_t total = round_up(blocks + arch::kTcbAllocSize + dtv_size + 2 * align, page_) + guard_size;
  // Raw mmap: threads are made while the program runs.
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
  auto* dtv = reinterpret_cast<uintptr_t*>(dtv_at);
  dtv[0] = kMaxTlsModules;
  for (size_t id = 1; id < kMaxTlsModules; ++id) {
    const TlsModule& m = g_modules[id];
    if (!m.used || !m.is_static) continue;
    const uintptr_t block = tp + m.static_offset;
    memcpy(reinterpret_cast<void*>(block), reinterpret_cast<const void*>(m.image), m.filesz);
    dtv[id] = block;
  }
  auto* tcb = reinterpret_cast<uintptr_t*>(tp);
#if defined(__x86_64__)
  tcb[0] = tp;  // %fs:0 points to itself
  tcb[1] = dtv_at;
  tcb[2] = tp;
  uintptr_t guard, pointer_guard;
  memcpy(&guard, random, 8);
  memcpy(&pointer_guard, random + 8, 8);
  tcb[arch::kTcbStackGuardOffset / 8] = guard & ~uintptr_t(0xff);  // as glibc: a zero low byte
  tcb[arch::kTcbStackGuardOffset / 8 + 1] = pointer_guard;
#else
  (void)random;
  tcb[0] = dtv_at;
  tcb[1] = 0;
#endif
  for (size_t i = 0; i < kMaxThreads; ++i) {
    uintptr_t expected = 0;
    if (__atomic_compare_exchange_n(&g_threads[i], &expected, tp, false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
      thread_blocks_[i] = {mapping, total};
      break;
    }
  }
  return tp;
}

uintptr_t Linker::make_main_thread(const uint8_t random[16]) {
  memcpy(random_, random, sizeof random_);
  const uintptr_t tp = new_thread(random);
  if (!tp) throw Error(main().path, "PT_TLS", std::nullopt, "cannot allocate the thread block");
  return tp;
}

uintptr_t Linker::create_thread_tls() { return new_thread(random_); }

void Linker::free_thread_tls(uintptr_t tp) {
  for (size_t i = 0; i < kMaxThreads; ++i)
    if (g_threads[i] == tp) {
      uintptr_t* dtv = dtv_of(tp);
      for (size_t id = 1; id < kMaxTlsModules; ++id)
        if (g_modules[id].used && !g_modules[id].is_static && dtv[id]) release_dynamic_block(dtv[id], id);
      sys(SYS_munmap, static_cast<long>(thread_blocks_[i].first), static_cast<long>(thread_blocks_[i].second));
      __atomic_store_n(&g_threads[i], 0, __ATOMIC_RELEASE);
      return;
    }
}

// A dynamic block is a mapping of its own; TLS alignment is at most a page
// (assign_tls refuses more), so the block starts the mapping.
void Linker::release_dynamic_block(uintptr_t block, size_t id) {
  sys(SYS_munmap, static_cast<long>(block), static_cast<long>(round_up(g_modules[id].memsz, page_)));
}

void Linker::init_static_tls_in_threads(const Object& o) {
  const TlsModule& m = g_modules[o.tls_modid];
  for (size_t i = 0; i < kMaxThreads; ++i) {
    const uintptr_t tp = __atomic_load_n(&g_threads[i], __ATOMIC_ACQUIRE);
    if (!tp) continue;
    const uintptr_t block = tp + m.static_offset;
    memcpy(reinterpret_cast<void*>(block), reinterpret_cast<const void*>(m.image), m.filesz);
    memset(reinterpret_cast<void*>(block + m.filesz), 0, m.memsz - m.filesz);
    dtv_of(tp)[o.tls_modid] = block;
  }
}

void Linker::release_tls(Object& o) {
  if (!o.tls_modid || g_host_tls) return;
  const size_t id = o.tls_modid;
  for (size_t i = 0; i < kMaxThreads; ++i) {
    const uintptr_t tp = __atomic_load_n(&g_threads[i], __ATOMIC_ACQUIRE);
    if (!tp) continue;
    uintptr_t* dtv = dtv_of(tp);
    if (!g_modules[id].is_static && dtv[id]) release_dynamic_block(dtv[id], id);
    dtv[id] = 0;
  }
  // Static surplus is not reclaimed (as glibc); the id is reused.
  g_modules[id] = {};
  o.tls_modid = 0;
}

}  // namespace ldso

// __tls_get_addr's slow path: the module's block in this thread does not
// exist yet. Allocates it with a raw mmap (async-signal-safe).
int64_t ldso_dtv_offset = ldso::arch::kTcbDtvOffset;
void (*ldso_dtv_made)(uintptr_t* dtv);

extern "C" uintptr_t ldso_tls_block(uintptr_t* dtv, size_t id) {
  using namespace ldso;
  if (id >= kMaxTlsModules || !g_modules[id].used) return 0;
  const TlsModule& m = g_modules[id];
  const uintptr_t tp = arch::thread_pointer_raw();
  if (!dtv) {
    // Host mode: this thread's first slow path makes its DTV.
    dtv = reinterpret_cast<uintptr_t*>(mmap_or_die(kMaxTlsModules * sizeof(uintptr_t), "a DTV"));
    dtv[0] = kMaxTlsModules;
    *reinterpret_cast<uintptr_t**>(tp + ldso_dtv_offset) = dtv;
    if (ldso_dtv_made) ldso_dtv_made(dtv);
  }
  if (m.is_static) return dtv[id] = tp + m.static_offset;
  // Page-aligned, which satisfies any TLS alignment ldso accepts.
  const uintptr_t block = mmap_or_die(m.memsz ? m.memsz : 1, "a dynamic TLS block");
  memcpy(reinterpret_cast<void*>(block), reinterpret_cast<const void*>(m.image), m.filesz);
  dtv[id] = block;
  return block;
}

namespace ldso {

void* tls_address(size_t module, uint64_t offset) {
  tls_index_s ti{module, offset};
  return ldso_tls_get_addr(&ti);
}

void tls_free_dtv(uintptr_t* dtv) {
  // The thread's slot forgets it first: a destructor that runs later and uses
  // dynamic TLS makes a new one (and the host frees that one too).
  auto** slot = reinterpret_cast<uintptr_t**>(arch::thread_pointer_raw() + ldso_dtv_offset);
  if (*slot == dtv) *slot = nullptr;
  for (size_t id = 1; id < kMaxTlsModules; ++id)
    if (dtv[id] && g_modules[id].used && !g_modules[id].is_static)
      sys(SYS_munmap, static_cast<long>(dtv[id]), static_cast<long>(g_modules[id].memsz ? g_modules[id].memsz : 1));
  sys(SYS_munmap, reinterpret_cast<long>(dtv), kMaxTlsModules * sizeof(uintptr_t));
}

}  // namespace ldso
