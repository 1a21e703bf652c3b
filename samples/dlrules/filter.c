// dlr_filter: DT_FILTER (-Wl,-F) and DT_AUXILIARY (-Wl,-f).
//   - flt filters through flt_ee: f_one comes from the filtee, f_two (which
//     the filtee lacks) from the filter itself
//   - aux is an auxiliary filter of aux_ee: the same
//   - auxmiss is an auxiliary filter of a library that does not exist: its
//     own definitions serve
//   - flt2, a filter of flt2_ee, opened with dlopen (RTLD_LOCAL): dlsym on
//     its handle finds the filtee's definition
#include "common.h"

const char* f_one(void);
const char* f_two(void);
const char* a_one(void);
const char* a_two(void);
const char* m_one(void);
typedef const char* (*str_fn)(void);

int main(void) {
  rt_printf("dlr_filter:\n");
  rt_printf("  f_one: %s, f_two: %s\n", f_one(), f_two());
  rt_printf("  a_one: %s, a_two: %s\n", a_one(), a_two());
  rt_printf("  m_one: %s\n", m_one());
  rt_check("filtee flt_ee loaded", dl_loaded("libdlr_flt_ee.so"));
  rt_check("filtee aux_ee loaded", dl_loaded("libdlr_aux_ee.so"));
  void* h = dl_must_open("libdlr_flt2.so", RTLD_NOW);
  str_fn g_one = (str_fn)dl_must_sym(h, "g_one");
  str_fn g_two = (str_fn)dl_must_sym(h, "g_two");
  rt_printf("  dlopen flt2: g_one: %s, g_two: %s\n", g_one(), g_two());
  rt_printf("  dlclose: %d\n", dlclose(h));
  rt_check("flt2_ee unloaded", !dl_loaded("libdlr_flt2_ee.so"));
  rt_printf("exit\n");
  return rt_failures;
}
