// dl_noopen: dlopen of a library linked with -z nodlopen (DF_1_NOOPEN)
// fails, with an error naming the library, and leaves nothing loaded nor
// initialised; the same for RTLD_LAZY and for RTLD_NOLOAD. Then a library
// that needs it (libdl_noopen_user.so -> libdl_noopen.so): what glibc does
// there is what ldso must do.
#include "common.h"

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  rt_check("libdl_noopen.so not loaded at start", !dl_loaded("libdl_noopen.so"));
  rt_printf("dlopen libdl_noopen.so, RTLD_NOW:\n");
  rt_check("NULL", dlopen("libdl_noopen.so", RTLD_NOW) == 0);
  dl_error_check("libdl_noopen.so", 0);
  rt_check("not left loaded", !dl_loaded("libdl_noopen.so"));
  rt_printf("dlopen libdl_noopen.so, RTLD_LAZY | RTLD_GLOBAL:\n");
  rt_check("NULL", dlopen("libdl_noopen.so", RTLD_LAZY | RTLD_GLOBAL) == 0);
  dl_error_check("libdl_noopen.so", 0);
  rt_check("not left loaded", !dl_loaded("libdl_noopen.so"));
  rt_printf("dlopen libdl_noopen_user.so (needs libdl_noopen.so):\n");
  void* h = dlopen("libdl_noopen_user.so", RTLD_NOW);
  rt_printf("  result: %s\n", h ? "opened" : "NULL");
  if (h) {
    int (*f)(void) = (int (*)(void))dl_must_sym(h, "noopen_user_fn");
    rt_printf("  noopen_user_fn() = %d\n", f());
  } else {
    dl_error_check("libdl_noopen.so", 0);
    rt_check("neither is left loaded",
             !dl_loaded("libdl_noopen.so") && !dl_loaded("libdl_noopen_user.so"));
  }
  return rt_failures;
}
