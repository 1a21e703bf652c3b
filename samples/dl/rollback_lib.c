// Libraries of dl_tls_rollback, by -D:
//   DEP      libdl_rb_dep.so: dynamic TLS, a dependency of UNDEF
//   UNDEF    libdl_rb_undef.so: dynamic TLS, needs libdl_rb_dep.so, calls a
//            function nobody defines (RTLD_NOW fails after TLS was assigned)
//   IEUNDEF  libdl_rb_ieundef.so: initial-exec TLS that fits the surplus,
//            and the same undefined function
//   NEEDS    libdl_rb_needs.so: dynamic TLS, needs libdl_rb_gone.so, which
//            is not where it is searched for
//   GONE     libdl_rb_gone.so (built elsewhere)
#include "rt.h"
#if defined(DEP)
RT_EXPORT __thread long rb_dep_tls[2] = {31, 32};
#elif defined(UNDEF)
extern __thread long rb_dep_tls[2];
RT_EXPORT __thread long rb_undef_tls = 41;
void rb_nobody_defines_this(void);
RT_EXPORT long rb_undef(void) {
  rb_nobody_defines_this();
  return rb_undef_tls + rb_dep_tls[0];
}
#elif defined(IEUNDEF)
RT_EXPORT __thread __attribute__((tls_model("initial-exec"))) long rb_ie_tls[4] = {51, 52, 53, 54};
void rb_nobody_defines_this(void);
RT_EXPORT long rb_ieundef(void) {
  rb_nobody_defines_this();
  return rb_ie_tls[0];
}
#elif defined(NEEDS)
RT_EXPORT __thread long rb_needs_tls = 61;
long rb_gone(void);
RT_EXPORT long rb_needs(void) { return rb_needs_tls + rb_gone(); }
#elif defined(GONE)
RT_EXPORT long rb_gone(void) { return 1; }
#endif
__attribute__((constructor)) static void init(void) { rt_printf("  [constructor ran: FAIL]\n"); }
