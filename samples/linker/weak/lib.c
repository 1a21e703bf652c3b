#include "rt.h"
extern int wk_missing_fn(void) __attribute__((weak));
extern int wk_missing_var __attribute__((weak));
extern int wk_late_fn(void) __attribute__((weak));  // in wk_late: not our dependency
extern int wk_late_var __attribute__((weak));
RT_EXPORT void wk_lib_report(void) {
  rt_printf("  lib: wk_missing_fn %s, wk_missing_var %s\n", wk_missing_fn ? "non-null" : "null",
            &wk_missing_var ? "non-null" : "null");
  rt_printf("  lib: wk_late_fn %s -> %d, wk_late_var %d\n", wk_late_fn ? "found" : "null",
            wk_late_fn ? wk_late_fn() : -1, &wk_late_var ? wk_late_var : -1);
}
