// The cache-maintenance layer (arch/cache.h): exact op sequences and counts
// for given geometries (dry runs, identical on both ISAs), geometry parsing,
// and real execution over a buffer and over freshly written code.
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "arch/cache.h"

using ldso::arch::CacheGeometry;
using ldso::arch::CacheOp;
using ldso::arch::CacheOpRecord;
using ldso::arch::FixedSyncRecorder;
using ldso::arch::SyncCounts;
using ldso::arch::SyncRecorder;
using ldso::arch::sync_range;

namespace {

constexpr CacheOp DC = CacheOp::dc_cvau, DSB = CacheOp::dsb_ish, IC = CacheOp::ic_ivau, ISB = CacheOp::isb;

std::vector<CacheOpRecord> ops_of(const SyncRecorder& r) { return {r.ops, r.ops + r.count}; }

// A dry run of one sync: the ops it would issue, and its counts.
struct Plan {
  std::vector<CacheOpRecord> ops;
  SyncCounts counts;
};
Plan plan(uintptr_t begin, uintptr_t end, const CacheGeometry& g) {
  FixedSyncRecorder<8192> rec;
  Plan p;
  sync_range(begin, end, g, &p.counts, &rec);
  REQUIRE_FALSE(rec.overflowed());
  p.ops = ops_of(rec);
  return p;
}

std::string show(const std::vector<CacheOpRecord>& ops) {
  std::string s;
  char buf[64];
  for (auto& o : ops) {
    if (o.op == DC || o.op == IC) snprintf(buf, sizeof buf, "%s 0x%llx; ", ldso::arch::cache_op_name(o.op), (unsigned long long)o.addr);
    else snprintf(buf, sizeof buf, "%s; ", ldso::arch::cache_op_name(o.op));
    s += buf;
  }
  return s;
}

// Expected sequence: DC on the given lines, DSB, IC on the given lines, DSB, ISB.
std::vector<CacheOpRecord> expect(std::vector<uintptr_t> dlines, std::vector<uintptr_t> ilines) {
  std::vector<CacheOpRecord> v;
  for (auto a : dlines) v.push_back({DC, a});
  v.push_back({DSB, 0});
  for (auto a : ilines) v.push_back({IC, a});
  v.push_back({DSB, 0});
  v.push_back({ISB, 0});
  return v;
}

SyncCounts counts(uint64_t dc, uint64_t ic, uint64_t bytes) { return SyncCounts{dc, ic, 2, 1, 1, bytes}; }

#define CHECK_OPS(actual, expected) CHECK_MESSAGE((actual) == (expected), "got: " << show(actual) << "\nwant: " << show(expected))

const CacheGeometry g64{64, 64, false, false};
const CacheGeometry gI128{64, 128, false, false};

}  // namespace

TEST_CASE("cache: CTR_EL0 decoding") {
  // Cortex-A57/A72: IminLine = DminLine = 4 (16 words = 64 bytes), no IDC/DIC.
  CHECK(ldso::arch::decode_ctr_el0(0x8444c004) == CacheGeometry{64, 64, false, false});
  // 32-byte lines (field 3).
  CHECK(ldso::arch::decode_ctr_el0(0x80038003) == CacheGeometry{32, 32, false, false});
  // Neoverse-N1-like: IDC (bit 28) and DIC (bit 29) set.
  CHECK(ldso::arch::decode_ctr_el0(0xb444c004) == CacheGeometry{64, 64, true, true});
  CHECK(ldso::arch::decode_ctr_el0(0x9444c004) == CacheGeometry{64, 64, true, false});
  CHECK(ldso::arch::decode_ctr_el0(0xa444c004) == CacheGeometry{64, 64, false, true});
  // I and D differ: IminLine = 5 (128 bytes), DminLine = 4 (64 bytes).
  CHECK(ldso::arch::decode_ctr_el0(0x8444c005) == CacheGeometry{64, 128, false, false});
  // Fields 0 and 15 are 4 bytes and 128 KiB: decoded as such (sanitize clamps).
  CHECK(ldso::arch::decode_ctr_el0(0x80000000) == CacheGeometry{4, 4, false, false});
  CHECK(ldso::arch::decode_ctr_el0(0x800f000f).dline == 4u << 15);
}

