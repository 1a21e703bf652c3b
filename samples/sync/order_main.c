// sync_order / sync_order_rcrash: the executable of the ordering sample (see
// order_lib.c). Prints where its entry point is, so that the test can find
// the executable's first lazy fault, and calls the library's IFUNC.
//
// Output:
//   main: pagesize <AT_PAGESZ>
//   main: _start <address>
//   main: order_fn() = 42
#include "rt.h"

int order_fn(void);
void _start(void);

int main(void) {
  rt_printf("main: pagesize %lu\n", rt_getauxval(6 /* AT_PAGESZ */));
  rt_printf("main: _start %p\n", (void*)_start);
  rt_printf("main: order_fn() = %d\n", order_fn());
  return 0;
}
