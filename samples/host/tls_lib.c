/* libhost_tlslib.so: initial-exec TLS (DF_STATIC_TLS) and general-dynamic
   TLS, referenced from the library itself and from the executable. */
#include <stdint.h>

__attribute__((tls_model("initial-exec"))) __thread int lib_ie = 5;
__attribute__((tls_model("initial-exec"))) __thread long lib_ie_zero;
__thread int lib_gd = 6;
__thread char lib_gd_buf[100] __attribute__((aligned(32))) = "lib gd buffer";
static __thread int lib_static_counter = 1000;

int *lib_ie_addr(void) { return &lib_ie; }
int *lib_gd_addr(void) { return &lib_gd; }
long *lib_ie_zero_addr(void) { return &lib_ie_zero; }
char *lib_gd_buf_addr(void) { return lib_gd_buf; }
int lib_counter_next(void) { return ++lib_static_counter; }
