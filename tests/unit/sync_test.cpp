// The sync ledger (ldso/sync.h): recording, find(), overflow, concurrent
// recording, totals, membarrier status, and the --stats JSON.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ldso/sync.h"

using ldso::LedgerEntry;
using ldso::MembarrierState;
using ldso::MembarrierStatus;
using ldso::SyncLedger;
using ldso::SyncReason;
using ldso::arch::CacheGeometry;
using ldso::arch::SyncCounts;

namespace {

std::unique_ptr<SyncLedger> fresh() { return std::make_unique<SyncLedger>(); }

// A readable, writable buffer the ledger may really sync.
struct Buffer {
  size_t size;
  uint8_t* p;
  explicit Buffer(size_t n) : size(n) {
    void* m = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(m != MAP_FAILED);
    p = static_cast<uint8_t*>(m);
  }
  ~Buffer() { munmap(p, size); }
  uintptr_t addr(size_t off = 0) const { return reinterpret_cast<uintptr_t>(p) + off; }
};

std::string json_of(const SyncLedger& l) {
  FILE* f = tmpfile();
  REQUIRE(f);
  CHECK(ldso::write_sync_json(fileno(f), l));
  std::string s;
  rewind(f);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  fclose(f);
  return s;
}

// A strict little JSON validator (RFC 8259 grammar, no semantics).
struct JsonCheck {
  const std::string& s;
  size_t i = 0;
  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
  }
  bool lit(const char* l) {
    const size_t n = strlen(l);
    if (s.compare(i, n, l) != 0) return false;
    i += n;
    return true;
  }
  bool string() {
    if (i >= s.size() || s[i] != '"') return false;
    for (++i; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') return ++i, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i >= s.size()) return false;
        if (s[i] == 'u') {
          for (int k = 0; k < 4; ++k)
            if (++i >= s.size() || !isxdigit(static_cast<unsigned char>(s[i]))) return false;
        } else if (!strchr("\"\\/bfnrt", s[i])) {
          return false;
        }
      }
    }
    return false;
  }
  bool number() {
    const size_t start = i;
    if (i < s.size() && s[i] == '-') ++i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start;
  }
  bool value() {
    ws();
    if (i >= s.size()) return false;
    bool ok;
    if (s[i] == '{') {
      ++i, ws();
      if (i < s.size() && s[i] == '}') return ++i, true;
      for (;;) {
        ws();
        if (!string()) return false;
        ws();
        if (i >= s.size() || s[i++] != ':') return false;
        if (!value()) return false;
        ws();
        if (i < s.size() && s[i] == ',') { ++i; continue; }
        if (i < s.size() && s[i] == '}') return ++i, true;
        return false;
      }
    } else if (s[i] == '[') {
      ++i, ws();
      if (i < s.size() && s[i] == ']') return ++i, true;
      for (;;) {
        if (!value()) return false;
        ws();
        if (i < s.size() && s[i] == ',') { ++i; continue; }
        if (i < s.size() && s[i] == ']') return ++i, true;
        return false;
      }
    } else if (s[i] == '"') {
      ok = string();
    } else if (lit("true") || lit("false") || lit("null")) {
      ok = true;
    } else {
      ok = number();
    }
    return ok;
  }
  bool document() {
    if (!value()) return false;
    ws();
    return i == s.size();
  }
};

bool valid_json(const std::string& s) { return JsonCheck{s}.document(); }

}  // namespace

TEST_CASE("sync: reason names") {
  CHECK(std::string(ldso::sync_reason_name(SyncReason::eager_segment)) == "eager_segment");
  CHECK(std::string(ldso::sync_reason_name(SyncReason::written_range)) == "written_range");
  CHECK(std::string(ldso::sync_reason_name(SyncReason::lazy_fault)) == "lazy_fault");
}

