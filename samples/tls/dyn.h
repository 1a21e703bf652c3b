// tls_dlopen, tls_threads: TLS of libraries opened with dlopen.
#ifndef LDSO_SAMPLES_TLS_DYN_H
#define LDSO_SAMPLES_TLS_DYN_H
#include "rt.h"
#define ALIGNED(n) __attribute__((aligned(n)))

// libtls_dyn.so: dynamic TLS (general dynamic, descriptors).
extern __thread int y_data;                    // 51
extern __thread int y_bss[256];
extern __thread long y_a64[2] ALIGNED(64);     // {52, 53}
extern __thread char y_a4096[32] ALIGNED(4096);  // "dyn-page"
extern __thread int y_local __attribute__((visibility("hidden")));  // 55
struct dyn_addrs {
  int* data;
  int* bss;
  long* a64;
  char* a4096;
  int* local;
};
typedef void (*dyn_addrs_fn)(struct dyn_addrs*);
// dyn_addrs_gd: __tls_get_addr; dyn_addrs_desc: TLS descriptors.

// libtls_dynie.so: initial-exec in a library opened with dlopen (static
// TLS surplus), and the executable's variable by initial-exec. (Alignment
// 16 at most: glibc's ld.so refuses to place a block aligned more than the
// static TLS already is; on aarch64 that is 16.)
extern __thread int e_data;                    // 61
extern __thread int e_bss;
extern __thread long e_a16[2] ALIGNED(16);     // {62, 63}
struct ie_addrs {
  int* data;
  int* bss;
  long* a16;
  int* exe_tls;
};
typedef void (*ie_addrs_fn)(struct ie_addrs*);
// dynie_addrs_ie, dynie_addrs_gd

// The executable's (tls_dlopen).
extern __thread int exe_tls;  // 71
#endif
