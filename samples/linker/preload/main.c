// preload: LD_PRELOAD puts libraries between the executable and its
// dependencies in the lookup scope, in list order (separated by spaces or
// colons, by path or by name), and skips a missing one with a warning.
#include "rt.h"
const char* pl_fn1(void);
const char* pl_fn2(void);
const char* pl_fn3(void);
const char* pl_main_calls_fn2(void);
extern int pl_var;
int main(void) {
  rt_printf("preload:\n");
  rt_printf("  pl_fn1=%s pl_fn2=%s pl_fn3=%s pl_var=%d pl_main_calls_fn2=%s\n", pl_fn1(), pl_fn2(), pl_fn3(),
            pl_var, pl_main_calls_fn2());
  return 0;
}
