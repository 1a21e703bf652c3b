// prec_rpath / prec_runpath: libprec.so is in prec_a and in prec_b; the
// executable says $ORIGIN/prec_a as RPATH or RUNPATH, and the tests run it
// with and without LD_LIBRARY_PATH=prec_b. Order: DT_RPATH, then
// LD_LIBRARY_PATH, then DT_RUNPATH.
#include "rt.h"
const char* prec_where(void);
int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s: libprec.so from %s\n", rt_basename(argv[0]), prec_where());
  return 0;
}
