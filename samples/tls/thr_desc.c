// libtls_thr.so, TLS descriptor part.
#include "thr.h"
RT_EXPORT void thr_addrs_desc(struct thr_addrs* a) {
  a->data = &tr_data;
  a->a64 = tr_a64;
  a->bss = tr_bss;
}
