// One source, several libraries (-DLIB_A, -DLIB_B, -DLIB_C, -DLIB_S): the
// same names defined in several objects, to see which definition each
// reference binds to. exe NEEDS ip_a ip_b; ip_a NEEDS ip_c. Breadth-first
// scope: exe, ip_a, ip_b, ip_c. ip_s is linked -Bsymbolic.
#include "rt.h"
#define EXPORT RT_EXPORT
#define PROTECTED __attribute__((visibility("protected")))

#if defined(LIB_A)
EXPORT const char* who2(void) { return "ip_a"; }
EXPORT const char* shared_fn(void) { return "ip_a"; }
PROTECTED const char* prot_fn(void) { return "ip_a"; }
EXPORT int ip_data = 2;
const char* who(void);
void ip_c_report(void);
EXPORT void ip_a_report(void) {
  rt_printf("  from ip_a: who=%s who2=%s shared_fn=%s prot_fn=%s ip_data=%d\n", who(), who2(), shared_fn(),
            prot_fn(), ip_data);
  ip_c_report();
}
#elif defined(LIB_B)
EXPORT const char* who(void) { return "ip_b"; }
__attribute__((weak)) EXPORT const char* wk(void) { return "ip_b (weak)"; }
const char* prot_fn(void);
const char* who2(void);
EXPORT void ip_b_report(void) {
  rt_printf("  from ip_b: who=%s who2=%s prot_fn=%s wk=%s\n", who(), who2(), prot_fn(), wk());
}
#elif defined(LIB_C)
EXPORT const char* who(void) { return "ip_c"; }
EXPORT const char* who2(void) { return "ip_c"; }
EXPORT const char* wk(void) { return "ip_c (strong)"; }
EXPORT void ip_c_report(void) { rt_printf("  from ip_c: who=%s who2=%s wk=%s\n", who(), who2(), wk()); }
#elif defined(LIB_S)
EXPORT const char* sym_fn(void) { return "ip_s"; }
EXPORT int sym_data = 5;
EXPORT void ip_s_report(void) { rt_printf("  from ip_s (-Bsymbolic): sym_fn=%s sym_data=%d\n", sym_fn(), sym_data); }
#endif
