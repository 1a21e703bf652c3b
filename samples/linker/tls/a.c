// TLS definitions, and accessors that reach them with the model this
// library is compiled for (-ftls-model / -mtls-dialect per sample).
#include "rt.h"
RT_EXPORT __thread int a_init = 5;                                     // .tdata
RT_EXPORT __thread int a_zero;                                         // .tbss
RT_EXPORT __thread long a_big[8] __attribute__((aligned(128))) = {1, 2, 3, 4, 5, 6, 7, 8};
static __thread int a_local = 9;  // local: local-dynamic in the gd build
RT_EXPORT int* a_addr_init(void) { return &a_init; }
RT_EXPORT int* a_addr_zero(void) { return &a_zero; }
RT_EXPORT long* a_addr_big(void) { return a_big; }
RT_EXPORT int* a_addr_local(void) { return &a_local; }
RT_EXPORT int a_get_local(void) { return a_local; }