TEST_CASE("cache: the machine's geometry") {
  const CacheGeometry hw = ldso::arch::read_cache_geometry();
  char buf[64];
  ldso::arch::format_geometry(hw, buf, sizeof buf);
#if defined(__aarch64__)
  const uint64_t ctr = ldso::arch::read_ctr_el0();
  char hex[32];
  snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(ctr));
  MESSAGE("CTR_EL0 = " << hex << ": " << buf);
  CHECK(hw == ldso::arch::decode_ctr_el0(ctr));
  CHECK(((ctr >> 31) & 1) == 1);  // RES1
  for (uint32_t line : {hw.dline, hw.iline}) {
    CHECK(line >= 4);
    CHECK(line <= 2048);
    CHECK((line & (line - 1)) == 0);
  }
#else
  MESSAGE("x86_64 nominal geometry: " << buf);
  CHECK(ldso::arch::read_ctr_el0() == 0);
  CHECK(hw == CacheGeometry{64, 64, true, true});
#endif
}

TEST_CASE("cache: 64/64, aligned range") {
  const Plan p = plan(0x10000, 0x10100, g64);
  CHECK_OPS(p.ops, expect({0x10000, 0x10040, 0x10080, 0x100c0}, {0x10000, 0x10040, 0x10080, 0x100c0}));
  CHECK(p.counts == counts(4, 4, 0x100));
}

TEST_CASE("cache: I-line 128, D-line 64") {
  const Plan p = plan(0x10000, 0x10100, gI128);
  CHECK_OPS(p.ops, expect({0x10000, 0x10040, 0x10080, 0x100c0}, {0x10000, 0x10080}));
  CHECK(p.counts == counts(4, 2, 0x100));
  // And the other way round: D 128, I 64.
  const Plan q = plan(0x10000, 0x10100, CacheGeometry{128, 64, false, false});
  CHECK_OPS(q.ops, expect({0x10000, 0x10080}, {0x10000, 0x10040, 0x10080, 0x100c0}));
  CHECK(q.counts == counts(2, 4, 0x100));
}

TEST_CASE("cache: unaligned start and end") {
  // [0x10010, 0x100f0): D-lines 0x10000..0x100c0 (4), I-lines (128) 0x10000, 0x10080.
  const Plan p = plan(0x10010, 0x100f0, gI128);
  CHECK_OPS(p.ops, expect({0x10000, 0x10040, 0x10080, 0x100c0}, {0x10000, 0x10080}));
  CHECK(p.counts == counts(4, 2, 0xe0));
  // One byte into the next line on each side.
  const Plan q = plan(0x1003f, 0x10081, g64);
  CHECK_OPS(q.ops, expect({0x10000, 0x10040, 0x10080}, {0x10000, 0x10040, 0x10080}));
  CHECK(q.counts == counts(3, 3, 0x42));
}

TEST_CASE("cache: a range shorter than one line") {
  const Plan p = plan(0x10021, 0x10023, gI128);
  CHECK_OPS(p.ops, expect({0x10000}, {0x10000}));
  CHECK(p.counts == counts(1, 1, 2));
  // A single byte.
  const Plan one = plan(0x1007f, 0x10080, gI128);
  CHECK_OPS(one.ops, expect({0x10040}, {0x10000}));
  CHECK(one.counts == counts(1, 1, 1));
  // Two bytes straddling a D-line boundary, inside one I-line.
  const Plan q = plan(0x1003f, 0x10041, gI128);
  CHECK_OPS(q.ops, expect({0x10000, 0x10040}, {0x10000}));
  CHECK(q.counts == counts(2, 1, 2));
}

TEST_CASE("cache: a range crossing a page") {
  const Plan p = plan(0x10fe0, 0x11020, gI128);
  CHECK_OPS(p.ops, expect({0x10fc0, 0x11000}, {0x10f80, 0x11000}));
  CHECK(p.counts == counts(2, 2, 0x40));
  // A whole page plus a line on each side.
  const Plan q = plan(0x10fc0, 0x12040, g64);
  CHECK(q.counts == counts(66, 66, 0x1080));
  CHECK(q.ops.front() == CacheOpRecord{DC, 0x10fc0});
  CHECK(q.ops[65] == CacheOpRecord{DC, 0x12000});
}

