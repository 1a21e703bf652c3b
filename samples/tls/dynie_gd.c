// libtls_dynie_gd.so (needs libtls_dynie.so): general dynamic
// (__tls_get_addr) to libtls_dynie.so's variables, to compare addresses.
#include "dyn.h"
RT_EXPORT void dynie_addrs_gd(struct ie_addrs* a) {
  a->data = &e_data;
  a->bss = &e_bss;
  a->a16 = e_a16;
  a->exe_tls = &exe_tls;
}
