// lazy / bindnow: the same calls through the PLT with lazy binding (-z
// lazy: every JUMP_SLOT first goes to the loader's resolver) and with
// -z now (DF_BIND_NOW, everything bound before start, RELRO). Includes a
// PLT slot for a weak undefined function that is never called.
#include "rt.h"
#define D1(i) int lz_##i(int);
D1(0) D1(1) D1(2) D1(3) D1(4) D1(5) D1(6) D1(7) D1(8) D1(9)
D1(10) D1(11) D1(12) D1(13) D1(14) D1(15) D1(16) D1(17) D1(18) D1(19)
D1(20) D1(21) D1(22) D1(23) D1(24) D1(25) D1(26) D1(27) D1(28) D1(29)
D1(30) D1(31) D1(32) D1(33) D1(34) D1(35) D1(36) D1(37) D1(38) D1(39)
int lz_chain(int);
void* lz_addr_of_1(void);
int lz_maybe_never(void);
int lz_lib_bind_now(void);
RT_EXPORT int lz_exe_callback(int x) { return x * 2; }
int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  unsigned long f = 0;
  rt_dyn_get(_DYNAMIC, RT_DT_FLAGS, &f);
  rt_printf("  DF_BIND_NOW: exe %s, lib %s\n", (f & RT_DF_BIND_NOW) ? "yes" : "no", lz_lib_bind_now() ? "yes" : "no");
  int s = 0;
  for (int round = 0; round < 2; round++) {
    s += lz_0(s) + lz_1(s) + lz_2(s) + lz_3(s) + lz_4(s) + lz_5(s) + lz_6(s) + lz_7(s) + lz_8(s) + lz_9(s);
    s += lz_10(1) + lz_11(1) + lz_12(1) + lz_13(1) + lz_14(1) + lz_15(1) + lz_16(1) + lz_17(1) + lz_18(1) + lz_19(1);
    s += lz_20(2) + lz_21(2) + lz_22(2) + lz_23(2) + lz_24(2) + lz_25(2) + lz_26(2) + lz_27(2) + lz_28(2) + lz_29(2);
    s += lz_39(3) + lz_38(3) + lz_37(3) + lz_36(3) + lz_35(3) + lz_34(3) + lz_33(3) + lz_32(3) + lz_31(3) + lz_30(3);
    rt_printf("  round %d: sum %d, chain %d\n", round, s, lz_chain(5));
  }
  int (*volatile p)(int) = lz_1;
  rt_check("&lz_1 in exe == in lib", (void*)p == lz_addr_of_1());
  rt_printf("  lz_never present: %d\n", lz_maybe_never());
  return rt_failures;
}
