#include "rt.h"
extern void* const textrel_table[3];
RT_EXPORT int textrel_sum(void) {
  return *(int*)textrel_table[0] + *(int*)textrel_table[2] + ((int (*)(int))textrel_table[1])(0);
}
RT_EXPORT void* textrel_addr_var(void) { return textrel_table[0]; }
RT_EXPORT void* textrel_addr_fn(void) { return textrel_table[1]; }
RT_EXPORT int textrel_has_textrel(void) {
  unsigned long f = 0;
  rt_dyn_get(_DYNAMIC, RT_DT_FLAGS, &f);
  return rt_dyn_get(_DYNAMIC, RT_DT_TEXTREL, 0) && (f & RT_DF_TEXTREL);
}
