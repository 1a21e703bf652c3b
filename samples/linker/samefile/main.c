// samefile: the executable needs libsf_real.so, libsf_alias.so (a symlink
// to libsf_real.so) and libsf_user.so (which needs libsf_alias.so). The
// dynamic linker must recognise the same file (device and inode) under the
// second name and load it once: its initialiser runs once, and the
// executable and libsf_user see one counter.
#include "rt.h"
extern int sf_counter;
int sf_bump(void);
int sf_inits(void);
int* sf_user_counter_addr(void);
int sf_user_bump(void);
int main(void) {
  rt_printf("samefile:\n");
  int a = sf_bump();
  int b = sf_user_bump();
  int c = sf_bump();
  rt_printf("  bumps: %d %d %d, counter %d\n", a, b, c, sf_counter);
  rt_printf("  initialiser ran %d time(s)\n", sf_inits());
  rt_printf("  one copy of sf_counter: %s\n", sf_user_counter_addr() == &sf_counter ? "yes" : "no");
  return 0;
}
