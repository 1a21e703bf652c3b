// The definitions library of the TLS model samples, compiled with the
// sample's model (see main.c): exported variables in .tdata and .tbss, 64-
// and 4096-byte aligned ones, and local ones (local-dynamic in the gd and ld
// builds: one module-base lookup plus link-time offsets).
#include "models.h"

RT_EXPORT __thread int d_data = 11;
RT_EXPORT __thread int d_bss;
RT_EXPORT __thread long d_a64[4] ALIGNED(64) = {12, 13, 14, 15};
RT_EXPORT __thread char d_a4096[16] ALIGNED(4096) = "def-page";
static __thread int local_value = 21;
static __thread char local_a4096[16] ALIGNED(4096) = "local-page";

RT_EXPORT void def_addrs(struct tls_addrs* a) {
  a->d_data = &d_data;
  a->d_bss = &d_bss;
  a->d_a64 = d_a64;
  a->d_a4096 = d_a4096;
}
RT_EXPORT int def_local_value(void) { return local_value; }
RT_EXPORT int* def_local_addr(void) { return &local_value; }
RT_EXPORT char* def_local_a4096(void) { return local_a4096; }
RT_EXPORT int def_read_data(void) { return d_data; }
