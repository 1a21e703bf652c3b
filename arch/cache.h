// Instruction/data cache coherence: the cache geometry and the one ranged sync
// (DESIGN.md, "Why cache coherence matters").
//
// On aarch64 code written by stores must be made visible to instruction fetch:
//
//   (1) DC CVAU  for every D-line overlapping [begin, end)  -- skipped when IDC
//   (2) DSB ISH                                              -- always
//   (3) IC IVAU  for every I-line overlapping [begin, end)  -- skipped when DIC
//   (4) DSB ISH                                              -- always
//   (5) ISB                                                  -- always
//
// Only by-VA maintenance to the Point of Unification: never set/way, never a
// whole-cache operation. The range must be mapped and readable when synced
// (DC CVAU at EL0 needs read permission); Linux sets SCTLR_EL1.UCI, so both
// DC CVAU and IC IVAU are permitted at EL0.
//
// On x86_64 instruction fetch is coherent with data stores; the geometry is a
// nominal 64/64 with idc = dic = true, the barriers are compiler barriers and
// no cache instruction is issued -- but the range walk, the counting and the
// recording run exactly as on aarch64, so everything around the sync (ledger,
// statistics, lazy faults, these counts) is the same code on both ISAs.
//
// Everything declared here except parse_geometry() is async-signal-safe: no
// allocation, no libc, no errno, no locks. The lazy-fault SIGSEGV handler
// calls sync_range().
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ldso::arch {

// Line sizes in bytes (powers of two, 4..2048) and CTR_EL0's two shortcuts:
//   idc: D-cache clean to PoU is not required for I/D coherence (no DC CVAU;
//        the first DSB ISH is still issued),
//   dic: I-cache invalidation to PoU is not required (no IC IVAU; the second
//        DSB ISH and the ISB are still issued).
// The default is the conservative ARMv8 geometry: 64-byte lines, no shortcut.
struct CacheGeometry {
  uint32_t dline = 64, iline = 64;
  bool idc = false, dic = false;
  friend bool operator==(const CacheGeometry&, const CacheGeometry&) = default;
};

inline constexpr uint32_t kMinCacheLine = 4;     // CTR_EL0 field 0: one word
inline constexpr uint32_t kMaxCacheLine = 2048;  // architectural maximum

// What one or more syncs issued (or, in record-only mode, would issue).
// sync_range() ADDS to these fields, it never resets them.
//   dc_lines: DC CVAU ops = D-lines overlapping the range (0 when idc)
//   ic_lines: IC IVAU ops = I-lines overlapping the range (0 when dic)
//   dsb, isb: barriers (2 and 1 per non-empty range)
//   ranges:   non-empty ranges synced
//   bytes:    end - begin, summed over ranges
struct SyncCounts {
  uint64_t dc_lines = 0, ic_lines = 0, dsb = 0, isb = 0, ranges = 0, bytes = 0;
  friend bool operator==(const SyncCounts&, const SyncCounts&) = default;
};

enum class CacheOp : uint8_t { dc_cvau, dsb_ish, ic_ivau, isb };

// "dc cvau", "dsb ish", "ic ivau", "isb".
constexpr const char* cache_op_name(CacheOp op) noexcept {
  switch (op) {
    case CacheOp::dc_cvau: return "dc cvau";
    case CacheOp::dsb_ish: return "dsb ish";
    case CacheOp::ic_ivau: return "ic ivau";
    case CacheOp::isb: return "isb";
  }
  return "?";
}

// One recorded op. addr is the line-aligned address of a DC/IC op (the address
// the instruction is given), 0 for a barrier.
struct CacheOpRecord {
  CacheOp op;
  uintptr_t addr;
  friend bool operator==(const CacheOpRecord&, const CacheOpRecord&) = default;
};

// Records the ops a sync issues into a caller-provided fixed array (no
// allocation: usable from a signal handler too).
//   record_only:        dry run. Nothing is executed, on either ISA, and the
//                       geometry is used as given (only sanitized), so any
//                       geometry can be modelled on any machine.
//   record_and_execute: the ops are executed for real and recorded; the
//                       records are exactly what was executed (the geometry
//                       is clamped as sync_range() documents).
// When the array is full, further ops are counted in `total` but not stored.
struct SyncRecorder {
  enum class Mode : uint8_t { record_only, record_and_execute };
  CacheOpRecord* ops = nullptr;
  size_t capacity = 0;
  size_t count = 0;  // ops stored in ops[0..count)
  size_t total = 0;  // ops seen (> count when the array overflowed)
  Mode mode = Mode::record_only;

  bool overflowed() const noexcept { return total > count; }
  void clear() noexcept { count = total = 0; }
  void push(CacheOp op, uintptr_t addr) noexcept {
    if (count < capacity) ops[count++] = CacheOpRecord{op, addr};
    ++total;
  }
};

// A recorder with its own storage, for tests and diagnostics.
template <size_t N>
struct FixedSyncRecorder : SyncRecorder {
  CacheOpRecord storage[N];
  explicit FixedSyncRecorder(Mode m = Mode::record_only) noexcept : SyncRecorder{storage, N, 0, 0, m} {}
  FixedSyncRecorder(const FixedSyncRecorder&) = delete;
  FixedSyncRecorder& operator=(const FixedSyncRecorder&) = delete;
};

// CTR_EL0 decoded: DminLine = bits[19:16], IminLine = bits[3:0] (log2 of the
// smallest line in 4-byte words: bytes = 4 << field), IDC = bit 28, DIC = bit
// 29. Pure; usable for any CTR_EL0 value on either ISA.
constexpr CacheGeometry decode_ctr_el0(uint64_t ctr) noexcept {
  return CacheGeometry{
      uint32_t{4} << ((ctr >> 16) & 0xf),
      uint32_t{4} << (ctr & 0xf),
      ((ctr >> 28) & 1) != 0,
      ((ctr >> 29) & 1) != 0,
  };
}

// The raw CTR_EL0 value on aarch64 (0 on x86_64).
uint64_t read_ctr_el0() noexcept;

// The machine's geometry: CTR_EL0 decoded on aarch64 (read each call: one
// MRS); on x86_64 the nominal {64, 64, idc = true, dic = true}: instruction
// fetch is coherent, so no clean and no invalidate is needed.
CacheGeometry read_cache_geometry() noexcept;

// A line size made safe to walk with: rounded DOWN to a power of two, then
// clamped to [kMinCacheLine, kMaxCacheLine]. Walking with a smaller line than
// the cache's is always correct (more ops, each line still covered); a larger
// one is not (lines in between would be skipped).
constexpr uint32_t sanitize_line(uint32_t line) noexcept {
  if (line < kMinCacheLine) return kMinCacheLine;
  if (line > kMaxCacheLine) return kMaxCacheLine;
  uint32_t p = kMinCacheLine;
  while (p * 2 <= line) p *= 2;
  return p;
}

constexpr CacheGeometry sanitize_geometry(const CacheGeometry& g) noexcept {
  return CacheGeometry{sanitize_line(g.dline), sanitize_line(g.iline), g.idc, g.dic};
}

// The geometry sync_range() really executes with for a requested geometry:
//   aarch64: sanitized, then each line clamped to at most the hardware's
//            (CTR_EL0) and each shortcut kept only if the hardware has it too
//            (idc = requested.idc && CTR_EL0.IDC, same for dic). Asking for
//            more maintenance than needed is honoured; asking for less is not.
//   x86_64:  sanitized only: nothing is executed, so the request is counted
//            as given (the counts are the same as a record-only run).
CacheGeometry execution_geometry(const CacheGeometry& requested) noexcept;

// Number of `line`-byte lines overlapping [begin, end); 0 if begin >= end.
// `line` must be a power of two. Never overflows, even at the top of the
// address space.
constexpr uint64_t lines_overlapping(uintptr_t begin, uintptr_t end, uint32_t line) noexcept {
  if (begin >= end) return 0;
  return ((end - 1) / line) - (begin / line) + 1;
}

// Makes [begin, end) coherent for instruction fetch: the five steps at the top
// of this file, with the lines of execution_geometry(g) -- or, with a
// record-only recorder, of sanitize_geometry(g) and nothing executed.
//   - An empty range (begin >= end) issues nothing and counts nothing (not
//     even a range or a barrier).
//   - counts (may be null) is added to: exactly the ops issued (or recorded in
//     a dry run). On x86_64 the DC/IC lines the geometry implies are counted
//     although no instruction is emitted, so counts for a given geometry are
//     the same on both ISAs.
//   - rec (may be null) records every op in order; see SyncRecorder.
// Async-signal-safe and thread-safe (touches only *counts and *rec, which
// the caller must not share between threads).
void sync_range(uintptr_t begin, uintptr_t end, const CacheGeometry& g, SyncCounts* counts,
                SyncRecorder* rec = nullptr) noexcept;

// Parses a geometry override, as given to --cache-geometry= or in
// LDSO_CACHE_GEOMETRY: comma-separated key=value fields, e.g.
//   "dline=64,iline=128,idc=0,dic=1"
// Keys: dline, iline (bytes, decimal or 0x hex, a power of two in 4..2048),
// idc, dic (0/1/true/false). Keys not given keep `base`'s value (by default
// the conservative 64/64, no shortcut); each key at most once; no spaces.
// On error returns nullopt and, if `error` is non-null, sets it to a precise
// message naming the field. Allocates (not for signal handlers).
inline std::optional<CacheGeometry> parse_geometry(std::string_view spec, std::string* error,
                                                   const CacheGeometry& base = CacheGeometry{});

// Writes "dline=64,iline=64,idc=0,dic=0" (the form parse_geometry() reads)
// into buf, NUL-terminated, truncated to n - 1 chars (n may be 0); returns
// the length it needed. Async-signal-safe.
inline size_t format_geometry(const CacheGeometry& g, char* buf, size_t n) noexcept;

namespace detail {

// The op sequence of one sync, common to both ISAs and to dry runs: calls
// emit(op, addr) for each op in order. Lines must already be sanitized.
template <class Emit>
inline void walk_sync(uintptr_t begin, uintptr_t end, const CacheGeometry& g, Emit&& emit) noexcept {
  if (begin >= end) return;
  if (!g.idc) {
    uintptr_t a = begin & ~uintptr_t{g.dline - 1};
    for (uint64_t n = lines_overlapping(begin, end, g.dline); n; --n, a += g.dline) emit(CacheOp::dc_cvau, a);
  }
  emit(CacheOp::dsb_ish, 0);
  if (!g.dic) {
    uintptr_t a = begin & ~uintptr_t{g.iline - 1};
    for (uint64_t n = lines_overlapping(begin, end, g.iline); n; --n, a += g.iline) emit(CacheOp::ic_ivau, a);
  }
  emit(CacheOp::dsb_ish, 0);
  emit(CacheOp::isb, 0);
}

// Adds one sync's ops to counts (computed, not counted op by op).
inline void add_counts(uintptr_t begin, uintptr_t end, const CacheGeometry& g, SyncCounts* counts) noexcept {
  if (!counts || begin >= end) return;
  if (!g.idc) counts->dc_lines += lines_overlapping(begin, end, g.dline);
  if (!g.dic) counts->ic_lines += lines_overlapping(begin, end, g.iline);
  counts->dsb += 2;
  counts->isb += 1;
  counts->ranges += 1;
  counts->bytes += end - begin;
}

// A dry run: records, executes nothing. Shared by both ISAs' sync_range().
inline void record_only(uintptr_t begin, uintptr_t end, const CacheGeometry& requested, SyncCounts* counts,
                        SyncRecorder* rec) noexcept {
  const CacheGeometry g = sanitize_geometry(requested);
  walk_sync(begin, end, g, [rec](CacheOp op, uintptr_t a) { rec->push(op, a); });
  add_counts(begin, end, g, counts);
}

}  // namespace detail

// The ISA-independent parts are defined here so that each ISA builds only
// its own arch/<isa>/cache.cpp (the machine: CTR_EL0, the instructions).

inline std::optional<CacheGeometry> parse_geometry(std::string_view spec, std::string* error,
                                                   const CacheGeometry& base) {
  auto fail = [&](std::string_view field, const std::string& what) -> std::optional<CacheGeometry> {
    if (error) {
      *error = "cache geometry \"" + std::string(spec) + "\": ";
      if (!field.empty()) *error += "field \"" + std::string(field) + "\": ";
      *error += what;
    }
    return std::nullopt;
  };
  if (spec.empty()) return fail({}, "empty (expected e.g. dline=64,iline=64,idc=0,dic=0)");
  CacheGeometry g = base;
  unsigned seen = 0;  // bit per key
  static constexpr std::string_view kKeys[] = {"dline", "iline", "idc", "dic"};
  size_t pos = 0;
  for (;;) {
    const size_t comma = spec.find(',', pos);
    const std::string_view field = spec.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (field.empty()) return fail({}, "empty field at offset " + std::to_string(pos));
    const size_t eq = field.find('=');
    if (eq == std::string_view::npos) return fail(field, "expected key=value");
    const std::string_view key = field.substr(0, eq), value = field.substr(eq + 1);
    unsigned k = 0;
    while (k < 4 && kKeys[k] != key) ++k;
    if (k == 4) return fail(field, "unknown key \"" + std::string(key) + "\" (expected dline, iline, idc or dic)");
    if (seen & (1u << k)) return fail(field, "\"" + std::string(key) + "\" given twice");
    seen |= 1u << k;
    if (value.empty()) return fail(field, "empty value");
    if (k < 2) {  // a line size
      uint64_t v = 0;
      std::string_view digits = value;
      unsigned radix = 10;
      if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) digits.remove_prefix(2), radix = 16;
      for (char c : digits) {
        unsigned d;
        if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
        else if (radix == 16 && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
        else if (radix == 16 && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
        else return fail(field, "\"" + std::string(value) + "\" is not a number");
        v = v * radix + d;
        if (v > kMaxCacheLine) break;  // already out of range; don't overflow
      }
      if (v < kMinCacheLine || v > kMaxCacheLine || (v & (v - 1)) != 0)
        return fail(field, "line size must be a power of two in 4..2048, got " + std::string(value));
      (k == 0 ? g.dline : g.iline) = static_cast<uint32_t>(v);
    } else {
      bool b;
      if (value == "1" || value == "true") b = true;
      else if (value == "0" || value == "false") b = false;
      else return fail(field, "expected 0, 1, true or false, got \"" + std::string(value) + "\"");
      (k == 2 ? g.idc : g.dic) = b;
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return g;
}

inline size_t format_geometry(const CacheGeometry& g, char* buf, size_t n) noexcept {
  size_t len = 0;
  auto put = [&](const char* s) {
    for (; *s; ++s, ++len)
      if (len + 1 < n) buf[len] = *s;
  };
  auto put_u = [&](uint32_t v) {
    char d[11];
    int i = 0;
    do d[i++] = static_cast<char>('0' + v % 10); while (v /= 10);
    char s[12];
    int j = 0;
    while (i) s[j++] = d[--i];
    s[j] = 0;
    put(s);
  };
  put("dline="), put_u(g.dline), put(",iline="), put_u(g.iline);
  put(",idc="), put(g.idc ? "1" : "0"), put(",dic="), put(g.dic ? "1" : "0");
  if (n) buf[len < n ? len : n - 1] = 0;
  return len;
}

}  // namespace ldso::arch
