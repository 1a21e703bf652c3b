// x86_64 "cache maintenance": instruction fetch is coherent with stores (the
// processor snoops its own and other cores' writes to code; cross-modifying
// code on other threads needs a serializing instruction on those cores, which
// is membarrier's SYNC_CORE, not this). No cache instruction is emitted, but
// the range walk, counting and recording are the same as on aarch64.
#include "arch/cache.h"

namespace ldso::arch {

uint64_t read_ctr_el0() noexcept { return 0; }

// Nominal: 64-byte lines, and both shortcuts, because no clean and no
// invalidate is ever needed. With this geometry a sync counts 0 DC and 0 IC
// lines, 2 DSB and 1 ISB per range; an overriding geometry (idc=0, dic=0) is
// counted as given, which is how the aarch64 counts are modelled here.
CacheGeometry read_cache_geometry() noexcept { return CacheGeometry{64, 64, true, true}; }

// Nothing is executed, so the request is not clamped to anything.
CacheGeometry execution_geometry(const CacheGeometry& requested) noexcept { return sanitize_geometry(requested); }

void sync_range(uintptr_t begin, uintptr_t end, const CacheGeometry& requested, SyncCounts* counts,
                SyncRecorder* rec) noexcept {
  if (rec && rec->mode == SyncRecorder::Mode::record_only) return detail::record_only(begin, end, requested, counts, rec);
  const CacheGeometry g = execution_geometry(requested);
  if (begin < end) {
    // The "barriers": keep the compiler from sinking the code's stores past
    // the sync (the hardware needs nothing).
    asm volatile("" : : : "memory");
  }
  if (rec) detail::walk_sync(begin, end, g, [rec](CacheOp op, uintptr_t a) { rec->push(op, a); });
  detail::add_counts(begin, end, g, counts);
}

}  // namespace ldso::arch
