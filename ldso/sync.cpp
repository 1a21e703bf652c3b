// The sync ledger and membarrier (see sync.h).
#include "ldso/sync.h"

#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "arch/arch.h"

namespace ldso {

const char* sync_reason_name(SyncReason r) noexcept {
  switch (r) {
    case SyncReason::eager_segment: return "eager_segment";
    case SyncReason::written_range: return "written_range";
    case SyncReason::lazy_fault: return "lazy_fault";
  }
  return "unknown";
}

// ---- membarrier -------------------------------------------------------------

namespace {

long membarrier_raw(int cmd, unsigned flags) noexcept {
  return arch::raw_syscall3(SYS_membarrier, cmd, static_cast<long>(flags), 0);
}

}  // namespace

MembarrierStatus membarrier_register() noexcept {
  MembarrierStatus s;
  const long q = membarrier_raw(MEMBARRIER_CMD_QUERY, 0);
  if (q < 0) {
    s.state = MembarrierState::unsupported;  // ENOSYS: no membarrier at all
    s.error = static_cast<int>(-q);
    return s;
  }
  s.query = static_cast<uint32_t>(q);
  if (!(q & MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE) || !(q & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE)) {
    s.state = MembarrierState::unsupported;  // the architecture/kernel lacks SYNC_CORE
    return s;
  }
  const long r = membarrier_raw(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0);
  if (r < 0) {
    s.state = MembarrierState::failed;
    s.error = static_cast<int>(-r);
    return s;
  }
  s.state = MembarrierState::registered;
  return s;
}

long membarrier_sync_core() noexcept { return membarrier_raw(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0); }

namespace {

// A tiny async-signal-safe string builder over a caller's buffer.
struct Fmt {
  char* buf;
  size_t n;
  size_t len = 0;
  void put(const char* s) noexcept {
    for (; *s; ++s, ++len)
      if (len + 1 < n) buf[len] = *s;
  }
  void put_u(uint64_t v, unsigned radix = 10) noexcept {
    char d[24];
    int i = 0;
    do d[i++] = "0123456789abcdef"[v % radix]; while (v /= radix);
    char s[25];
    int j = 0;
    while (i) s[j++] = d[--i];
    s[j] = 0;
    put(s);
  }
  size_t finish() noexcept {
    if (n) buf[len < n ? len : n - 1] = 0;
    return len;
  }
};

}  // namespace

size_t format_membarrier_status(const MembarrierStatus& s, char* buf, size_t n) noexcept {
  Fmt f{buf, n};
  switch (s.state) {
    case MembarrierState::not_tried: f.put("not-tried"); break;
    case MembarrierState::registered: f.put("registered"); break;
    case MembarrierState::unsupported:
      f.put("unsupported (");
      if (s.error) f.put("errno "), f.put_u(static_cast<uint64_t>(s.error));
      else f.put("query mask 0x"), f.put_u(s.query, 16);
      f.put(")");
      break;
    case MembarrierState::failed:
      f.put("failed (errno "), f.put_u(static_cast<uint64_t>(s.error)), f.put(")");
      break;
  }
  return f.finish();
}

// ---- the ledger -------------------------------------------------------------

void SyncLedger::set_geometry(const arch::CacheGeometry& g) noexcept {
  geometry_ = g;
  geometry_set_ = true;
}

arch::CacheGeometry SyncLedger::geometry() const noexcept {
  return geometry_set_ ? geometry_ : arch::read_cache_geometry();
}

uint64_t SyncLedger::sync(uintptr_t begin, uintptr_t end, SyncReason reason, uint32_t object_index,
                          const char* object) noexcept {
  if (begin >= end) return 0;
  // Execute with what is safe on this machine (execution_geometry), but count
  // the operations the requested geometry implies: a test, or the statistics
  // of a machine being modelled, sees the same numbers on every host.
  arch::sync_range(begin, end, geometry(), nullptr);
  arch::SyncCounts c;
  arch::detail::add_counts(begin, end, arch::sanitize_geometry(geometry()), &c);
  add_counts(c);
  return record(begin, end, reason, object_index, object);
}

uint64_t SyncLedger::sync_lazy_fault(uintptr_t begin, uintptr_t end, uint32_t object_index,
                                     const char* object) noexcept {
  note_lazy_fault();
  return sync(begin, end, SyncReason::lazy_fault, object_index, object);
}

uint64_t SyncLedger::record(uintptr_t begin, uintptr_t end, SyncReason reason, uint32_t object_index,
                            const char* object) noexcept {
  const uint64_t idx = __atomic_fetch_add(&next_, 1, __ATOMIC_RELAXED);
  if (idx < kCapacity) {
    LedgerEntry& e = entries_[idx];
    e.begin = begin;
    e.end = end;
    e.object = object;
    e.object_index = object_index;
    e.reason = reason;
    // Publish: a reader that sees seq != 0 (acquire) sees every field above.
    __atomic_store_n(&e.seq, idx + 1, __ATOMIC_RELEASE);
  }
  return idx + 1;
}

void SyncLedger::add_counts(const arch::SyncCounts& c) noexcept {
  __atomic_fetch_add(&totals_.dc_lines, c.dc_lines, __ATOMIC_RELAXED);
  __atomic_fetch_add(&totals_.ic_lines, c.ic_lines, __ATOMIC_RELAXED);
  __atomic_fetch_add(&totals_.dsb, c.dsb, __ATOMIC_RELAXED);
  __atomic_fetch_add(&totals_.isb, c.isb, __ATOMIC_RELAXED);
  __atomic_fetch_add(&totals_.ranges, c.ranges, __ATOMIC_RELAXED);
  __atomic_fetch_add(&totals_.bytes, c.bytes, __ATOMIC_RELAXED);
}

void SyncLedger::note_lazy_fault() noexcept { __atomic_fetch_add(&lazy_faults_, 1, __ATOMIC_RELAXED); }

uint64_t SyncLedger::syncs() const noexcept { return __atomic_load_n(&next_, __ATOMIC_ACQUIRE); }

size_t SyncLedger::size() const noexcept {
  const uint64_t n = syncs();
  return n < kCapacity ? static_cast<size_t>(n) : kCapacity;
}

const LedgerEntry* SyncLedger::entry(size_t i) const noexcept {
  if (i >= kCapacity) return nullptr;
  const LedgerEntry& e = entries_[i];
  return __atomic_load_n(&e.seq, __ATOMIC_ACQUIRE) != 0 ? &e : nullptr;
}

uint64_t SyncLedger::dropped() const noexcept {
  const uint64_t n = syncs();
  return n > kCapacity ? n - kCapacity : 0;
}

const LedgerEntry* SyncLedger::find(uintptr_t addr) const noexcept {
  for (size_t i = size(); i-- > 0;) {
    const LedgerEntry* e = entry(i);
    if (e && e->begin <= addr && addr < e->end) return e;
  }
  return nullptr;
}

arch::SyncCounts SyncLedger::totals() const noexcept {
  arch::SyncCounts c;
  c.dc_lines = __atomic_load_n(&totals_.dc_lines, __ATOMIC_RELAXED);
  c.ic_lines = __atomic_load_n(&totals_.ic_lines, __ATOMIC_RELAXED);
  c.dsb = __atomic_load_n(&totals_.dsb, __ATOMIC_RELAXED);
  c.isb = __atomic_load_n(&totals_.isb, __ATOMIC_RELAXED);
  c.ranges = __atomic_load_n(&totals_.ranges, __ATOMIC_RELAXED);
  c.bytes = __atomic_load_n(&totals_.bytes, __ATOMIC_RELAXED);
  return c;
}

uint64_t SyncLedger::lazy_faults() const noexcept { return __atomic_load_n(&lazy_faults_, __ATOMIC_RELAXED); }

void SyncLedger::reset() noexcept {
  for (auto& e : entries_) e = LedgerEntry{};
  next_ = 0;
  totals_ = arch::SyncCounts{};
  lazy_faults_ = 0;
}

SyncLedger& sync_ledger() noexcept {
  static constinit SyncLedger ledger;  // constant-initialised: no guard, no constructor
  return ledger;
}

// ---- JSON -------------------------------------------------------------------

namespace {

class JsonOut {
 public:
  explicit JsonOut(int fd) : fd_(fd) {}
  ~JsonOut() { flush(); }
  bool ok() const { return ok_; }

