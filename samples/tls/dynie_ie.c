// libtls_dynie.so, initial-exec: opened with dlopen, so its TLS block
// must come from the static TLS surplus. Also reaches the executable's
// exe_tls by initial-exec.
#include "dyn.h"
RT_EXPORT __thread int e_data = 61;
RT_EXPORT __thread int e_bss;
RT_EXPORT __thread long e_a16[2] ALIGNED(16) = {62, 63};
RT_EXPORT void dynie_addrs_ie(struct ie_addrs* a) {
  a->data = &e_data;
  a->bss = &e_bss;
  a->a16 = e_a16;
  a->exe_tls = &exe_tls;
}
