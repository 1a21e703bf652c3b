// libtls_thr.so, general dynamic part (and the definitions).
#include "thr.h"
RT_EXPORT __thread int tr_data = 81;
RT_EXPORT __thread long tr_a64[2] ALIGNED(64) = {82, 83};
RT_EXPORT __thread int tr_bss[32];
RT_EXPORT void thr_addrs_gd(struct thr_addrs* a) {
  a->data = &tr_data;
  a->a64 = tr_a64;
  a->bss = tr_bss;
}
