// One source for libcy_a and libcy_b (-DSELF=a -DOTHER=b -DVAL=1 and the reverse):
// libcy_a needs libcy_b and libcy_b needs libcy_a (a DT_NEEDED cycle; the
// link-time stand-in stub/libcy_a.so breaks the cycle for the build). Each
// prints its initialiser and finaliser (DT_INIT_ARRAY / DT_FINI_ARRAY) and
// calls into the other (PLT) and reads the other's variable (GLOB_DAT).
#include "rt.h"
#define STR2(x) #x
#define STR(x) STR2(x)
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#ifndef STUB
RT_EXPORT int CAT(SELF, _var) = VAL;
extern int CAT(OTHER, _var);
int CAT(OTHER, _fn)(void);
RT_EXPORT int CAT(SELF, _fn)(void) { return 10 * CAT(SELF, _var) + CAT(OTHER, _var); }
RT_EXPORT int CAT(SELF, _calls_other)(void) { return CAT(OTHER, _fn)(); }
__attribute__((constructor)) static void cy_init(void) { rt_printf("  libcy_%s: init\n", STR(SELF)); }
__attribute__((destructor)) static void cy_fini(void) { rt_printf("  libcy_%s: fini\n", STR(SELF)); }
#else
// Stand-in: only the symbols libcy_b refers to.
RT_EXPORT int a_var;
RT_EXPORT int a_fn(void) { return 0; }
#endif
