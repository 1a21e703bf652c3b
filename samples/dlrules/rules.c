// dlr_rules: where dlopen looks, and which scope dlopened objects see.
//   - a relative name with a slash is opened relative to the working
//     directory (the test runs in the program's directory), "./" or not:
//     one object
//   - $ORIGIN in the DT_NEEDED of a dlopened object (org needs
//     $ORIGIN/libdlr_orgdep.so), and in its RUNPATH (orgrp needs orgrpdep,
//     found through RUNPATH $ORIGIN): both live only in lib/sub
//   - RTLD_GLOBAL with RTLD_NOLOAD promotes an object opened RTLD_LOCAL, and
//     its dependencies; a dependency promoted alone makes only its own list
//     global
//   - lv1 -> lv2 -> lv3 opened RTLD_LOCAL: lv3 calls lv1_next, which only
//     the root's search list has
//   - late calls late_next lazily; nothing defines it when late is opened,
//     latedef (opened RTLD_GLOBAL later) does when the call is made
#include "common.h"

typedef int (*int_fn)(void);

static void global_has(const char* sym) {
  void* p = dlsym(RTLD_DEFAULT, sym);
  if (!p) dlerror();
  rt_printf("  dlsym(RTLD_DEFAULT, %s): %s\n", sym, p ? "found" : "NULL");
}

int main(void) {
  rt_printf("dlr_rules:\n");
  rt_printf("relative paths and $ORIGIN:\n");
  void* org = dl_must_open("lib/sub/libdlr_org.so", RTLD_NOW);
  int_fn org_call = (int_fn)dl_must_sym(org, "org_call");
  rt_printf("  org_call: %d\n", org_call());
  void* org2 = dl_must_open("./lib/sub/libdlr_org.so", RTLD_NOW);
  rt_check("same object through ./", org2 == org);
  rt_check("orgdep loaded", dl_loaded("libdlr_orgdep.so"));
  void* orgrp = dl_must_open("lib/sub/libdlr_orgrp.so", RTLD_NOW);
  int_fn orgrp_call = (int_fn)dl_must_sym(orgrp, "orgrp_call");
  rt_printf("  orgrp_call: %d\n", orgrp_call());
  void* bysoname = dlopen("libdlr_org.so", RTLD_NOW);
  rt_check("found by its soname while loaded, though not on the search path", bysoname == org);
  if (!bysoname) dlerror();
  int closed = dlclose(org2);
  closed += dlclose(org);
  if (bysoname) closed += dlclose(bysoname);
  closed += dlclose(orgrp);
  rt_printf("  dlclose: %d\n", closed);
  rt_check("org unloaded", !dl_loaded("libdlr_org.so"));
  void* gone = dlopen("libdlr_org.so", RTLD_NOW);
  rt_check("not found by its bare name once unloaded", gone == 0);
  if (!gone) dlerror();

  rt_printf("RTLD_GLOBAL promotes:\n");
  void* prom = dl_must_open("libdlr_prom.so", RTLD_NOW);
  global_has("prom_next");
  global_has("promdep_next");
  void* again = dlopen("libdlr_prom.so", RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
  rt_check("RTLD_NOLOAD|RTLD_GLOBAL: same handle", again == prom);
  global_has("prom_next");
  global_has("promdep_next");
  void* p2 = dl_must_open("libdlr_prom2.so", RTLD_NOW);
  void* d2 = dlopen("libdlr_prom2dep.so", RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
  rt_check("dependency opened with RTLD_NOLOAD", d2 != 0);
  global_has("prom2dep_next");
  global_has("prom2_next");
  closed = dlclose(d2);
  closed += dlclose(p2);
  closed += dlclose(again);
  closed += dlclose(prom);
  rt_printf("  dlclose: %d\n", closed);

  rt_printf("scope three levels deep:\n");
  void* lv1 = dl_must_open("libdlr_lv1.so", RTLD_NOW);
  int_fn lv1_call = (int_fn)dl_must_sym(lv1, "lv1_call");
  int_fn lv3_call = (int_fn)dl_must_sym(lv1, "lv3_call");
  const int lv2 = lv1_call();
  rt_printf("  lv1_call (lv2_next): %d, lv3_call (lv1_next): %d\n", lv2, lv3_call());
  global_has("lv1_next");
  rt_printf("  dlclose: %d\n", dlclose(lv1));

  rt_printf("a lazy call bound to a definition that came later:\n");
  void* late = dl_must_open("libdlr_late.so", RTLD_LAZY);
  int_fn late_call = (int_fn)dl_must_sym(late, "late_call");
  void* latedef = dl_must_open("libdlr_latedef.so", RTLD_LAZY | RTLD_GLOBAL);
  const int first = late_call();
  rt_printf("  late_call: %d, then %d\n", first, late_call());
  rt_printf("  dlclose latedef: %d\n", dlclose(latedef));
  rt_check("latedef kept: late uses it", dl_loaded("libdlr_latedef.so"));
  rt_printf("  dlclose late: %d\n", dlclose(late));
  rt_printf("exit\n");
  return rt_failures;
}
