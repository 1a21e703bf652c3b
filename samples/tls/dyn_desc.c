// libtls_dyn.so, TLS descriptor half: the same variables.
#include "dyn.h"
RT_EXPORT void dyn_addrs_desc(struct dyn_addrs* a) {
  a->data = &y_data;
  a->bss = y_bss;
  a->a64 = y_a64;
  a->a4096 = y_a4096;
  a->local = &y_local;
}
