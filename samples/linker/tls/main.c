// tls_desc, tls_ie, tls_gd, tls_real: thread-local storage across a
// library that defines variables (liba: .tdata, .tbss, 128-byte aligned, a
// local one), a library that refers to them and to the executable's
// (libb), and this executable (its own variables by local-exec, liba's by
// initial-exec: R_*_TPOFF64 / TLS_TPREL). The libraries use:
//   tls_desc  TLS descriptors (R_X86_64_TLSDESC / R_AARCH64_TLSDESC)
//   tls_ie    initial-exec (R_X86_64_TPOFF64 / R_AARCH64_TLS_TPREL, DF_STATIC_TLS)
//   tls_gd    general and local dynamic (R_X86_64_DTPMOD64 + DTPOFF64 /
//             R_AARCH64_TLS_DTPMOD + TLS_DTPREL) through __tls_get_addr
//   tls_real  the same as tls_gd, with __tls_get_addr from the interpreter
//             (DT_NEEDED ld-linux). glibc 2.36's ld.so cannot start a
//             program that needs it but has no libc (it looks up
//             pthread_mutex_lock in libc), so that test asserts the
//             expected output through ldso.
// tls_gd cannot use the interpreter's __tls_get_addr for the same reason:
// this executable provides one, from the { module, offset } pairs and TLS
// descriptor addresses the libraries register (reg.c), so wrong module ids
// or offsets from the loader show as wrong addresses and values.
#include "rt.h"

extern __thread int a_init, a_zero;
extern __thread long a_big[8];
RT_EXPORT __thread int exe_tls = 77;
static __thread char exe_aligned[16] __attribute__((aligned(256))) = "aligned";
static __thread int exe_zero[100];

int* a_addr_init(void);
int* a_addr_zero(void);
long* a_addr_big(void);
int* a_addr_local(void);
int a_get_local(void);
int* b_addr_a_init(void);
int* b_addr_a_zero(void);
long* b_addr_a_big(void);
int* b_addr_exe_tls(void);
int* b_addr_own(void);
int b_sum(void);

#ifdef OWN_TLS_GET_ADDR
struct tls_index {
  unsigned long module, offset;
};
static struct {
  const char* what;
  char* block;
} modules[8];
static int registered;

RT_EXPORT void tls_register(const char* what, struct tls_index* ti, void* addr) {
  registered++;
  if (ti->module == 0 || ti->module >= 8) {
    rt_printf("  tls_register(%s): module id %lu out of range\n", what, ti->module);
    return;
  }
  modules[ti->module].what = what;
  modules[ti->module].block = (char*)addr - ti->offset;
}

RT_EXPORT void* __tls_get_addr(struct tls_index* ti) {
  if (ti->module == 0 || ti->module >= 8 || !modules[ti->module].block) {
    rt_printf("  __tls_get_addr: unknown module %lu\n", ti->module);
    rt_exit_group(99);
  }
  return modules[ti->module].block + ti->offset;
}
#endif

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
#ifdef OWN_TLS_GET_ADDR
  int distinct = 1, n = 0;
  for (int i = 1; i < 8; i++)
    if (modules[i].block) n++;
  for (int i = 1; i < 8; i++)
    for (int j = i + 1; j < 8; j++)
      if (modules[i].what && modules[j].what && rt_strcmp(modules[i].what, modules[j].what) == 0) distinct = 0;
  rt_printf("  registered %d, modules %d, distinct %s\n", registered, n, distinct ? "yes" : "no");
#endif
  rt_printf("  values: a_init=%d a_zero=%d a_big[0]=%ld a_big[7]=%ld a_local=%d exe_tls=%d b_own=%d\n",
            a_init, a_zero, a_big[0], a_big[7], a_get_local(), exe_tls, *b_addr_own());
  rt_check("&a_init: exe == liba == libb", &a_init == a_addr_init() && &a_init == b_addr_a_init());
  rt_check("&a_zero: exe == liba == libb", &a_zero == a_addr_zero() && &a_zero == b_addr_a_zero());
  rt_check("a_big: exe == liba == libb", a_big == a_addr_big() && a_big == b_addr_a_big());
  rt_check("&exe_tls: exe == libb", &exe_tls == b_addr_exe_tls());
  rt_check("a_local is in liba's block, apart from the others",
           a_addr_local() != a_addr_init() && *a_addr_local() == 9);
  rt_check("a_big 128-byte aligned", ((uintptr_t)a_big & 127) == 0);
  rt_check("exe_aligned 256-byte aligned", ((uintptr_t)exe_aligned & 255) == 0);
  rt_printf("  exe_aligned=\"%s\"\n", exe_aligned);
  int z = 0;
  for (int i = 0; i < 100; i++) z |= exe_zero[i];
  rt_check("exe_zero all zero", z == 0);
  a_init = 6;
  a_big[7] = 80;
  exe_tls = 70;
  rt_printf("  after writes from the executable: b_sum()=%d (6+0+80+70+33)\n", b_sum());
  return rt_failures;
}