TEST_CASE("sync: the validator in this file rejects broken JSON") {
  CHECK(valid_json(R"({"a":[1,2,{"b":"x\"y"}],"c":null,"d":true})"));
  CHECK_FALSE(valid_json(R"({"a":1,})"));
  CHECK_FALSE(valid_json(R"({"a":"x)"));
  CHECK_FALSE(valid_json(R"({"a":1}})"));
  CHECK_FALSE(valid_json("{\"a\":\"\x01\"}"));
}

TEST_CASE("sync: record and find") {
  auto l = fresh();
  CHECK(l->find(0x1000) == nullptr);
  CHECK(l->size() == 0);
  CHECK(l->complete());
  CHECK(l->record(0x1000, 0x3000, SyncReason::eager_segment, 1, "libfoo.so") == 1);
  CHECK(l->record(0x2000, 0x2100, SyncReason::written_range, 1, "libfoo.so") == 2);
  CHECK(l->record(0x8000, 0x9000, SyncReason::lazy_fault, 2, nullptr) == 3);
  CHECK(l->size() == 3);
  CHECK(l->syncs() == 3);

  const LedgerEntry* e = l->entry(1);
  REQUIRE(e);
  CHECK(e->begin == 0x2000);
  CHECK(e->end == 0x2100);
  CHECK(e->seq == 2);
  CHECK(e->reason == SyncReason::written_range);
  CHECK(std::string(e->object) == "libfoo.so");
  CHECK(e->object_index == 1);

  // The latest entry covering the address.
  REQUIRE(l->find(0x1000));
  CHECK(l->find(0x1000)->seq == 1);
  CHECK(l->find(0x2000)->seq == 2);
  CHECK(l->find(0x20ff)->seq == 2);
  CHECK(l->find(0x2100)->seq == 1);  // end is exclusive
  CHECK(l->find(0x2fff)->seq == 1);
  CHECK(l->find(0x3000) == nullptr);
  CHECK(l->find(0xfff) == nullptr);
  CHECK(l->find(0x8abc)->seq == 3);
  CHECK(l->find(0x8abc)->object == nullptr);
  CHECK(l->find(0x9000) == nullptr);
  // A later sync of the same range wins.
  CHECK(l->record(0x1000, 0x3000, SyncReason::written_range, 1, "libfoo.so") == 4);
  CHECK(l->find(0x2050)->seq == 4);
  CHECK(l->entry(4) == nullptr);  // not written yet
  CHECK(l->entry(SyncLedger::kCapacity) == nullptr);
}

TEST_CASE("sync: sync() syncs for real, totals what was issued, records") {
  auto l = fresh();
  const size_t psz = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  Buffer buf(4 * psz);
  const CacheGeometry g{64, 128, false, false};
  l->set_geometry(g);
  CHECK(l->geometry() == g);

  CHECK(l->sync(buf.addr(0), buf.addr(2 * psz), SyncReason::eager_segment, 0, "app") == 1);
  CHECK(l->sync(buf.addr(2 * psz + 8), buf.addr(2 * psz + 8), SyncReason::written_range, 0, "app") == 0);  // empty
  CHECK(l->sync_lazy_fault(buf.addr(3 * psz), buf.addr(4 * psz), 1, "lib") == 2);
  CHECK(l->sync_lazy_fault(buf.addr(3 * psz + 10), buf.addr(3 * psz + 20), 1, "lib") == 3);
  CHECK(l->syncs() == 3);
  CHECK(l->lazy_faults() == 2);

  // The totals are the operations the requested geometry implies (the
  // execution may use smaller hardware lines; see SyncLedger::sync).
  SyncCounts want;
  ldso::arch::detail::add_counts(buf.addr(0), buf.addr(2 * psz), g, &want);
  ldso::arch::detail::add_counts(buf.addr(3 * psz), buf.addr(4 * psz), g, &want);
  ldso::arch::detail::add_counts(buf.addr(3 * psz + 10), buf.addr(3 * psz + 20), g, &want);
  CHECK(l->totals() == want);
  CHECK(l->totals().ranges == 3);
  CHECK(l->totals().bytes == 3 * psz + 10);
#if defined(__x86_64__)
  // Nothing is clamped on x86_64: the counts are the requested geometry's.
  CHECK(l->totals().dc_lines == 2 * psz / 64 + psz / 64 + 1);
  CHECK(l->totals().ic_lines == 2 * psz / 128 + psz / 128 + 1);
#endif
  CHECK(l->find(buf.addr(3 * psz + 15))->seq == 3);
  CHECK(l->find(buf.addr(3 * psz + 15))->reason == SyncReason::lazy_fault);
  CHECK(l->find(buf.addr(psz))->reason == SyncReason::eager_segment);

  // reset() empties the ledger, keeps the configuration.
  l->reset();
  CHECK(l->syncs() == 0);
  CHECK(l->totals() == SyncCounts{});
  CHECK(l->lazy_faults() == 0);
  CHECK(l->find(buf.addr(psz)) == nullptr);
  CHECK(l->geometry() == g);
}

