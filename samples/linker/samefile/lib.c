// libsf_real.so (-DREAL): one library reached under two names, its own and
// the symlink lib/libsf_alias.so -> libsf_real.so (made at build time). It
// must be loaded once: one initialiser run, one counter, one address.
// libsf_user.so (-DUSER): needs libsf_alias.so (linked against the
// stand-in stub/libsf_alias.so, soname libsf_alias.so).
#include "rt.h"
#if defined(REAL)
RT_EXPORT int sf_counter;
static int inits;
RT_EXPORT int sf_bump(void) { return ++sf_counter; }
RT_EXPORT int sf_inits(void) { return inits; }
__attribute__((constructor)) static void sf_init(void) {
  inits++;
  rt_printf("  libsf_real: init (%d)\n", inits);
}
#elif defined(ALIAS_STUB)
RT_EXPORT int sf_counter;
RT_EXPORT int sf_bump(void) { return 0; }
RT_EXPORT int sf_inits(void) { return 0; }
#elif defined(USER)
extern int sf_counter;
int sf_bump(void);
RT_EXPORT int* sf_user_counter_addr(void) { return &sf_counter; }
RT_EXPORT int sf_user_bump(void) { return sf_bump(); }
#endif
