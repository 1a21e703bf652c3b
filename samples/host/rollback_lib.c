/* Libraries of host_tls_rollback, by -D (see tls_rollback.c). */
#if defined(BIGIE)
__attribute__((tls_model("initial-exec"))) __thread char rb_big[65536] = {7};
int rb_bigie(int i) { return rb_big[i]; }
#elif defined(DEP)
__thread long rb_dep_tls[2] = {31, 32};
#elif defined(UNDEF)
extern __thread long rb_dep_tls[2];
__thread long rb_undef_tls = 41;
void rb_nobody_defines_this(void);
long rb_undef(void) {
  rb_nobody_defines_this();
  return rb_undef_tls + rb_dep_tls[0];
}
#elif defined(IEUNDEF)
__attribute__((tls_model("initial-exec"))) __thread long rb_ie_tls[4] = {51, 52, 53, 54};
void rb_nobody_defines_this(void);
long rb_ieundef(void) {
  rb_nobody_defines_this();
  return rb_ie_tls[0];
}
#elif defined(NEEDS)
__thread long rb_needs_tls = 61;
long rb_gone(void);
long rb_needs(void) { return rb_needs_tls + rb_gone(); }
#elif defined(GONE)
long rb_gone(void) { return 1; }
#elif defined(GOOD)
__thread long rb_good_tls[4] = {1000, 1001, 1002, 1003};
long* rb_good(void) { return rb_good_tls; }
#elif defined(SMALL)
__attribute__((tls_model("initial-exec"))) __thread long rb_small_tls[8] = {11, 12, 13, 14, 15, 16, 17, 18};
long rb_small_sum(void) {
  long s = 0;
  for (int i = 0; i < 8; i++) s += rb_small_tls[i];
  return s;
}
#endif
#include <stdio.h>
__attribute__((constructor)) static void init(void) {
#if !defined(GOOD) && !defined(SMALL)
  printf("  [constructor of a library that failed to open ran: FAIL]\n");
#endif
}
