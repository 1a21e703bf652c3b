// none: R_X86_64_NONE / R_AARCH64_NONE in .rela.dyn of a library and of the
// executable (made by patch-reloc.sh from symbolic relocations, keeping
// symbol and addend): the loader must ignore them and leave the words as
// the files have them, while the neighbouring relocations still apply.
#include "rt.h"

extern int none_target;
extern int* none_slot;
extern int* normal_slot;
int** lib_none_slot(void);
int* exe_none_slot = &none_target;  // made R_*_NONE
int* exe_normal_slot = &none_target;

static void show(const char* what, int* v) {
  unsigned long u = (unsigned long)v;
  if (u < 0x10000) rt_printf("  %s = 0x%lx (as in the file)\n", what, u);
  else if (v == &none_target) rt_printf("  %s = &none_target (relocated)\n", what);
  else rt_printf("  %s = something else\n", what);
}

int main(void) {
  rt_printf("none:\n");
  show("lib none_slot", *lib_none_slot());
  show("lib normal_slot", normal_slot);
  show("exe none_slot", exe_none_slot);
  show("exe normal_slot", exe_normal_slot);
  rt_printf("  *normal_slot=%d\n", *normal_slot);
  return 0;
}