TEST_CASE("sync: without set_geometry, the machine's geometry") {
  auto l = fresh();
  CHECK(l->geometry() == ldso::arch::read_cache_geometry());
}

TEST_CASE("sync: overflow keeps the first entries, keeps counting") {
  auto l = fresh();
  const size_t cap = SyncLedger::kCapacity;
  for (size_t i = 0; i < cap + 10; ++i) {
    const uintptr_t b = 0x100000 + i * 0x1000;
    CHECK(l->record(b, b + 0x1000, SyncReason::lazy_fault, 7, "big") == i + 1);
    l->add_counts(SyncCounts{1, 1, 2, 1, 1, 0x1000});
  }
  CHECK(l->size() == cap);
  CHECK(l->syncs() == cap + 10);
  CHECK(l->dropped() == 10);
  CHECK_FALSE(l->complete());
  CHECK(l->totals().ranges == cap + 10);
  CHECK(l->totals().bytes == (cap + 10) * 0x1000);
  // The first entries are intact; the last recorded is seq == capacity.
  CHECK(l->entry(0)->seq == 1);
  CHECK(l->entry(0)->begin == 0x100000);
  CHECK(l->entry(cap - 1)->seq == cap);
  CHECK(l->find(0x100000 + (cap - 1) * 0x1000)->seq == cap);
  // A dropped sync is not found: complete() says the answer is not final.
  CHECK(l->find(0x100000 + cap * 0x1000) == nullptr);
  // The JSON lists what was kept and says how much was dropped.
  const std::string j = json_of(*l);
  CHECK(valid_json(j));
  CHECK(j.find("\"syncs\":4106") != std::string::npos);
  CHECK(j.find("\"dropped\":10") != std::string::npos);
  CHECK(j.find("\"seq\":4096,") != std::string::npos);
  CHECK(j.find("\"seq\":4097,") == std::string::npos);
}

TEST_CASE("sync: concurrent recording publishes every entry once") {
  auto l = fresh();
  constexpr int kThreads = 4, kEach = 500;
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const uintptr_t b = 0x10000000 + (static_cast<uintptr_t>(t) * kEach + static_cast<uintptr_t>(i)) * 0x40;
        l->record(b, b + 0x40, SyncReason::lazy_fault, static_cast<uint32_t>(t), "t");
        l->add_counts(SyncCounts{1, 1, 2, 1, 1, 0x40});
        l->note_lazy_fault();
      }
    });
  for (auto& t : ts) t.join();
  CHECK(l->syncs() == kThreads * kEach);
  CHECK(l->lazy_faults() == kThreads * kEach);
  CHECK(l->totals() == SyncCounts{kThreads * kEach, kThreads * kEach, 2 * kThreads * kEach, kThreads * kEach,
                                  kThreads * kEach, 0x40 * kThreads * kEach});
  std::set<uint64_t> seqs;
  std::set<uintptr_t> begins;
  for (size_t i = 0; i < l->size(); ++i) {
    const LedgerEntry* e = l->entry(i);
    REQUIRE(e);
    CHECK(e->seq == i + 1);
    seqs.insert(e->seq);
    begins.insert(e->begin);
  }
  CHECK(seqs.size() == kThreads * kEach);
  CHECK(begins.size() == kThreads * kEach);
}

