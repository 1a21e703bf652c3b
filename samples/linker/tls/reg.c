// tls_gd only: tells the executable's __tls_get_addr where this library's
// TLS blocks are (see main.c). For a variable V it reads the GOT pair
// { module, offset } that V's general-dynamic reference uses (the words
// R_*_DTPMOD64 and R_*_DTPOFF64 / DTPREL64 set), and V's address through a
// TLS descriptor (this file is compiled for TLSDESC); block = address - offset.
#include "rt.h"
struct tls_index {
  unsigned long module, offset;
};
void tls_register(const char* what, struct tls_index* ti, void* addr);

#if defined(__x86_64__)
#define GD_INDEX(sym)                                              \
  ({                                                               \
    struct tls_index* p_;                                          \
    __asm__("leaq " #sym "@tlsgd(%%rip), %0" : "=r"(p_));          \
    p_;                                                            \
  })
#else
#define GD_INDEX(sym)                                                        \
  ({                                                                         \
    struct tls_index* p_;                                                    \
    __asm__("adrp %0, :tlsgd:" #sym "\n\tadd %0, %0, :tlsgd_lo12:" #sym       \
            : "=r"(p_));                                                     \
    p_;                                                                      \
  })
#endif

#ifdef REG_A
extern __thread int a_init;
__attribute__((constructor)) static void reg_a(void) { tls_register("liba", GD_INDEX(a_init), &a_init); }
#else
extern __thread int b_own, exe_tls;
__attribute__((constructor)) static void reg_b(void) {
  tls_register("libb", GD_INDEX(b_own), &b_own);
  tls_register("exe", GD_INDEX(exe_tls), &exe_tls);
}
#endif
