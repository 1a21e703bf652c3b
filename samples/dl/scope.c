// dl_scope: which symbols dlsym and later libraries see.
//   - RTLD_LOCAL (the default): a library's symbols are found through its
//     handle, not through RTLD_DEFAULT nor dlopen(NULL)'s handle, and a
//     library opened later cannot bind to them (its dlopen fails, RTLD_NOW
//     or RTLD_LAZY alike, since the reference is to data)
//   - RTLD_NOLOAD: NULL for a library not loaded (and it stays unloaded);
//     with RTLD_GLOBAL, promotes a loaded RTLD_LOCAL library to the global
//     scope, after which all of the above see it
//   - RTLD_GLOBAL: the library and its dependencies are in the global
//     scope for dlsym(RTLD_DEFAULT) and for libraries opened later
//   - dlsym(handle) searches the library and its dependencies only
//   - the executable's exported symbols, through RTLD_DEFAULT and
//     dlopen(NULL)
#include "common.h"

RT_EXPORT int exe_exported(void) { return 5; }

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  void* main_h = dl_must_open(0, RTLD_NOW);
  rt_check("dlsym(RTLD_DEFAULT, exe_exported) is the executable's",
           dlsym(RTLD_DEFAULT, "exe_exported") == (void*)exe_exported);
  rt_check("dlsym(dlopen(NULL), exe_exported) is the executable's",
           dlsym(main_h, "exe_exported") == (void*)exe_exported);

  rt_printf("RTLD_LOCAL libdl_local.so:\n");
  void* hl = dl_must_open("libdl_local.so", RTLD_NOW | RTLD_LOCAL);
  int (*local_fn)(void) = (int (*)(void))dl_must_sym(hl, "scope_local_fn");
  rt_printf("  dlsym(handle, scope_local_fn)() = %d\n", local_fn());
  rt_check("dlsym(RTLD_DEFAULT, scope_local_fn) is NULL", dlsym(RTLD_DEFAULT, "scope_local_fn") == 0);
  dl_error_check("scope_local_fn", 0);
  rt_check("dlsym(dlopen(NULL), scope_local_fn) is NULL", dlsym(main_h, "scope_local_fn") == 0);
  dl_error_check("scope_local_fn", 0);
  rt_check("dlopen libdl_user.so (needs scope_local_var), RTLD_NOW: NULL",
           dlopen("libdl_user.so", RTLD_NOW) == 0);
  dl_error_check("scope_local_var", 0);
  rt_check("dlopen libdl_user.so, RTLD_LAZY: NULL", dlopen("libdl_user.so", RTLD_LAZY) == 0);
  dl_error_check("scope_local_var", 0);
  rt_check("libdl_user.so not left loaded", !dl_loaded("libdl_user.so"));

  rt_printf("RTLD_NOLOAD:\n");
  rt_check("dlopen libdl_global.so RTLD_NOLOAD: NULL", dlopen("libdl_global.so", RTLD_NOW | RTLD_NOLOAD) == 0);
  (void)dlerror();
  rt_check("and not loaded", !dl_loaded("libdl_global.so"));
  void* hl2 = dlopen("libdl_local.so", RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
  rt_check("dlopen libdl_local.so RTLD_NOLOAD|RTLD_GLOBAL: the same handle", hl2 == hl);
  rt_check("now dlsym(RTLD_DEFAULT, scope_local_fn) finds it",
           dlsym(RTLD_DEFAULT, "scope_local_fn") == (void*)local_fn);
  rt_check("and dlsym(dlopen(NULL), scope_local_fn)", dlsym(main_h, "scope_local_fn") == (void*)local_fn);
  void* hu = dl_must_open("libdl_user.so", RTLD_NOW);
  int (*user_get)(void) = (int (*)(void))dl_must_sym(hu, "user_get");
  rt_printf("  libdl_user.so opens now: user_get() = %d\n", user_get());
  rt_check("dlsym(libdl_user.so's handle, scope_local_var) is NULL (not its dependency)",
           dlsym(hu, "scope_local_var") == 0);
  (void)dlerror();

  rt_printf("RTLD_GLOBAL libdl_global.so (needs libdl_gdep.so):\n");
  void* hg = dl_must_open("libdl_global.so", RTLD_NOW | RTLD_GLOBAL);
  int (*global_fn)(void) = (int (*)(void))dl_must_sym(RTLD_DEFAULT, "global_fn");
  int (*gdep_fn)(void) = (int (*)(void))dl_must_sym(RTLD_DEFAULT, "gdep_fn");
  rt_printf("  through RTLD_DEFAULT: global_fn() = %d, gdep_fn() = %d\n", global_fn(), gdep_fn());
  rt_check("dlsym(its handle, gdep_fn) finds the dependency's", dlsym(hg, "gdep_fn") == (void*)gdep_fn);
  rt_check("dlsym(dlopen(NULL), global_fn) finds it", dlsym(main_h, "global_fn") == (void*)global_fn);
  rt_check("dlsym(libdl_local.so's handle, global_fn) is NULL", dlsym(hl, "global_fn") == 0);
  (void)dlerror();
  void* hgu = dl_must_open("libdl_guser.so", RTLD_NOW);
  int (*guser_get)(void) = (int (*)(void))dl_must_sym(hgu, "guser_get");
  rt_printf("  libdl_guser.so binds to both: guser_get() = %d\n", guser_get());

  int ok = dlclose(hgu) == 0 && dlclose(hg) == 0 && dlclose(hu) == 0 && dlclose(hl2) == 0 &&
           dlclose(hl) == 0 && dlclose(main_h) == 0;
  rt_check("dlclose of everything", ok);
  // Only these two: glibc marks an object that dlsym(RTLD_DEFAULT) from the
  // executable found as NODELETE (add_dependency: the executable is never
  // unloaded), which this test neither requires nor forbids.
  rt_check("libdl_user.so and libdl_guser.so unloaded",
           !dl_loaded("libdl_user.so") && !dl_loaded("libdl_guser.so"));
  return rt_failures;
}
