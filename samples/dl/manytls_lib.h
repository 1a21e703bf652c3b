// libdl_manytls.so and its 1,100 copies (dl_manytls).
#ifndef LDSO_SAMPLES_DL_MANYTLS_LIB_H
#define LDSO_SAMPLES_DL_MANYTLS_LIB_H
#include "rt.h"
extern __thread long many_tls[4];  // {1000, 1001, 1002, 1003}
long* many_addr_gd(void);          // __tls_get_addr
long* many_addr_desc(void);        // TLS descriptor
#endif
