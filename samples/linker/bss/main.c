// bss: zero-fill of .bss in a library and in the executable, including
// the tail of the last file-backed page; .data before it intact.
#include "rt.h"
extern char lib_data[1000];
extern char lib_bss[3 * 4096 + 100];
long lib_bss_sum(void);
__attribute__((visibility("hidden"))) char exe_data[3000] = {[0] = 3, [2999] = 4};
__attribute__((visibility("hidden"))) char exe_bss[5 * 4096 + 7];
int main(void) {
  rt_printf("bss:\n");
  long s = 0;
  for (unsigned i = 0; i < sizeof exe_bss; i++) s += exe_bss[i];
  rt_printf("  exe: data %d %d, bss sum %ld\n", exe_data[0], exe_data[2999], s);
  rt_printf("  lib: data %d %d, bss sum %ld\n", lib_data[0], lib_data[999], lib_bss_sum());
  lib_bss[sizeof lib_bss - 1] = 5;
  exe_bss[sizeof exe_bss - 1] = 6;
  rt_printf("  after writes: lib bss sum %ld, exe bss last %d\n", lib_bss_sum(), exe_bss[sizeof exe_bss - 1]);
  return 0;
}
