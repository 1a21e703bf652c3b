// libdl_manytls.so, TLS descriptor half: the same variable.
#include "manytls_lib.h"
RT_EXPORT long* many_addr_desc(void) { return many_tls; }
