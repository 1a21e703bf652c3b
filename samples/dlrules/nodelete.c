// dlr_nodelete: objects that become NODELETE while they are linked keep
// their finalisers until exit.
//   - uq defines and uses an STB_GNU_UNIQUE object: dlclose keeps it
//   - ndtop needs ndz, linked -z nodelete: dlclose takes ndtop, keeps ndz
// Run with RT_FINI=1 (freestanding build): the finalisers at exit run then.
#include "common.h"

typedef int (*int_fn)(void);
typedef int* (*ptr_fn)(void);

int main(void) {
  rt_printf("dlr_nodelete:\n");
  void* uq = dl_must_open("libdlr_uq.so", RTLD_NOW);
  ptr_fn uniq_addr = (ptr_fn)dl_must_sym(uq, "uniq_addr");
  int_fn uq_next = (int_fn)dl_must_sym(uq, "uq_next");
  rt_printf("  uniq_obj: %d, uq_next: %d\n", *uniq_addr(), uq_next());
  rt_printf("  dlclose uq: %d\n", dlclose(uq));
  rt_check("uq still loaded", dl_loaded("libdlr_uq.so"));
  rt_printf("  uq_next: %d\n", uq_next());
  void* top = dl_must_open("libdlr_ndtop.so", RTLD_NOW);
  int_fn ndtop_call = (int_fn)dl_must_sym(top, "ndtop_call");
  rt_printf("  ndtop_call: %d\n", ndtop_call());
  rt_printf("  dlclose ndtop: %d\n", dlclose(top));
  rt_check("ndtop unloaded", !dl_loaded("libdlr_ndtop.so"));
  rt_check("ndz still loaded", dl_loaded("libdlr_ndz.so"));
  void* z = dlopen("libdlr_ndz.so", RTLD_NOW | RTLD_NOLOAD);
  rt_check("ndz found with RTLD_NOLOAD", z != 0);
  if (z) {
    int_fn ndz_next = (int_fn)dl_must_sym(z, "ndz_next");
    rt_printf("  ndz_next: %d\n", ndz_next());
    dlclose(z);
  }
  rt_printf("exit\n");
  return rt_failures;
}
