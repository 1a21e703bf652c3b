// TLS references to another library's and to the executable's variables,
// and one of its own, with the model this library is compiled for.
#include "rt.h"
extern __thread int a_init, a_zero;
extern __thread long a_big[8];
extern __thread int exe_tls;
RT_EXPORT __thread int b_own = 33;
RT_EXPORT int* b_addr_a_init(void) { return &a_init; }
RT_EXPORT int* b_addr_a_zero(void) { return &a_zero; }
RT_EXPORT long* b_addr_a_big(void) { return a_big; }
RT_EXPORT int* b_addr_exe_tls(void) { return &exe_tls; }
RT_EXPORT int* b_addr_own(void) { return &b_own; }
RT_EXPORT int b_sum(void) { return a_init + a_zero + (int)a_big[7] + exe_tls + b_own; }
