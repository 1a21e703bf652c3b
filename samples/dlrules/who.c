// The libraries of the dlrules samples, one source built many times:
//   -DNAME=n      libdlr_<n>.so: says when it is initialised and finalised,
//                 exports n_next() (a counter: a fresh copy starts at 1)
//   -DCALLS=m     also n_call(), which returns m_next() of another object
//                 (an undefined reference, bound through the scope)
//   -DDEF1=f, -DDEF2=g   also f() and g(), returning "n" (filters)
//   -DUNIQUE      also uniq_obj, an STB_GNU_UNIQUE object it refers to
#include "port.h"
#define STR2(x) #x
#define STR(x) STR2(x)
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

static int counter;
__attribute__((constructor)) static void who_init(void) { rt_printf("  [%s: init]\n", STR(NAME)); }
__attribute__((destructor)) static void who_fini(void) { rt_printf("  [%s: fini]\n", STR(NAME)); }
RT_EXPORT int CAT(NAME, _next)(void) { return ++counter; }

#ifdef CALLS
int CAT(CALLS, _next)(void);
RT_EXPORT int CAT(NAME, _call)(void) { return CAT(CALLS, _next)(); }
#endif
#ifdef DEF1
RT_EXPORT const char* DEF1(void) { return STR(NAME); }
#endif
#ifdef DEF2
RT_EXPORT const char* DEF2(void) { return STR(NAME); }
#endif
#ifdef UNIQUE
RT_EXPORT int uniq_obj = 7;
__asm__(".type uniq_obj, %gnu_unique_object");
RT_EXPORT int* uniq_addr(void) { return &uniq_obj; }
#endif
