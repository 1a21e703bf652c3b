// aarch64 cache maintenance: CTR_EL0 and the by-VA ops to the PoU (see
// arch/cache.h for the sequence and the clamping rules).
#include "arch/cache.h"

namespace ldso::arch {

uint64_t read_ctr_el0() noexcept {
  uint64_t ctr;
  // Readable at EL0 when SCTLR_EL1.UCT is set (Linux does so, or traps and
  // emulates it with the system-wide safe value).
  asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
  return ctr;
}

CacheGeometry read_cache_geometry() noexcept { return decode_ctr_el0(read_ctr_el0()); }

CacheGeometry execution_geometry(const CacheGeometry& requested) noexcept {
  const CacheGeometry hw = read_cache_geometry();
  CacheGeometry g = sanitize_geometry(requested);
  // A larger line than the hardware's would skip lines: never use one.
  if (g.dline > hw.dline) g.dline = hw.dline;
  if (g.iline > hw.iline) g.iline = hw.iline;
  // A shortcut the hardware does not have would skip needed maintenance.
  g.idc = g.idc && hw.idc;
  g.dic = g.dic && hw.dic;
  return g;
}

namespace {

inline void issue(CacheOp op, uintptr_t a) noexcept {
  switch (op) {
    case CacheOp::dc_cvau: asm volatile("dc cvau, %0" : : "r"(a) : "memory"); break;
    case CacheOp::dsb_ish: asm volatile("dsb ish" : : : "memory"); break;
    case CacheOp::ic_ivau: asm volatile("ic ivau, %0" : : "r"(a) : "memory"); break;
    case CacheOp::isb: asm volatile("isb" : : : "memory"); break;
  }
}

}  // namespace

void sync_range(uintptr_t begin, uintptr_t end, const CacheGeometry& requested, SyncCounts* counts,
                SyncRecorder* rec) noexcept {
  if (rec && rec->mode == SyncRecorder::Mode::record_only) return detail::record_only(begin, end, requested, counts, rec);
  const CacheGeometry g = execution_geometry(requested);
  if (rec) {
    detail::walk_sync(begin, end, g, [rec](CacheOp op, uintptr_t a) {
      issue(op, a);
      rec->push(op, a);
    });
  } else {
    // `op` is a constant at each call site once inlined: straight-line loops.
    detail::walk_sync(begin, end, g, [](CacheOp op, uintptr_t a) { issue(op, a); });
  }
  detail::add_counts(begin, end, g, counts);
}

}  // namespace ldso::arch
