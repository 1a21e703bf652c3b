// weak: weak undefined references, resolved to 0 when nothing defines them
// (GLOB_DAT / 64 / JUMP_SLOT with value 0), and to the definition of a
// library that is in the global scope but not a dependency of the
// referencing library.
#include "rt.h"
extern int wk_missing_fn(void) __attribute__((weak));
extern int wk_missing_var __attribute__((weak));
extern int wk_late_fn(void) __attribute__((weak));
__attribute__((visibility("hidden"))) int (*wk_missing_ptr)(void) = wk_missing_fn;
void wk_lib_report(void);
int main(void) {
  rt_printf("weak:\n");
  rt_printf("  exe: wk_missing_fn %s, wk_missing_var %s, wk_missing_ptr %s\n", wk_missing_fn ? "non-null" : "null",
            &wk_missing_var ? "non-null" : "null", wk_missing_ptr ? "non-null" : "null");
  if (wk_missing_fn) wk_missing_fn();
  rt_printf("  exe: wk_late_fn -> %d\n", wk_late_fn ? wk_late_fn() : -1);
  wk_lib_report();
  return 0;
}
