// The executable's translation unit compiled -fPIC with the sample's model:
// the code sequences are general dynamic, local dynamic or descriptors, and
// ld relaxes them in an executable (to initial-exec for the libraries'
// variables, local-exec for its own).
#include "models.h"

void exe_pic_addrs(struct tls_addrs* a) {
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