TEST_CASE("cache: a range ending exactly on a line boundary") {
  // end is exclusive: the line at `end` is not touched.
  const Plan p = plan(0x10000, 0x10040, g64);
  CHECK_OPS(p.ops, expect({0x10000}, {0x10000}));
  CHECK(p.counts == counts(1, 1, 0x40));
  const Plan q = plan(0x10001, 0x10080, gI128);
  CHECK_OPS(q.ops, expect({0x10000, 0x10040}, {0x10000}));
  CHECK(q.counts == counts(2, 1, 0x7f));
  // Ending one byte later does touch it.
  const Plan r = plan(0x10001, 0x10081, gI128);
  CHECK_OPS(r.ops, expect({0x10000, 0x10040, 0x10080}, {0x10000, 0x10080}));
}

TEST_CASE("cache: an empty range issues and counts nothing") {
  for (auto [b, e] : {std::pair<uintptr_t, uintptr_t>{0x10000, 0x10000}, {0x10040, 0x10000}, {0, 0}}) {
    const Plan p = plan(b, e, g64);
    CHECK(p.ops.empty());
    CHECK(p.counts == SyncCounts{});
  }
  // Executed for real, too (on a null range: nothing may be touched).
  SyncCounts c;
  sync_range(0x40, 0x40, g64, &c);
  sync_range(0x80, 0x40, g64, &c);
  CHECK(c == SyncCounts{});
}

TEST_CASE("cache: IDC set: no DC, the first DSB stays") {
  const Plan p = plan(0x10010, 0x100f0, CacheGeometry{64, 128, true, false});
  CHECK_OPS(p.ops, expect({}, {0x10000, 0x10080}));
  CHECK(p.counts == counts(0, 2, 0xe0));
}

TEST_CASE("cache: DIC set: no IC, the ISB stays") {
  const Plan p = plan(0x10010, 0x100f0, CacheGeometry{64, 128, false, true});
  CHECK_OPS(p.ops, expect({0x10000, 0x10040, 0x10080, 0x100c0}, {}));
  CHECK(p.counts == counts(4, 0, 0xe0));
}

TEST_CASE("cache: IDC and DIC set: barriers only") {
  const Plan p = plan(0x10010, 0x100f0, CacheGeometry{64, 128, true, true});
  CHECK_OPS(p.ops, (std::vector<CacheOpRecord>{{DSB, 0}, {DSB, 0}, {ISB, 0}}));
  CHECK(p.counts == counts(0, 0, 0xe0));
}

TEST_CASE("cache: counts accumulate over syncs") {
  SyncCounts c;
  FixedSyncRecorder<64> rec;
  sync_range(0x10000, 0x10100, g64, &c, &rec);
  sync_range(0x20010, 0x20020, gI128, &c, &rec);
  sync_range(0x30000, 0x30000, g64, &c, &rec);  // empty: nothing
  CHECK(c == SyncCounts{5, 5, 4, 2, 2, 0x110});
  CHECK(rec.count == (4 + 1 + 4 + 1 + 1) + (1 + 1 + 1 + 1 + 1));
  // Null counts are allowed.
  sync_range(0x10000, 0x10100, g64, nullptr, &rec);
}