TEST_CASE("sync: JSON for --stats") {
  auto l = fresh();
  l->set_geometry(CacheGeometry{64, 128, false, true});
  l->set_membarrier(MembarrierStatus{MembarrierState::registered, 0, 0x1ff});
  l->record(0x400000, 0x401234, SyncReason::eager_segment, 0, "./app");
  l->record(0x7f0000001000, 0x7f0000002000, SyncReason::lazy_fault, 3, "we\"ird\\name\n");
  l->record(0x500000, 0x500010, SyncReason::written_range, 4, nullptr);
  l->add_counts(SyncCounts{5, 6, 6, 3, 3, 0x2244});
  l->note_lazy_fault();
  const std::string j = json_of(*l);
  INFO(j);
  CHECK(valid_json(j));
  CHECK(j.front() == '{');
  CHECK(j.back() == '}');
  for (const char* want : {
           "\"ranges\":3,", "\"dc_lines\":5,", "\"ic_lines\":6,", "\"dsb\":6,", "\"isb\":3,", "\"bytes\":8772,",
           "\"lazy_faults\":1,", "\"syncs\":3,", "\"dropped\":0,",
           "\"geometry\":{\"dline\":64,\"iline\":128,\"idc\":false,\"dic\":true}",
           "\"effective_geometry\":{", "\"membarrier\":\"registered\"",
           "\"ledger\":[{\"seq\":1,\"begin\":\"0x400000\",\"end\":\"0x401234\",\"reason\":\"eager_segment\","
           "\"object\":\"./app\",\"index\":0}",
           "{\"seq\":2,\"begin\":\"0x7f0000001000\",\"end\":\"0x7f0000002000\",\"reason\":\"lazy_fault\","
           "\"object\":\"we\\\"ird\\\\name\\n\",\"index\":3}",
           "\"reason\":\"written_range\",\"object\":null,\"index\":4}]}",
       }) {
    CHECK_MESSAGE(j.find(want) != std::string::npos, want);
  }
  // An empty ledger is valid JSON too.
  const std::string e = json_of(*fresh());
  CHECK(valid_json(e));
  CHECK(e.find("\"ledger\":[]}") != std::string::npos);
  CHECK(e.find("\"membarrier\":\"not-tried\"") != std::string::npos);
  // A write error is reported.
  CHECK_FALSE(ldso::write_sync_json(-1, *l));
}

TEST_CASE("sync: a large ledger's JSON goes out in several writes") {
  auto l = fresh();
  for (int i = 0; i < 1000; ++i) l->record(0x1000u * i, 0x1000u * i + 0x1000, SyncReason::lazy_fault, 1, "libbig.so");
  const std::string j = json_of(*l);
  CHECK(j.size() > 64 * 1024);
  CHECK(valid_json(j));
  CHECK(j.find("\"seq\":1000,") != std::string::npos);
}

TEST_CASE("sync: membarrier status strings") {
  char buf[64];
  auto str = [&](MembarrierStatus s) {
    ldso::format_membarrier_status(s, buf, sizeof buf);
    return std::string(buf);
  };
  CHECK(str(MembarrierStatus{}) == "not-tried");
  CHECK(str(MembarrierStatus{MembarrierState::registered, 0, 0x1ff}) == "registered");
  CHECK(str(MembarrierStatus{MembarrierState::unsupported, ENOSYS, 0}) == "unsupported (errno 38)");
  CHECK(str(MembarrierStatus{MembarrierState::unsupported, 0, 0x1f}) == "unsupported (query mask 0x1f)");
  CHECK(str(MembarrierStatus{MembarrierState::failed, EINVAL, 0x1ff}) == "failed (errno 22)");
  char small[5];
  CHECK(ldso::format_membarrier_status(MembarrierStatus{MembarrierState::registered, 0, 0}, small, sizeof small) == 10);
  CHECK(std::string(small) == "regi");
}

