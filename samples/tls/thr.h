// tls_threads: the startup libraries libtls_thr.so and libtls_thr_ie.so.
#ifndef LDSO_SAMPLES_TLS_THR_H
#define LDSO_SAMPLES_TLS_THR_H
#include "rt.h"
#define ALIGNED(n) __attribute__((aligned(n)))
extern __thread int tr_data;                 // 81
extern __thread long tr_a64[2] ALIGNED(64);  // {82, 83}
extern __thread int tr_bss[32];
struct thr_addrs {
  int* data;
  long* a64;
  int* bss;
};
void thr_addrs_gd(struct thr_addrs* a);    // __tls_get_addr
void thr_addrs_desc(struct thr_addrs* a);  // TLS descriptors
void thr_addrs_ie(struct thr_addrs* a);    // initial-exec (libtls_thr_ie.so)
#endif