TEST_CASE("cache: dc_lines and ic_lines equal the lines overlapping the range, ops cover every byte") {
  uint64_t seed = 0x9e3779b97f4a7c15;
  auto rnd = [&] {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return seed;
  };
  for (int i = 0; i < 2000; ++i) {
    const CacheGeometry g{4u << (rnd() % 10), 4u << (rnd() % 10), rnd() % 4 == 0, rnd() % 4 == 0};
    const uintptr_t begin = 0x400000 + rnd() % 0x3000;
    const uintptr_t end = begin + rnd() % (i % 3 ? 0x300 : 0x2000);
    const Plan p = plan(begin, end, g);
    // Brute force: every line-aligned L with L < end && L + line > begin.
    auto brute = [&](uint32_t line) {
      uint64_t n = 0;
      for (uintptr_t l = (begin & ~uintptr_t{line - 1}); l < end; l += line) n += l + line > begin;
      return n;
    };
    char range[64];
    snprintf(range, sizeof range, "[0x%llx, 0x%llx)", (unsigned long long)begin, (unsigned long long)end);
    INFO("range " << range << " dline " << g.dline << " iline " << g.iline << " idc " << g.idc << " dic " << g.dic);
    if (begin == end) {
      CHECK(p.ops.empty());
      continue;
    }
    CHECK(p.counts.dc_lines == (g.idc ? 0 : brute(g.dline)));
    CHECK(p.counts.ic_lines == (g.dic ? 0 : brute(g.iline)));
    CHECK(p.counts.dc_lines == (g.idc ? 0 : ldso::arch::lines_overlapping(begin, end, g.dline)));
    CHECK(p.counts.bytes == end - begin);
    // The recorded ops agree with the counts, and each kind covers [begin, end)
    // with consecutive aligned lines.
    uint64_t dc = 0, ic = 0, dsb = 0, isb = 0;
    uintptr_t next_d = begin & ~uintptr_t{g.dline - 1}, next_i = begin & ~uintptr_t{g.iline - 1};
    bool consecutive = true;
    for (auto& o : p.ops) {
      if (o.op == DC) consecutive &= o.addr == next_d, next_d += g.dline, ++dc;
      if (o.op == IC) consecutive &= o.addr == next_i, next_i += g.iline, ++ic;
      dsb += o.op == DSB, isb += o.op == ISB;
    }
    CHECK(consecutive);
    CHECK(dc == p.counts.dc_lines);
    CHECK(ic == p.counts.ic_lines);
    CHECK(dsb == 2);
    CHECK(isb == 1);
    if (!g.idc) CHECK(next_d >= end);
    if (!g.dic) CHECK(next_i >= end);
    CHECK(p.ops.back().op == ISB);
  }
}

TEST_CASE("cache: lines at the top of the address space") {
  const uintptr_t top = UINTPTR_MAX;
  CHECK(ldso::arch::lines_overlapping(top - 100, top, 64) == 2);
  const Plan p = plan(top - 0x3f, top, g64);  // the last line, minus its last byte
  CHECK_OPS(p.ops, expect({top - 0x3f}, {top - 0x3f}));
  const Plan q = plan(top - 0x80, top, g64);
  CHECK_OPS(q.ops, expect({top - 0xbf, top - 0x7f, top - 0x3f}, {top - 0xbf, top - 0x7f, top - 0x3f}));
}

TEST_CASE("cache: lines are sanitized: rounded down to a power of two in 4..2048") {
  CHECK(ldso::arch::sanitize_line(0) == 4);
  CHECK(ldso::arch::sanitize_line(3) == 4);
  CHECK(ldso::arch::sanitize_line(4) == 4);
  CHECK(ldso::arch::sanitize_line(48) == 32);
  CHECK(ldso::arch::sanitize_line(64) == 64);
  CHECK(ldso::arch::sanitize_line(100) == 64);
  CHECK(ldso::arch::sanitize_line(2048) == 2048);
  CHECK(ldso::arch::sanitize_line(1u << 17) == 2048);
  CHECK(ldso::arch::sanitize_line(UINT32_MAX) == 2048);
  // A dry run walks with the sanitized line; a zero line cannot loop forever.
  const Plan p = plan(0x10000, 0x10040, CacheGeometry{48, 0, false, false});
  CHECK(p.counts == counts(2, 16, 0x40));
}

TEST_CASE("cache: recorder overflow keeps counting") {
  FixedSyncRecorder<3> rec;
  SyncCounts c;
  sync_range(0x10000, 0x10100, g64, &c, &rec);
  CHECK(rec.count == 3);
  CHECK(rec.total == 11);
  CHECK(rec.overflowed());
  CHECK(ops_of(rec) == std::vector<CacheOpRecord>{{DC, 0x10000}, {DC, 0x10040}, {DC, 0x10080}});
  CHECK(c == counts(4, 4, 0x100));  // the counts do not depend on the recorder
  rec.clear();
  CHECK_FALSE(rec.overflowed());
  CHECK(rec.count == 0);
}

