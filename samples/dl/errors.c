// dl_errors: failures of the dlopen family, and dlerror. The message text
// is the loader's own (ldso's legitimately differs from glibc's): each is
// checked to be set, to name what failed, and to be cleared by reading it.
//   - dlopen of a missing library (by name, by path), of a file that is not
//     ELF, of a library whose data reference is undefined (its dependency
//     must not be initialised nor left loaded), of one whose function
//     reference is undefined (RTLD_NOW fails, RTLD_LAZY succeeds)
//   - dlsym of a missing symbol (handle, RTLD_DEFAULT), dlvsym of a missing
//     version
#include "common.h"

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  rt_check("dlerror() is NULL at start", dlerror() == 0);

  rt_printf("dlopen libdl_nothere.so:\n");
  rt_check("NULL", dlopen("libdl_nothere.so", RTLD_NOW) == 0);
  dl_error_check("libdl_nothere.so", 0);
  rt_printf("dlopen /nonexistent-dir/libdl_nothere.so:\n");
  rt_check("NULL", dlopen("/nonexistent-dir/libdl_nothere.so", RTLD_LAZY) == 0);
  dl_error_check("/nonexistent-dir/libdl_nothere.so", 0);
  rt_printf("dlopen libdl_notelf.so (a text file):\n");
  rt_check("NULL", dlopen("libdl_notelf.so", RTLD_NOW) == 0);
  dl_error_check("libdl_notelf.so", 0);

  rt_printf("dlopen libdl_bad.so (needs libdl_bdep.so; refers to dl_missing_var):\n");
  rt_check("NULL", dlopen("libdl_bad.so", RTLD_NOW) == 0);
  dl_error_check("dl_missing_var", 0);
  rt_check("neither it nor its dependency is left loaded",
           !dl_loaded("libdl_bad.so") && !dl_loaded("libdl_bdep.so"));

  rt_printf("dlopen libdl_lazyref.so (calls dl_missing_fn):\n");
  rt_check("RTLD_NOW: NULL", dlopen("libdl_lazyref.so", RTLD_NOW) == 0);
  dl_error_check("dl_missing_fn", 0);
  void* hz = dlopen("libdl_lazyref.so", RTLD_LAZY);
  rt_check("RTLD_LAZY: opens (the call is never made)", hz != 0);
  if (hz) dlclose(hz);
  (void)dlerror();

  rt_printf("dlsym:\n");
  void* h = dl_must_open("libdl_info.so", RTLD_NOW);
  rt_check("dlsym(handle, dl_no_such_symbol): NULL", dlsym(h, "dl_no_such_symbol") == 0);
  dl_error_check("dl_no_such_symbol", 0);
  rt_check("dlsym(RTLD_DEFAULT, dl_no_such_symbol_2): NULL",
           dlsym(RTLD_DEFAULT, "dl_no_such_symbol_2") == 0);
  dl_error_check("dl_no_such_symbol_2", 0);
  rt_check("dlvsym(handle, vs_fn, VERS_9): NULL", dlvsym(h, "vs_fn", "VERS_9") == 0);
  dl_error_check("vs_fn", "VERS_9");
  rt_check("dlsym(handle, info_fn) works after the errors", dlsym(h, "info_fn") != 0);
  rt_check("and dlerror() is NULL", dlerror() == 0);
  dlclose(h);
  return rt_failures;
}
