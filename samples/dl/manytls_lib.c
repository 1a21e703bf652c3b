// libdl_manytls.so: dynamic TLS reached through __tls_get_addr (general
// dynamic) and, in manytls_desc.c, through a TLS descriptor.
#include "manytls_lib.h"
RT_EXPORT __thread long many_tls[4] = {1000, 1001, 1002, 1003};
RT_EXPORT long* many_addr_gd(void) { return many_tls; }
