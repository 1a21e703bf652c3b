// align64k: an executable and a library linked with
// -z max-page-size=0x10000, each with data and code aligned to 64 KiB: the
// loader must place them at 64 KiB-aligned addresses.
#include "rt.h"
char exe_aligned[16] __attribute__((aligned(65536))) = "exe";
__attribute__((aligned(65536))) static int exe_aligned_fn(void) { return 32; }
int lib_aligned_fn(void);
char* lib_aligned_addr(void);
const char* lib_base(void);
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
static int a64k(const void* p) { return ((uintptr_t)p & 0xffff) == 0; }
int main(void) {
  rt_printf("align64k:\n");
  int (*volatile f)(void) = exe_aligned_fn;
  rt_check("exe base 64K-aligned", a64k(__ehdr_start));
  rt_check("exe data 64K-aligned", a64k(exe_aligned));
  rt_check("exe code 64K-aligned", a64k((void*)f));
  rt_check("lib base 64K-aligned", a64k(lib_base()));
  rt_check("lib data 64K-aligned", a64k(lib_aligned_addr()));
  rt_check("lib code 64K-aligned", a64k((void*)lib_aligned_fn));
  rt_printf("  %s %s %d %d\n", exe_aligned, lib_aligned_addr(), f(), lib_aligned_fn());
  return rt_failures;
}
