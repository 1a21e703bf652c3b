// The user library of the TLS model samples: reaches the definitions
// library's variables, its own, and the executable's, with the sample's model.
#include "models.h"

RT_EXPORT __thread int u_data = 31;

RT_EXPORT void use_addrs(struct tls_addrs* a) {
  a->d_data = &d_data;
  a->d_bss = &d_bss;
  a->d_a64 = d_a64;
  a->d_a4096 = d_a4096;
  a->u_data = &u_data;
  a->exe_data = &exe_data;
  a->exe_bss = &exe_bss;
  a->exe_a64 = exe_a64;
  a->exe_a4096 = exe_a4096;
}
RT_EXPORT int use_read_data(void) { return d_data; }
RT_EXPORT int use_read_exe_data(void) { return exe_data; }
RT_EXPORT void use_write_exe_data(int v) { exe_data = v; }