  void raw(const char* s, size_t n) {
    while (n) {
      if (len_ == sizeof buf_) flush();
      const size_t k = n < sizeof buf_ - len_ ? n : sizeof buf_ - len_;
      memcpy(buf_ + len_, s, k);
      len_ += k, s += k, n -= k;
    }
  }
  void raw(const char* s) { raw(s, strlen(s)); }
  void printf_like(const char* fmt, unsigned long long v) {
    char tmp[64];
    const int k = snprintf(tmp, sizeof tmp, fmt, v);
    if (k > 0) raw(tmp, static_cast<size_t>(k) < sizeof tmp ? static_cast<size_t>(k) : sizeof tmp - 1);
  }
  void u(uint64_t v) { printf_like("%llu", static_cast<unsigned long long>(v)); }
  void hex_string(uint64_t v) { printf_like("\"0x%llx\"", static_cast<unsigned long long>(v)); }
  void boolean(bool b) { raw(b ? "true" : "false"); }
  void string(const char* s) {
    if (!s) return raw("null");
    raw("\"");
    for (; *s; ++s) {
      const unsigned char c = static_cast<unsigned char>(*s);
      if (c == '"') raw("\\\"");
      else if (c == '\\') raw("\\\\");
      else if (c == '\n') raw("\\n");
      else if (c == '\t') raw("\\t");
      else if (c < 0x20 || c == 0x7f) printf_like("\\u%04llx", c);
      else raw(reinterpret_cast<const char*>(&c), 1);
      // Bytes >= 0x80 pass through: names are UTF-8 in practice; JSON readers
      // that insist on valid UTF-8 may reject a path that is not.
    }
    raw("\"");
  }
  void key(const char* k, bool first = false) {
    if (!first) raw(",");
    string(k);
    raw(":");
  }
  void geometry(const arch::CacheGeometry& g) {
    raw("{");
    key("dline", true), u(g.dline);
    key("iline"), u(g.iline);
    key("idc"), boolean(g.idc);
    key("dic"), boolean(g.dic);
    raw("}");
  }
  void flush() {
    size_t off = 0;
    while (ok_ && off < len_) {
      const ssize_t w = ::write(fd_, buf_ + off, len_ - off);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) ok_ = false;
      else off += static_cast<size_t>(w);
    }
    len_ = 0;
  }

