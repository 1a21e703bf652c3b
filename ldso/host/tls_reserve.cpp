// The only thread-local variable of ldso-host's executable (tls_reserve.h).
#include "ldso/host/tls_reserve.h"

// Zeros, but in .tdata (the section named), so that the template holds it.
__thread unsigned char ldso_tls_reserve[ldso::host::kTlsReserveSize]
    __attribute__((aligned(ldso::host::kTlsReserveAlign), section(".tdata"))) = {};
