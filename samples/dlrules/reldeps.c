// dlr_reldeps: dlclose never unloads what another loaded object still uses.
//   - use binds def_next lazily (a symbol of def, which is not among its
//     dependencies): closing def keeps it (glibc's l_reldeps), closing use
//     then takes both; the same bound eagerly (RTLD_NOW), and not bound at
//     all (then def goes at once)
//   - a and b share a dependency: closed in either order, it stays while one
//     of them is open
//   - closed and opened again: a fresh copy, initialised again
//   - top pulls in def2; use2 calls def2 through its PLT: after top (def2's
//     opener) is closed, the call still works, and def2 goes with use2
#include "common.h"

typedef int (*int_fn)(void);

static void state(const char* a, const char* b) {
  rt_printf("  loaded: %s %s", a, dl_loaded(a) ? "yes" : "no");
  if (b) rt_printf(", %s %s", b, dl_loaded(b) ? "yes" : "no");
  rt_printf("\n");
}

static void bound(int mode, const char* how, int call) {
  rt_printf("%s:\n", how);
  void* def = dl_must_open("libdlr_def.so", RTLD_NOW | RTLD_GLOBAL);
  void* use = dl_must_open("libdlr_use.so", mode);
  int_fn use_call = (int_fn)dl_must_sym(use, "use_call");
  if (call) rt_printf("  use_call: %d\n", use_call());
  rt_printf("  dlclose def: %d\n", dlclose(def));
  state("libdlr_def.so", "libdlr_use.so");
  if (call) rt_printf("  use_call: %d\n", use_call());
  rt_printf("  dlclose use: %d\n", dlclose(use));
  state("libdlr_def.so", "libdlr_use.so");
}

static void shared(int a_first) {
  rt_printf("a and b share dep, %s closed first:\n", a_first ? "a" : "b");
  void* a = dl_must_open("libdlr_a.so", RTLD_NOW);
  void* b = dl_must_open("libdlr_b.so", RTLD_NOW);
  int_fn a_call = (int_fn)dl_must_sym(a, "a_call");
  int_fn b_call = (int_fn)dl_must_sym(b, "b_call");
  const int first = a_call();
  rt_printf("  a_call: %d, b_call: %d\n", first, b_call());
  rt_printf("  dlclose %s: %d\n", a_first ? "a" : "b", dlclose(a_first ? a : b));
  state("libdlr_dep.so", a_first ? "libdlr_a.so" : "libdlr_b.so");
  rt_printf("  %s: %d\n", a_first ? "b_call" : "a_call", a_first ? b_call() : a_call());
  rt_printf("  dlclose %s: %d\n", a_first ? "b" : "a", dlclose(a_first ? b : a));
  state("libdlr_dep.so", a_first ? "libdlr_b.so" : "libdlr_a.so");
}

int main(void) {
  rt_printf("dlr_reldeps:\n");
  bound(RTLD_LAZY, "use bound lazily", 1);
  bound(RTLD_NOW, "use bound eagerly", 1);
  bound(RTLD_LAZY, "use never called", 0);
  shared(1);
  shared(0);

  rt_printf("opened again after dlclose:\n");
  for (int round = 1; round <= 2; ++round) {
    void* a = dl_must_open("libdlr_a.so", RTLD_NOW);
    int_fn a_next = (int_fn)dl_must_sym(a, "a_next");
    const int first = a_next();
    rt_printf("  round %d: a_next %d, then %d\n", round, first, a_next());
    rt_printf("  dlclose: %d\n", dlclose(a));
    state("libdlr_a.so", "libdlr_dep.so");
  }

  rt_printf("PLT call after the definer's opener is closed:\n");
  void* top = dl_must_open("libdlr_top.so", RTLD_NOW | RTLD_GLOBAL);
  void* use2 = dl_must_open("libdlr_use2.so", RTLD_LAZY);
  int_fn use2_call = (int_fn)dl_must_sym(use2, "use2_call");
  rt_printf("  use2_call: %d\n", use2_call());
  rt_printf("  dlclose top: %d\n", dlclose(top));
  state("libdlr_top.so", "libdlr_def2.so");
  rt_printf("  use2_call: %d\n", use2_call());
  rt_printf("  dlclose use2: %d\n", dlclose(use2));
  state("libdlr_def2.so", "libdlr_use2.so");
  rt_printf("exit\n");
  return rt_failures;
}
