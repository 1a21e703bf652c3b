// abs32: 32-bit absolute dynamic relocations in a library: against an
// absolute symbol of another library, and against an object of this
// non-PIE executable. x86_64: R_X86_64_32 (made by ld with -z
// noreloc-overflow); aarch64: R_AARCH64_ABS32 (patched in; glibc's ld.so
// rejects it, so that test asserts the expected output). abs32s (x86_64):
// the same library with one word made R_X86_64_32S against a negative
// absolute symbol (glibc's ld.so rejects 32S too).
#include "rt.h"
RT_EXPORT int exe_object[4] = {1, 2, 3, 4};
uint32_t abs32_get(void);
uint32_t abs32_get_exe(void);
int32_t abs32s_get(void);
int main(void) {
  rt_printf("abs32:\n");
  rt_printf("  abs32_field = 0x%x\n", abs32_get());
  rt_check("abs32_exe_field == (uint32_t)&exe_object", abs32_get_exe() == (uint32_t)(uintptr_t)exe_object);
#if defined(__x86_64__) && defined(ABS32S)
  rt_printf("  abs32s_field = %d\n", abs32s_get());
#endif
  return rt_failures;
}
