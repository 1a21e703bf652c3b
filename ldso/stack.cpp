#include "ldso/stack.h"

#include <elf.h>

#include <cstring>

namespace ldso {

uintptr_t build_stack(std::span<uint8_t> mem, uintptr_t mem_addr, const StackSpec& spec) {
  const uintptr_t top = mem_addr + mem.size();
  uintptr_t p = top;
  bool overflow = false;
  // Copies bytes below p and returns their address in the program's view.
  auto push = [&](const void* data, size_t n) -> uintptr_t {
    if (overflow || p - mem_addr < n) {
      overflow = true;
      return 0;
    }
    p -= n;
    memcpy(mem.data() + (p - mem_addr), data, n);
    return p;
  };
  auto push_str = [&](std::string_view s) {
    const char nul = 0;
    push(&nul, 1);
    return push(s.data(), s.size());
  };
  auto push_block = [&](const std::vector<std::string_view>& v) {
    // Strings ascend within a block (argv[0] lowest), as the kernel leaves them.
    std::vector<uintptr_t> addrs(v.size());
    size_t total = 0;
    for (auto s : v) total += s.size() + 1;
    if (overflow || p - mem_addr < total) {
      overflow = true;
      return addrs;
    }
    p -= total;
    uintptr_t q = p;
    for (size_t i = 0; i < v.size(); ++i) {
      memcpy(mem.data() + (q - mem_addr), v[i].data(), v[i].size());
      mem[q - mem_addr + v[i].size()] = 0;
      addrs[i] = q;
      q += v[i].size() + 1;
    }
    return addrs;
  };

  const uint64_t end_marker = 0;
  push(&end_marker, sizeof end_marker);
  const uintptr_t execfn = push_str(spec.execfn);
  const std::vector<uintptr_t> env = push_block(spec.envp);
  const std::vector<uintptr_t> args = push_block(spec.argv);
  const uintptr_t platform = spec.platform.empty() ? 0 : push_str(spec.platform);
  const uintptr_t base_platform = spec.base_platform.empty() ? 0 : push_str(spec.base_platform);
  const uintptr_t random = push(spec.random.data(), spec.random.size());

  const size_t words = 1 + (args.size() + 1) + (env.size() + 1) + 2 * (spec.auxv.size() + 1);
  if (overflow || p - mem_addr < words * 8 + 16) return 0;
  const uintptr_t sp = (p - words * 8) & ~uintptr_t(15);
  uint64_t* w = reinterpret_cast<uint64_t*>(mem.data() + (sp - mem_addr));
  size_t i = 0;
  w[i++] = args.size();
  for (uintptr_t a : args) w[i++] = a;
  w[i++] = 0;
  for (uintptr_t e : env) w[i++] = e;
  w[i++] = 0;
  for (const AuxEntry& a : spec.auxv) {
    uint64_t v = a.value;
    switch (a.type) {
      case AT_EXECFN: v = execfn; break;
      case AT_PLATFORM: v = platform; break;
      case AT_BASE_PLATFORM: v = base_platform; break;
      case AT_RANDOM: v = random; break;
    }
    w[i++] = a.type;
    w[i++] = v;
  }
  w[i++] = AT_NULL;
  w[i++] = 0;
  return sp;
}

}  // namespace ldso
