// Compiled -fno-pic -mcmodel=large: every address is a movabs immediate in
// .text, so the library needs relocations in its text (R_X86_64_64 against
// symbols, R_X86_64_RELATIVE for its own statics): DT_TEXTREL, -z notext.
#include "rt.h"
extern int tr_var;
int tr_fn(int);
static int own = 100;
RT_EXPORT int textrel_sum(void) { return tr_var + own + tr_fn(0); }
RT_EXPORT void* textrel_addr_var(void) { return &tr_var; }
RT_EXPORT void* textrel_addr_fn(void) { return (void*)tr_fn; }
RT_EXPORT int textrel_has_textrel(void) {
  unsigned long f = 0;
  rt_dyn_get(_DYNAMIC, RT_DT_FLAGS, &f);
  return rt_dyn_get(_DYNAMIC, RT_DT_TEXTREL, 0) && (f & RT_DF_TEXTREL);
}
