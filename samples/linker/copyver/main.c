// copyver: COPY relocations on versioned symbols. The library defines
// vvar@VERS_1 = {1,1,1,1} and vvar@@VERS_2 = {2,2,2,2}; this non-PIE
// executable copies both (vvar binds to the default VERS_2; vvar_old is
// bound to vvar@VERS_1 with .symver), and the library's references to the
// default version bind to the executable's copy.
#include "rt.h"
extern int vvar[4];
extern int vvar_old[4];
__asm__(".symver vvar_old, vvar@VERS_1");
int* lib_vvar_default(void);
int lib_vvar_sum(void);
int main(void) {
  rt_printf("copyver:\n");
  rt_printf("  vvar (VERS_2) = %d %d %d %d\n", vvar[0], vvar[1], vvar[2], vvar[3]);
  rt_printf("  vvar_old (VERS_1) = %d %d %d %d\n", vvar_old[0], vvar_old[1], vvar_old[2], vvar_old[3]);
  rt_check("library's vvar is the executable's copy", lib_vvar_default() == vvar);
  vvar[3] = 10;
  rt_printf("  lib_vvar_sum() after vvar[3]=10: %d\n", lib_vvar_sum());
  return rt_failures;
}