TEST_CASE("cache: parse_geometry") {
  std::string err;
  auto g = ldso::arch::parse_geometry("dline=64,iline=128,idc=0,dic=1", &err);
  REQUIRE(g);
  CHECK(*g == CacheGeometry{64, 128, false, true});
  CHECK(ldso::arch::parse_geometry("idc=true,dic=false,iline=0x800,dline=4", &err) ==
        CacheGeometry{4, 2048, true, false});
  // Keys not given keep the base (default: 64/64, no shortcut).
  CHECK(ldso::arch::parse_geometry("iline=32", &err) == CacheGeometry{64, 32, false, false});
  CHECK(ldso::arch::parse_geometry("dic=1", &err, CacheGeometry{16, 16, true, false}) ==
        CacheGeometry{16, 16, true, true});

  struct Bad {
    const char* spec;
    const char* message;  // a substring of the error
  };
  for (auto [spec, message] : {
           Bad{"", "empty"},
           Bad{"dline=48", "power of two in 4..2048, got 48"},
           Bad{"dline=2", "got 2"},
           Bad{"iline=0", "got 0"},
           Bad{"iline=4096", "got 4096"},
           Bad{"iline=99999999999999999999999", "power of two"},
           Bad{"dline=64x", "is not a number"},
           Bad{"dline=-64", "is not a number"},
           Bad{"dline=0x", "is not a number"},
           Bad{"dline=", "empty value"},
           Bad{"idc=2", "expected 0, 1, true or false"},
           Bad{"idc=yes", "expected 0, 1, true or false"},
           Bad{"line=64", "unknown key \"line\""},
           Bad{"DLINE=64", "unknown key"},
           Bad{"dline=64,dline=32", "\"dline\" given twice"},
           Bad{"dline=64,", "empty field at offset 9"},
           Bad{",dline=64", "empty field at offset 0"},
           Bad{"dline=64,,idc=1", "empty field"},
           Bad{"dline", "expected key=value"},
           Bad{"dline=64 ", "is not a number"},
       }) {
    err.clear();
    CAPTURE(spec);
    CHECK_FALSE(ldso::arch::parse_geometry(spec, &err));
    CHECK_MESSAGE(err.find(message) != std::string::npos, err);
    CHECK(err.find(std::string("\"") + spec + "\"") != std::string::npos);  // the spec is quoted
  }
  CHECK_FALSE(ldso::arch::parse_geometry("dline=3", nullptr));  // error may be null
}

TEST_CASE("cache: format_geometry round-trips through parse_geometry") {
  char buf[64];
  const CacheGeometry g{32, 2048, true, false};
  const size_t n = ldso::arch::format_geometry(g, buf, sizeof buf);
  CHECK(std::string(buf) == "dline=32,iline=2048,idc=1,dic=0");
  CHECK(n == strlen(buf));
  CHECK(ldso::arch::parse_geometry(buf, nullptr) == g);
  // Truncation: NUL-terminated, returns the length needed.
  char small[8];
  CHECK(ldso::arch::format_geometry(g, small, sizeof small) == n);
  CHECK(std::string(small) == "dline=3");
  CHECK(ldso::arch::format_geometry(g, nullptr, 0) == n);
}

TEST_CASE("cache: execution geometry never exceeds the hardware's") {
  const CacheGeometry hw = ldso::arch::read_cache_geometry();
  const CacheGeometry huge{2048, 2048, true, true};
  const CacheGeometry e = ldso::arch::execution_geometry(huge);
#if defined(__aarch64__)
  CHECK(e.dline == hw.dline);
  CHECK(e.iline == hw.iline);
  CHECK(e.idc == hw.idc);
  CHECK(e.dic == hw.dic);
  // Smaller lines and more maintenance than needed are honoured.
  CHECK(ldso::arch::execution_geometry(CacheGeometry{4, 4, false, false}) == CacheGeometry{4, 4, false, false});
#else
  (void)hw;
  CHECK(e == huge);  // nothing is executed on x86_64: counted as requested
#endif
  CHECK(ldso::arch::execution_geometry(CacheGeometry{48, 0, false, false}).dline <= 32);
}

namespace {

// An anonymous RW mapping, unmapped at scope exit.
struct Pages {
  size_t size;
  uint8_t* p;
  explicit Pages(size_t n) : size(n) {
    void* m = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(m != MAP_FAILED);
    p = static_cast<uint8_t*>(m);
  }
  ~Pages() { munmap(p, size); }
  uintptr_t addr(size_t off = 0) const { return reinterpret_cast<uintptr_t>(p) + off; }
};

}  // namespace

