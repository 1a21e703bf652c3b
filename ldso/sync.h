// The sync ledger: every instruction/data cache sync ldso performs, with why
// and for which object, plus totals for --stats and the crash report; and the
// membarrier registration that lets rewritten code reach other threads.
//
// Everything here except write_sync_json() is async-signal-safe and may run in
// several threads at once (the lazy-fault handler): no allocation, no libc
// beyond raw syscalls, no errno, no locks; shared state uses __atomic builtins.
//
// Typical use (the loader):
//   startup:   ledger.set_geometry(override ? *override : arch::read_cache_geometry());
//              ledger.set_membarrier(membarrier_register());
//   eager:     ledger.sync(seg_begin, seg_end, SyncReason::eager_segment, idx, name);
//   lazy:      in the SIGSEGV handler, with the page still readable and not
//              yet executable: ledger.sync_lazy_fault(page, page + psz, idx, name);
//              then mprotect the page R+X.
//   rewritten code while other threads may run (PLT patching, text relocs
//   after start): ledger.sync(b, e, SyncReason::written_range, idx, name);
//              then membarrier_sync_core() if registered.
//   crash:     const LedgerEntry* e = ledger.find(pc); (null + !complete()
//              means "unknown: entries were dropped").
#pragma once
#include <cstddef>
#include <cstdint>

#include "arch/cache.h"

namespace ldso {

enum class SyncReason : uint8_t { eager_segment, written_range, lazy_fault };

// "eager_segment", "written_range", "lazy_fault".
const char* sync_reason_name(SyncReason r) noexcept;

struct LedgerEntry {
  uintptr_t begin = 0, end = 0;  // [begin, end) as given to the sync
  uint64_t seq = 0;              // 1-based order of syncs; 0: slot not yet published
  const char* object = nullptr;  // not owned (the object's name, alive until exit); may be null
  uint32_t object_index = 0;     // the loader's index of the object
  SyncReason reason = SyncReason::eager_segment;
};

enum class MembarrierState : uint8_t {
  not_tried,    // membarrier_register() was not called
  registered,   // PRIVATE_EXPEDITED_SYNC_CORE registered: membarrier_sync_core() works
  unsupported,  // the kernel (or qemu-user) lacks membarrier or the SYNC_CORE command
  failed,       // QUERY said supported, REGISTER failed with `error`
};

struct MembarrierStatus {
  MembarrierState state = MembarrierState::not_tried;
  int error = 0;        // positive errno for unsupported (ENOSYS...) / failed; 0 otherwise
  uint32_t query = 0;   // the command mask MEMBARRIER_CMD_QUERY returned (0 if it failed)
};

// Queries membarrier, and if PRIVATE_EXPEDITED_SYNC_CORE is offered, registers
// the process for it. Never fails the caller: the status says what happened.
MembarrierStatus membarrier_register() noexcept;

// MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE: every other running thread of
// the process executes a core-serializing (context-synchronizing) event
// before it returns to user space. Returns 0 or -errno (-EPERM if not
// registered). Raw syscall.
long membarrier_sync_core() noexcept;

// "registered", "unsupported (errno 38)", "unsupported (query mask 0x1f)",
// "failed (errno 22)", "not-tried". NUL-terminated in buf (truncated to n-1);
// returns the length needed.
size_t format_membarrier_status(const MembarrierStatus& s, char* buf, size_t n) noexcept;

// A fixed array of kCapacity entries, filled once in order: entry i is the
// sync with seq i+1. When full, further syncs are still performed and counted
// in the totals and in dropped(), but not recorded: the first syncs (the
// eager segments, the first faults) are never overwritten, and a slot, once
// published, never changes, so a reader in a signal handler cannot see a torn
// entry. find() then answers only for what was recorded: see complete().
//
// Zero-initialised and constant-initialised: a global SyncLedger needs no
// constructor to run. It is 160 KiB: don't put one on a stack.
class SyncLedger {
 public:
  static constexpr size_t kCapacity = 4096;

  // Configuration (before the program starts; plain stores).
  void set_geometry(const arch::CacheGeometry& g) noexcept;
  // The geometry syncs are requested with: set_geometry()'s, or the machine's
  // (read_cache_geometry()) when none was set.
  arch::CacheGeometry geometry() const noexcept;
  void set_membarrier(const MembarrierStatus& s) noexcept { membarrier_ = s; }
  const MembarrierStatus& membarrier() const noexcept { return membarrier_; }

  // Syncs [begin, end) with geometry(), adds what was issued to the totals,
  // and records an entry. Returns the entry's seq, or 0 for an empty range
  // (nothing synced, nothing recorded).
  uint64_t sync(uintptr_t begin, uintptr_t end, SyncReason reason, uint32_t object_index,
                const char* object) noexcept;
  // note_lazy_fault() + sync(..., SyncReason::lazy_fault, ...).
  uint64_t sync_lazy_fault(uintptr_t begin, uintptr_t end, uint32_t object_index, const char* object) noexcept;

  // The parts of sync(), for callers that sync some other way.
  uint64_t record(uintptr_t begin, uintptr_t end, SyncReason reason, uint32_t object_index,
                  const char* object) noexcept;
  void add_counts(const arch::SyncCounts& c) noexcept;
  void note_lazy_fault() noexcept;

  // The latest recorded entry whose [begin, end) contains addr, or null.
  const LedgerEntry* find(uintptr_t addr) const noexcept;

  // Syncs recorded so far (the seq of the last one handed out).
  uint64_t syncs() const noexcept;
  // Entries stored: min(syncs(), kCapacity). entry(i) for i < size() is null
  // only while another thread is still writing that slot.
  size_t size() const noexcept;
  const LedgerEntry* entry(size_t i) const noexcept;
  uint64_t dropped() const noexcept;
  bool complete() const noexcept { return dropped() == 0; }

  arch::SyncCounts totals() const noexcept;
  uint64_t lazy_faults() const noexcept;

  // Back to empty (keeps geometry and membarrier status). Not thread-safe:
  // tests, or before anything runs.
  void reset() noexcept;

 private:
  LedgerEntry entries_[kCapacity]{};
  uint64_t next_ = 0;  // slots claimed (== syncs recorded, may exceed kCapacity)
  arch::SyncCounts totals_{};
  uint64_t lazy_faults_ = 0;
  arch::CacheGeometry geometry_{0, 0, false, false};  // all-zero: the ledger lives in .bss
  bool geometry_set_ = false;
  MembarrierStatus membarrier_{};
};

// The process's ledger.
SyncLedger& sync_ledger() noexcept;

// Writes the "sync" object of --stats=FILE to fd (no trailing newline, so it
// can be embedded as a member value):
//   {"ranges":N,"dc_lines":N,"ic_lines":N,"dsb":N,"isb":N,"bytes":N,
//    "lazy_faults":N,"syncs":N,"dropped":N,
//    "geometry":{"dline":64,"iline":64,"idc":false,"dic":false},
//    "effective_geometry":{...what sync_range executes with on this machine...},
//    "membarrier":"registered",
//    "ledger":[{"seq":1,"begin":"0x..","end":"0x..","reason":"eager_segment",
//               "object":"libc.so.6","index":1},...]}
// "object" is null when the entry has no name. Uses snprintf and write(2);
// not for signal handlers. Returns false if a write failed.
bool write_sync_json(int fd, const SyncLedger& ledger);

}  // namespace ldso
