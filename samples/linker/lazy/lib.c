// 40 functions called through the PLT, some of which call each other and
// back into the executable through PLT entries of their own.
#include "rt.h"
int lz_exe_callback(int);
#define F1(i) RT_EXPORT int lz_##i(int x) { return x + i; }
F1(0) F1(1) F1(2) F1(3) F1(4) F1(5) F1(6) F1(7) F1(8) F1(9)
F1(10) F1(11) F1(12) F1(13) F1(14) F1(15) F1(16) F1(17) F1(18) F1(19)
F1(20) F1(21) F1(22) F1(23) F1(24) F1(25) F1(26) F1(27) F1(28) F1(29)
F1(30) F1(31) F1(32) F1(33) F1(34) F1(35) F1(36) F1(37) F1(38) F1(39)
RT_EXPORT int lz_chain(int x) { return lz_1(lz_2(lz_exe_callback(x))); }
RT_EXPORT void* lz_addr_of_1(void) { return (void*)lz_1; }
extern void lz_never(void) __attribute__((weak));
RT_EXPORT int lz_maybe_never(void) {
  if (lz_never) lz_never();
  return lz_never ? 1 : 0;
}
RT_EXPORT int lz_lib_bind_now(void) {
  unsigned long f = 0, f1 = 0;
  rt_dyn_get(_DYNAMIC, RT_DT_FLAGS, &f);
  rt_dyn_get(_DYNAMIC, RT_DT_FLAGS_1, &f1);
  return (f & RT_DF_BIND_NOW) && (f1 & RT_DF_1_NOW);
}
