// dl_refcount: dlopen/dlclose reference counts.
//   - libdl_counted.so (needs libdl_dep.so) opened three times: by name
//     twice and by absolute path; one handle, initialisers run once
//     (dependency first)
//   - after two dlclose it is still loaded and keeps its data; the third
//     unloads it: finalisers run (it first, then its dependency),
//     dl_iterate_phdr no longer reports either, dlpi_subs grows by 2
//   - opened again: initialised again, with fresh data
//   - a dependency shared with another library opened (libdl_other.so)
//     stays until its last user is closed
#include "common.h"

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  struct dl_view v0 = dl_look("libdl_counted.so");
  rt_check("libdl_counted.so not loaded at start", !v0.found && !dl_loaded("libdl_dep.so"));

  rt_printf("dlopen libdl_counted.so:\n");
  void* h1 = dl_must_open("libdl_counted.so", RTLD_NOW);
  struct dl_view v1 = dl_look("libdl_counted.so");
  rt_check("loaded with its dependency", v1.found && dl_loaded("libdl_dep.so"));
  rt_printf("  dlpi_adds +%llu, dlpi_subs +%llu\n", v1.adds - v0.adds, v1.subs - v0.subs);
  rt_printf("dlopen libdl_counted.so again, RTLD_LAZY:\n");
  void* h2 = dl_must_open("libdl_counted.so", RTLD_LAZY);
  rt_check("same handle", h2 == h1);
  char path[512];
  const char* self = argv[0];
  const char* base = rt_basename(self);
  size_t dir = (size_t)(base - self);  // with its slash
  if (dir + 32 > sizeof path) return 2;
  memcpy(path, self, dir);
  rt_snprintf(path + dir, sizeof path - dir, "lib/libdl_counted.so");
  rt_printf("dlopen by absolute path:\n");
  void* h3 = dl_must_open(path, RTLD_NOW);
  rt_check("same handle", h3 == h1);
  struct dl_view v2 = dl_look(0);
  rt_printf("  dlpi_adds +%llu since the first dlopen\n", v2.adds - v1.adds);

  int (*next)(void) = (int (*)(void))dl_must_sym(h1, "counted_next");
  int a = next();
  int b = next();
  rt_printf("  counted_next: %d %d\n", a, b);
  rt_printf("dlclose twice:\n");
  int c3 = dlclose(h3);
  int c2 = dlclose(h2);
  rt_printf("  dlclose: %d %d\n", c3, c2);
  rt_check("still loaded, with its dependency", dl_loaded("libdl_counted.so") && dl_loaded("libdl_dep.so"));
  rt_printf("  counted_next: %d\n", next());
  rt_printf("dlclose the last reference:\n");
  struct dl_view v3 = dl_look(0);
  rt_printf("  dlclose: %d\n", dlclose(h1));
  struct dl_view v4 = dl_look(0);
  rt_check("unloaded, with its dependency", !dl_loaded("libdl_counted.so") && !dl_loaded("libdl_dep.so"));
  rt_printf("  dlpi_adds +%llu, dlpi_subs +%llu\n", v4.adds - v3.adds, v4.subs - v3.subs);

  rt_printf("dlopen libdl_counted.so once more:\n");
  void* h4 = dl_must_open("libdl_counted.so", RTLD_NOW);
  next = (int (*)(void))dl_must_sym(h4, "counted_next");
  rt_printf("  counted_next: %d (fresh data)\n", next());

  rt_printf("dlopen libdl_other.so, which needs libdl_dep.so too:\n");
  void* ho = dl_must_open("libdl_other.so", RTLD_NOW);
  rt_printf("dlclose libdl_counted.so:\n");
  rt_printf("  dlclose: %d\n", dlclose(h4));
  rt_check("libdl_dep.so stays for libdl_other.so",
           !dl_loaded("libdl_counted.so") && dl_loaded("libdl_dep.so") && dl_loaded("libdl_other.so"));
  int (*dep_next)(void) = (int (*)(void))dl_must_sym(ho, "dep_next");
  rt_printf("  dep_next through libdl_other.so's handle: %d\n", dep_next());
  rt_printf("dlclose libdl_other.so:\n");
  rt_printf("  dlclose: %d\n", dlclose(ho));
  rt_check("both gone", !dl_loaded("libdl_other.so") && !dl_loaded("libdl_dep.so"));
  return rt_failures;
}
