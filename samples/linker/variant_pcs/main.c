// variant_pcs (aarch64): calls through the PLT to a STO_AARCH64_VARIANT_PCS
// function whose arguments live in x9-x15 and d16-d23. The executable gets
// DT_AARCH64_VARIANT_PCS; its PLT slot must be bound before the first call,
// or a lazy resolver clobbers the arguments.
#include "rt.h"

static long call_vp(long base) {
  register long x9 __asm__("x9") = base + 1;
  register long x10 __asm__("x10") = base + 2;
  register long x11 __asm__("x11") = base + 3;
  register long x12 __asm__("x12") = base + 4;
  register long x13 __asm__("x13") = base + 5;
  register long x14 __asm__("x14") = base + 6;
  register long x15 __asm__("x15") = base + 7;
  register long x0 __asm__("x0");
  // d16-d23 carry base+8 .. base+15 as raw 64-bit patterns.
  __asm__ volatile(
      "fmov d16, %[a]\n fmov d17, %[b]\n fmov d18, %[c]\n fmov d19, %[d]\n"
      "fmov d20, %[e]\n fmov d21, %[f]\n fmov d22, %[g]\n fmov d23, %[h]\n"
      "bl vp_sum"
      : "=r"(x0), "+r"(x9), "+r"(x10), "+r"(x11), "+r"(x12), "+r"(x13), "+r"(x14), "+r"(x15)
      : [a] "r"(base + 8), [b] "r"(base + 9), [c] "r"(base + 10), [d] "r"(base + 11), [e] "r"(base + 12),
        [f] "r"(base + 13), [g] "r"(base + 14), [h] "r"(base + 15)
      : "x1", "x16", "x17", "x30", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "memory", "cc");
  return x0;
}

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  unsigned long v = 0;
  rt_printf("  DT_AARCH64_VARIANT_PCS: %s\n", rt_dyn_get(_DYNAMIC, 0x70000005, &v) ? "yes" : "no");
  // 15 arguments base+1 .. base+15: the sum is 15*base + 120.
  const long first = call_vp(1000);
  const long second = call_vp(0);
  rt_printf("  first call: %ld (want %ld), second: %ld (want %ld)\n", first, 15 * 1000L + 120, second, 120L);
  return first == 15 * 1000 + 120 && second == 120 ? 0 : 1;
}
