// libtls_thr_ie.so (needs libtls_thr.so): initial-exec to its variables
// (apart: ld would turn libtls_thr.so's general dynamic accesses into
// initial-exec if it had initial-exec references of its own).
#include "thr.h"
RT_EXPORT void thr_addrs_ie(struct thr_addrs* a) {
  a->data = &tr_data;
  a->a64 = tr_a64;
  a->bss = tr_bss;
}
