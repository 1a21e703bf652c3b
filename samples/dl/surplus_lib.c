// libdl_bigtls.so (-DBIG): 64 KiB of initial-exec TLS (DF_STATIC_TLS),
// more than any static TLS surplus; libdl_smalltls.so: 64 bytes of
// initial-exec TLS, which fits.
#include "rt.h"
#define IE __attribute__((tls_model("initial-exec")))
#if defined(BIG)
RT_EXPORT __thread IE char big_tls[65536] = {7};
RT_EXPORT int big_get(int i) { return big_tls[i]; }
__attribute__((constructor)) static void init(void) { rt_printf("  [libdl_bigtls: init]\n"); }
#else
RT_EXPORT __thread IE long small_tls[8] = {11, 12, 13, 14, 15, 16, 17, 18};
RT_EXPORT long small_sum(void) {
  long s = 0;
  for (int i = 0; i < 8; i++) s += small_tls[i];
  return s;
}
#endif
