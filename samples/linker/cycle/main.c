// init_cycle: the executable needs libcy_a and libcy_b; libcy_a needs
// libcy_b, libcy_b needs libcy_a (a DT_NEEDED
// cycle). Each library is loaded once, both initialisers run (once each,
// before main: glibc's order is what ldso must match), symbols bind across
// the cycle in both directions. With RT_FINI=1 (init_cycle.fini) rt_exit
// runs the finalisers, in the reverse of the initialisation order.
#include "rt.h"
int a_fn(void);
int b_fn(void);
int a_calls_other(void);
int b_calls_other(void);
extern int a_var, b_var;
__attribute__((constructor)) static void exe_init(void) { rt_printf("  exe: init\n"); }
__attribute__((destructor)) static void exe_fini(void) { rt_printf("  exe: fini\n"); }
int main(void) {
  rt_printf("init_cycle:\n");
  rt_printf("  a_var=%d b_var=%d a_fn=%d b_fn=%d a->b=%d b->a=%d\n", a_var, b_var, a_fn(), b_fn(),
            a_calls_other(), b_calls_other());
  return 0;
}