TEST_CASE("sync: membarrier registration reports, never fails") {
  const MembarrierStatus s = ldso::membarrier_register();
  char buf[64];
  ldso::format_membarrier_status(s, buf, sizeof buf);
  char mask[32];
  snprintf(mask, sizeof mask, "0x%x", s.query);
  MESSAGE("membarrier: " << buf << " (query mask " << mask << ")");
  CHECK(s.state != MembarrierState::not_tried);
  if (s.state == MembarrierState::registered) {
    CHECK(ldso::membarrier_sync_core() == 0);
    // Registering twice is harmless.
    CHECK(ldso::membarrier_register().state == MembarrierState::registered);
  } else {
    CHECK(ldso::membarrier_sync_core() < 0);
  }
}

namespace {

// The lazy-fault model: an executable page left R (not X) faults on its first
// instruction fetch; the handler syncs the page, records it, makes it R+X and
// returns, and the fetch is retried.
SyncLedger* g_fault_ledger;
uintptr_t g_fault_page;
size_t g_fault_size;
volatile sig_atomic_t g_faults;

void on_fault(int, siginfo_t* si, void*) {
  const uintptr_t a = reinterpret_cast<uintptr_t>(si->si_addr);
  if (a < g_fault_page || a >= g_fault_page + g_fault_size) {
    signal(SIGSEGV, SIG_DFL);  // not ours: the retried access crashes normally
    return;
  }
  g_faults = g_faults + 1;
  g_fault_ledger->sync_lazy_fault(g_fault_page, g_fault_page + g_fault_size, 5, "lazy.so");
  mprotect(reinterpret_cast<void*>(g_fault_page), g_fault_size, PROT_READ | PROT_EXEC);
}

}  // namespace

TEST_CASE("sync: a lazy fault syncs from the SIGSEGV handler") {
  auto l = fresh();
  l->set_geometry(CacheGeometry{64, 64, false, false});
  const size_t psz = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  Buffer page(psz);
#if defined(__aarch64__)
  const uint32_t code[] = {0x52800540, 0xd65f03c0};  // mov w0, #42; ret
#else
  const uint8_t code[] = {0xb8, 42, 0, 0, 0, 0xc3};  // mov eax, 42; ret
#endif
  memcpy(page.p, code, sizeof code);
  REQUIRE(mprotect(page.p, psz, PROT_READ) == 0);
  g_fault_ledger = l.get();
  g_fault_page = page.addr();
  g_fault_size = psz;
  g_faults = 0;
  struct sigaction sa {}, old{};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  REQUIRE(sigaction(SIGSEGV, &sa, &old) == 0);
  const int r = reinterpret_cast<int (*)()>(page.p)();
  sigaction(SIGSEGV, &old, nullptr);
  CHECK(r == 42);
  CHECK(g_faults == 1);
  CHECK(l->lazy_faults() == 1);
  CHECK(l->syncs() == 1);
  const LedgerEntry* e = l->find(page.addr() + 4);
  REQUIRE(e);
  CHECK(e->reason == SyncReason::lazy_fault);
  CHECK(e->object_index == 5);
  const ldso::arch::CacheGeometry want = ldso::arch::sanitize_geometry(l->geometry());
  CHECK(l->totals().dc_lines == (want.idc ? 0 : ldso::arch::lines_overlapping(0, psz, want.dline)));
}

TEST_CASE("sync: the process's ledger") {
  SyncLedger& l = ldso::sync_ledger();
  CHECK(&l == &ldso::sync_ledger());
}
