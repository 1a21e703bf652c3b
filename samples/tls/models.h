// tls_gd, tls_desc, tls_ld, tls_ld_desc, tls_ie: what crosses the objects of
// the TLS model samples (see main.c).
#ifndef LDSO_SAMPLES_TLS_MODELS_H
#define LDSO_SAMPLES_TLS_MODELS_H
#include "rt.h"

#define ALIGNED(n) __attribute__((aligned(n)))

// libtls_<m>_def.so: definitions.
extern __thread int d_data;                  // .tdata, 11
extern __thread int d_bss;                   // .tbss
extern __thread long d_a64[4] ALIGNED(64);   // 64-byte aligned, {12, 13, 14, 15}
extern __thread char d_a4096[16] ALIGNED(4096);  // page aligned, "def-page"
// libtls_<m>_use.so
extern __thread int u_data;                  // 31
// The executable.
extern __thread int exe_data;                // 41
extern __thread int exe_bss;
extern __thread long exe_a64[2] ALIGNED(64);     // {42, 43}
extern __thread char exe_a4096[16] ALIGNED(4096);  // "exe-page"

// Addresses of every variable as one object's code reaches them.
struct tls_addrs {
  int *d_data, *d_bss;
  long* d_a64;
  char* d_a4096;
  int* u_data;
  int *exe_data, *exe_bss;
  long* exe_a64;
  char* exe_a4096;
};

// The definitions library, about itself (its own model, and its local
// variables: local-dynamic where the model allows).
void def_addrs(struct tls_addrs* a);  // fills d_*
int def_local_value(void);            // 21
int* def_local_addr(void);
char* def_local_a4096(void);          // page aligned, "local-page"
int def_read_data(void);
// The user library: d_*, u_data and exe_* with its model.
void use_addrs(struct tls_addrs* a);
int use_read_data(void);
int use_read_exe_data(void);
void use_write_exe_data(int v);
// The executable's -fPIC translation unit (ld relaxes its general and local
// dynamic sequences and descriptors to initial- and local-exec).
void exe_pic_addrs(struct tls_addrs* a);
#endif
