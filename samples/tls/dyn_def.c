// libtls_dyn.so, general dynamic half (__tls_get_addr; y_local by local
// dynamic). Opened with dlopen by tls_dlopen and tls_threads.
#include "dyn.h"
RT_EXPORT __thread int y_data = 51;
RT_EXPORT __thread int y_bss[256];
RT_EXPORT __thread long y_a64[2] ALIGNED(64) = {52, 53};
RT_EXPORT __thread char y_a4096[32] ALIGNED(4096) = "dyn-page";
__attribute__((visibility("hidden"))) __thread int y_local = 55;

RT_EXPORT void dyn_addrs_gd(struct dyn_addrs* a) {
  a->data = &y_data;
  a->bss = y_bss;
  a->a64 = y_a64;
  a->a4096 = y_a4096;
  a->local = &y_local;
}