TEST_CASE("cache: real sync over a buffer executes exactly the planned ops") {
  const size_t psz = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  Pages buf(3 * psz);
  memset(buf.p, 0xa5, buf.size);
  for (CacheGeometry g : {g64, gI128, CacheGeometry{4, 4, false, false}, CacheGeometry{2048, 2048, false, false},
                          CacheGeometry{64, 64, true, true}, ldso::arch::read_cache_geometry()}) {
    for (auto [b, e] : {std::pair<size_t, size_t>{0, 3 * psz}, {13, psz + 77}, {psz - 1, psz + 1}, {100, 101}}) {
      FixedSyncRecorder<8192> rec(SyncRecorder::Mode::record_and_execute);
      SyncCounts c;
      sync_range(buf.addr(b), buf.addr(e), g, &c, &rec);
      REQUIRE_FALSE(rec.overflowed());
      // What ran is a dry run of the execution geometry.
      const Plan want = plan(buf.addr(b), buf.addr(e), ldso::arch::execution_geometry(g));
      CHECK_OPS(ops_of(rec), want.ops);
      CHECK(c == want.counts);
      // Without a recorder: same counts.
      SyncCounts c2;
      sync_range(buf.addr(b), buf.addr(e), g, &c2);
      CHECK(c2 == c);
    }
  }
  for (size_t i = 0; i < buf.size; ++i)
    if (buf.p[i] != 0xa5) FAIL("byte " << i << " changed by the sync");
}

namespace {

using Fn = int (*)();

// Writes `code` at `at` (RW), syncs the page, makes it R+X, calls it.
int run_fresh(const Pages& page, size_t at, const uint8_t* code, size_t n, SyncCounts* c) {
  REQUIRE(mprotect(page.p, page.size, PROT_READ | PROT_WRITE) == 0);
  memcpy(page.p + at, code, n);
  // The requested geometry asks for every op; on aarch64 it is clamped to
  // CTR_EL0's lines, so DC CVAU and IC IVAU really run.
  sync_range(page.addr(at), page.addr(at + n), CacheGeometry{64, 64, false, false}, c);
  REQUIRE(mprotect(page.p, page.size, PROT_READ | PROT_EXEC) == 0);
  return reinterpret_cast<Fn>(page.p + at)();
}

}  // namespace

TEST_CASE("cache: freshly written code runs after a sync") {
  const size_t psz = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  Pages page(psz);
#if defined(__aarch64__)
  const uint32_t ret42[] = {0x52800540, 0xd65f03c0};  // mov w0, #42; ret
  const uint32_t ret43[] = {0x52800560, 0xd65f03c0};  // mov w0, #43; ret
#else
  const uint8_t ret42[] = {0xb8, 42, 0, 0, 0, 0xc3};  // mov eax, 42; ret
  const uint8_t ret43[] = {0xb8, 43, 0, 0, 0, 0xc3};
#endif
  SyncCounts c;
  CHECK(run_fresh(page, 0, reinterpret_cast<const uint8_t*>(ret42), sizeof ret42, &c) == 42);
  // Rewritten in place: the I-cache may hold the old code; the sync drops it.
  CHECK(run_fresh(page, 0, reinterpret_cast<const uint8_t*>(ret43), sizeof ret43, &c) == 43);
  // Written across a line boundary, near the end of the page.
  const size_t at = psz - 64 - 4;
  CHECK(run_fresh(page, at, reinterpret_cast<const uint8_t*>(ret42), sizeof ret42, &c) == 42);
  CHECK(c.ranges == 3);
  CHECK(c.isb == 3);
  const CacheGeometry e = ldso::arch::execution_geometry(CacheGeometry{64, 64, false, false});
  CHECK(c.dc_lines == 2 * ldso::arch::lines_overlapping(0x1000, 0x1000 + sizeof ret42, e.dline) +
                          ldso::arch::lines_overlapping(at, at + sizeof ret42, e.dline));
#if defined(__aarch64__)
  CHECK(c.dc_lines >= 3);  // the DC CVAUs did run
  CHECK(c.ic_lines >= 3);
#endif
}
