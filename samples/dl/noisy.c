// A library that says when it is initialised and finalised, with a counter
// to tell a fresh copy from a kept one. Built several times with
// -DNAME=<name> (library libdl_<name>.so): exports <name>_next().
#include "rt.h"
#define STR2(x) #x
#define STR(x) STR2(x)
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

static int counter;
__attribute__((constructor)) static void noisy_init(void) {
  rt_printf("  [libdl_%s: init]\n", STR(NAME));
}
__attribute__((destructor)) static void noisy_fini(void) {
  rt_printf("  [libdl_%s: fini]\n", STR(NAME));
}
RT_EXPORT int CAT(NAME, _next)(void) { return ++counter; }