 private:
  int fd_;
  bool ok_ = true;
  size_t len_ = 0;
  char buf_[4096];
};

}  // namespace

bool write_sync_json(int fd, const SyncLedger& ledger) {
  JsonOut o(fd);
  const arch::SyncCounts t = ledger.totals();
  o.raw("{");
  o.key("ranges", true), o.u(t.ranges);
  o.key("dc_lines"), o.u(t.dc_lines);
  o.key("ic_lines"), o.u(t.ic_lines);
  o.key("dsb"), o.u(t.dsb);
  o.key("isb"), o.u(t.isb);
  o.key("bytes"), o.u(t.bytes);
  o.key("lazy_faults"), o.u(ledger.lazy_faults());
  o.key("syncs"), o.u(ledger.syncs());
  o.key("dropped"), o.u(ledger.dropped());
  const arch::CacheGeometry g = ledger.geometry();
  o.key("geometry"), o.geometry(g);
  o.key("effective_geometry"), o.geometry(arch::execution_geometry(g));
  char mb[64];
  format_membarrier_status(ledger.membarrier(), mb, sizeof mb);
  o.key("membarrier"), o.string(mb);
  o.key("ledger"), o.raw("[");
  bool first = true;
  for (size_t i = 0, n = ledger.size(); i < n; ++i) {
    const LedgerEntry* e = ledger.entry(i);
    if (!e) continue;
    o.raw(first ? "{" : ",{");
    first = false;
    o.key("seq", true), o.u(e->seq);
    o.key("begin"), o.hex_string(e->begin);
    o.key("end"), o.hex_string(e->end);
    o.key("reason"), o.string(sync_reason_name(e->reason));
    o.key("object"), o.string(e->object);
    o.key("index"), o.u(e->object_index);
    o.raw("}");
  }
  o.raw("]}");
  o.flush();
  return o.ok();
}

}  // namespace ldso
