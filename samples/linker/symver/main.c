// symver: symbol versioning. Calls the default version (sv_fn -> VERS_2),
// an old non-default (hidden) version bound with .symver (sv_fn@VERS_1),
// symbols that exist in one version only, and checks that a symbol the
// version script made local is not visible (weak reference stays 0).
// With LD_PRELOAD of the unversioned libsymver_first.so, sv_fn and
// sv_fn@VERS_1 both bind to the preloaded definition.
#include "rt.h"
int sv_fn(void);
#ifndef UNVERSIONED
int sv_fn_old(void);
__asm__(".symver sv_fn_old, sv_fn@VERS_1");
#else
// symver_unversioned: linked against an unversioned build of the library,
// so every reference is unversioned; the one the versioned library answers
// for sv_fn is the oldest version, VERS_1.
#define sv_fn_old sv_fn
#endif
int sv_only1(void);
int sv_plain(void);
extern int sv_hidden(void) __attribute__((weak));
int main(void) {
  rt_printf("symver:\n");
  rt_printf("  sv_fn()=%d sv_fn@VERS_1()=%d sv_only1()=%d sv_plain()=%d\n", sv_fn(), sv_fn_old(),
            sv_only1(), sv_plain());
  rt_printf("  sv_hidden is %s\n", sv_hidden ? "visible" : "not visible");
  return 0;
}
