// textrel: a library with relocations in its text segment (DT_TEXTREL): the
// loader must make the text writable to relocate it, and executable again
// after (the library's code runs afterwards).
#include "rt.h"
extern int tr_var;
int tr_fn(int);
int textrel_sum(void);
int textrel_has_textrel(void);
void* textrel_addr_var(void);
void* textrel_addr_fn(void);
__attribute__((visibility("hidden"))) int* volatile tr_var_p = &tr_var;
int main(void) {
  rt_printf("textrel:\n");
  rt_printf("  library has DT_TEXTREL and DF_TEXTREL: %s\n", textrel_has_textrel() ? "yes" : "no");
  rt_printf("  textrel_sum()=%d (41+100+1)\n", textrel_sum());
  rt_check("text word == &tr_var", textrel_addr_var() == (void*)tr_var_p);
  int (*volatile f)(int) = tr_fn;
  rt_check("text word == &tr_fn", textrel_addr_fn() == (void*)f);
  return rt_failures;
}
