#include "ldso/search.h"

#include <cstdint>
#include <cstring>

namespace ldso {

#if defined(__x86_64__)
#define LDSO_MULTIARCH "x86_64-linux-gnu"
static constexpr int32_t kCacheFlags = 0x0303;  // FLAG_ELF_LIBC6 | FLAG_X8664_LIB64
#elif defined(__aarch64__)
#define LDSO_MULTIARCH "aarch64-linux-gnu"
static constexpr int32_t kCacheFlags = 0x0a03;  // FLAG_ELF_LIBC6 | FLAG_AARCH64_LIB64
#endif

const char* lib_token() { return "lib/" LDSO_MULTIARCH; }

const std::vector<std::string>& default_dirs() {
  static const std::vector<std::string> dirs = {"/lib/" LDSO_MULTIARCH, "/usr/lib/" LDSO_MULTIARCH, "/lib",
                                                "/usr/lib"};
  return dirs;
}

std::optional<std::string> expand_name(const std::string& item, const std::string& origin,
                                       const std::string& platform) {
  std::string out;
  for (size_t i = 0; i < item.size();) {
    if (item[i] != '$') {
      out += item[i++];
      continue;
    }
    // $NAME or ${NAME}
    size_t j = i + 1;
    const bool brace = j < item.size() && item[j] == '{';
    if (brace) ++j;
    size_t k = j;
    while (k < item.size() && (isalnum(static_cast<unsigned char>(item[k])) || item[k] == '_')) ++k;
    const std::string tok = item.substr(j, k - j);
    if (brace) {
      if (k >= item.size() || item[k] != '}') return std::nullopt;
      ++k;
    }
    if (tok == "ORIGIN") out += origin;
    else if (tok == "LIB") out += lib_token();
    else if (tok == "PLATFORM") out += platform;
    else return std::nullopt;
    i = k;
  }
  return out;
}

std::vector<std::string> expand_path_list(const std::string& list, const std::string& origin,
                                          const std::string& platform) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find_first_of(":;", start);
    if (end == std::string::npos) end = list.size();
    std::optional<std::string> dir = expand_name(list.substr(start, end - start), origin, platform);
    start = end + 1;
    if (dir) {
      // An empty entry means the current directory, as in glibc.
      if (dir->empty()) *dir = ".";
      while (dir->size() > 1 && dir->back() == '/') dir->pop_back();
      out.push_back(*dir);
    }
    if (end == list.size()) break;
  }
  return out;
}

std::optional<std::string> ld_cache_lookup(const std::string& c, const std::string& name) {
  static const char kNew[] = "glibc-ld.so.cache1.1";
  static const char kOld[] = "ld.so-1.7.0";
  size_t base = 0;
  if (c.compare(0, sizeof kOld - 1, kOld) == 0) {
    // Old format first: skip its header and 12-byte entries, then align to 8.
    if (c.size() < 16) return std::nullopt;
    uint32_t n;
    memcpy(&n, c.data() + 12, 4);
    base = (16 + size_t(n) * 12 + 7) & ~size_t(7);
  }
  if (c.size() < base + 48 || c.compare(base, sizeof kNew - 1, kNew) != 0) return std::nullopt;
  uint32_t nlibs;
  memcpy(&nlibs, c.data() + base + 20, 4);
  const size_t entries = base + 48;
  if (nlibs > (c.size() - entries) / 24) return std::nullopt;
  for (uint32_t i = 0; i < nlibs; ++i) {
    const char* e = c.data() + entries + size_t(i) * 24;
    int32_t flags;
    uint32_t key, value;
    uint64_t hwcap;
    memcpy(&flags, e, 4);
    memcpy(&key, e + 4, 4);
    memcpy(&value, e + 8, 4);
    memcpy(&hwcap, e + 16, 8);
    // String offsets count from the start of the new-format header.
    if (flags != kCacheFlags || hwcap != 0) continue;
    if (base + key >= c.size() || base + value >= c.size()) continue;
    const char* k = c.data() + base + key;
    if (strnlen(k, c.size() - base - key) == name.size() && name == k) return std::string(c.data() + base + value);
  }
  return std::nullopt;
}

}  // namespace ldso
