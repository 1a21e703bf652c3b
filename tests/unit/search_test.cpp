// Search paths: dynamic string tokens, list splitting, and /etc/ld.so.cache.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <string>
#include <vector>

#include "ldso/search.h"

using ldso::expand_path_list;

TEST_CASE("search: $ORIGIN, $LIB and $PLATFORM, bare and in braces") {
  const std::string lib = ldso::lib_token();
  CHECK(expand_path_list("$ORIGIN/lib", "/opt/app", "x86_64") == std::vector<std::string>{"/opt/app/lib"});
  CHECK(expand_path_list("${ORIGIN}/../lib", "/opt/app", "x") == std::vector<std::string>{"/opt/app/../lib"});
  CHECK(expand_path_list("/usr/$LIB", "/o", "x") == std::vector<std::string>{"/usr/" + lib});
  CHECK(expand_path_list("/p/${PLATFORM}/x", "/o", "aarch64") == std::vector<std::string>{"/p/aarch64/x"});
  CHECK(expand_path_list("$ORIGIN$PLATFORM", "/o", "p") == std::vector<std::string>{"/op"});
}

TEST_CASE("search: lists split on colons and semicolons; empty entries mean the current directory") {
  CHECK(expand_path_list("/a:/b;/c", "/o", "p") == std::vector<std::string>{"/a", "/b", "/c"});
  CHECK(expand_path_list("/a::/b", "/o", "p") == std::vector<std::string>{"/a", ".", "/b"});
  CHECK(expand_path_list("/a/", "/o", "p") == std::vector<std::string>{"/a"});
}

TEST_CASE("search: an unknown or unterminated token drops the entry, as glibc does") {
  CHECK(expand_path_list("/a:$NOPE/x:/b", "/o", "p") == std::vector<std::string>{"/a", "/b"});
  CHECK(expand_path_list("${ORIGIN/x:/b", "/o", "p") == std::vector<std::string>{"/b"});
}

TEST_CASE("search: the default directories are the ISA's multiarch ones first") {
  const auto& d = ldso::default_dirs();
  REQUIRE(d.size() == 4);
  CHECK(d[0] == std::string("/") + ldso::lib_token());
  CHECK(d[2] == "/lib");
  CHECK(d[3] == "/usr/lib");
}

namespace {

// A new-format cache with the given (flags, key, value) entries.
std::string make_cache(const std::vector<std::tuple<int32_t, std::string, std::string>>& entries) {
  std::string strings;
  std::vector<std::pair<uint32_t, uint32_t>> offs;
  const size_t header = 48, table = entries.size() * 24;
  for (auto& [f, k, v] : entries) {
    const uint32_t ko = static_cast<uint32_t>(header + table + strings.size());
    strings += k + '\0';
    const uint32_t vo = static_cast<uint32_t>(header + table + strings.size());
    strings += v + '\0';
    offs.push_back({ko, vo});
  }
  std::string c(header, '\0');
  memcpy(c.data(), "glibc-ld.so.cache1.1", 20);
  const uint32_t n = static_cast<uint32_t>(entries.size());
  memcpy(c.data() + 20, &n, 4);
  for (size_t i = 0; i < entries.size(); ++i) {
    char e[24] = {};
    const int32_t flags = std::get<0>(entries[i]);
    memcpy(e, &flags, 4);
    memcpy(e + 4, &offs[i].first, 4);
    memcpy(e + 8, &offs[i].second, 4);
    c.append(e, 24);
  }
  return c + strings;
}

#if defined(__x86_64__)
constexpr int32_t kNative = 0x0303, kOther = 0x0a03;
#else
constexpr int32_t kNative = 0x0a03, kOther = 0x0303;
#endif

}  // namespace

TEST_CASE("search: ld.so.cache lookups take this ISA's entries only") {
  const std::string c = make_cache({{kOther, "libz.so.1", "/other/libz.so.1"},
                                    {kNative, "libz.so.1", "/native/libz.so.1"},
                                    {kNative, "libm.so.6", "/native/libm.so.6"}});
  CHECK(ldso::ld_cache_lookup(c, "libz.so.1") == std::optional<std::string>("/native/libz.so.1"));
  CHECK(ldso::ld_cache_lookup(c, "libm.so.6") == std::optional<std::string>("/native/libm.so.6"));
  CHECK(!ldso::ld_cache_lookup(c, "libnope.so"));
  CHECK(!ldso::ld_cache_lookup(c, "libz.so"));  // a prefix is not a match
}

TEST_CASE("search: a damaged cache is ignored, never overread") {
  std::string c = make_cache({{kNative, "libz.so.1", "/native/libz.so.1"}});
  CHECK(!ldso::ld_cache_lookup("", "libz.so.1"));
  CHECK(!ldso::ld_cache_lookup(c.substr(0, 30), "libz.so.1"));
  std::string huge = c;
  const uint32_t n = 0x7fffffff;
  memcpy(huge.data() + 20, &n, 4);
  CHECK(!ldso::ld_cache_lookup(huge, "libz.so.1"));
  std::string wrong = c;
  wrong[0] = 'X';
  CHECK(!ldso::ld_cache_lookup(wrong, "libz.so.1"));
}

TEST_CASE("search: the system's own cache finds libc for this ISA") {
  std::ifstream in("/etc/ld.so.cache", std::ios::binary);
  if (!in) return;  // no cache on this machine: nothing to check
  std::stringstream ss;
  ss << in.rdbuf();
  const auto p = ldso::ld_cache_lookup(ss.str(), "libc.so.6");
#if defined(__aarch64__)
  // Under qemu on an x86_64 host, ldconfig lists no arm64 libraries at all.
  if (!p) return;
#endif
  REQUIRE(p);
  CHECK(p->find(std::string(ldso::lib_token()).substr(4)) != std::string::npos);  // the multiarch directory
}
