// dl_nodelete: libraries that dlclose does not unload.
//   - libdl_nd.so opened RTLD_NODELETE: dlclose runs no finaliser, it stays
//     reported by dl_iterate_phdr, its functions and data live on; opened
//     again it is the same, not initialised again
//   - libdl_znd.so, linked -z nodelete (DF_1_NODELETE): the same without
//     the flag
//   - libdl_nd2.so, opened normally, then RTLD_NOLOAD|RTLD_NODELETE: kept too
//   - libdl_ndctl.so, opened and closed normally: unloaded (control)
// With the argument only-nd, just the first part runs, and with RT_FINI=1
// (test dl.nodelete.fini) the fini function the dynamic linker handed to
// _start runs at exit, and with it the finaliser of libdl_nd.so, still
// loaded. (One library only: glibc runs the finalisers of unrelated
// libraries opened with dlopen in load order, not in the reverse.)
#include "common.h"

typedef int (*next_fn)(void);

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  rt_printf("dlopen libdl_nd.so RTLD_NODELETE:\n");
  void* h = dl_must_open("libdl_nd.so", RTLD_NOW | RTLD_NODELETE);
  next_fn nd = (next_fn)dl_must_sym(h, "nd_next");
  rt_printf("  nd_next: %d\n", nd());
  rt_printf("dlclose:\n");
  rt_printf("  dlclose: %d\n", dlclose(h));
  rt_check("still loaded", dl_loaded("libdl_nd.so"));
  rt_printf("  nd_next: %d\n", nd());
  rt_printf("dlopen libdl_nd.so again:\n");
  void* h2 = dl_must_open("libdl_nd.so", RTLD_NOW);
  rt_check("same handle", h2 == h);
  rt_printf("  nd_next: %d\n", nd());
  rt_printf("  dlclose: %d\n", dlclose(h2));
  if (argc > 1 && rt_strcmp(argv[1], "only-nd") == 0) {
    rt_printf("exit\n");
    return rt_failures;
  }

  rt_printf("dlopen libdl_znd.so (-z nodelete):\n");
  void* hz = dl_must_open("libdl_znd.so", RTLD_NOW);
  next_fn znd = (next_fn)dl_must_sym(hz, "znd_next");
  rt_printf("  znd_next: %d\n", znd());
  rt_printf("  dlclose: %d\n", dlclose(hz));
  rt_check("still loaded", dl_loaded("libdl_znd.so"));
  rt_printf("  znd_next: %d\n", znd());

  rt_printf("dlopen libdl_nd2.so, then RTLD_NOLOAD|RTLD_NODELETE:\n");
  void* hn = dl_must_open("libdl_nd2.so", RTLD_NOW);
  void* hn2 = dlopen("libdl_nd2.so", RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
  rt_check("same handle", hn2 == hn);
  next_fn nd2 = (next_fn)dl_must_sym(hn, "nd2_next");
  rt_printf("  nd2_next: %d\n", nd2());
  rt_printf("  dlclose: %d %d\n", dlclose(hn2), dlclose(hn));
  rt_check("still loaded", dl_loaded("libdl_nd2.so"));
  rt_printf("  nd2_next: %d\n", nd2());

  rt_printf("dlopen libdl_ndctl.so:\n");
  void* hc = dl_must_open("libdl_ndctl.so", RTLD_NOW);
  rt_printf("  dlclose: %d\n", dlclose(hc));
  rt_check("unloaded", !dl_loaded("libdl_ndctl.so"));
  rt_printf("exit\n");
  return rt_failures;
}
