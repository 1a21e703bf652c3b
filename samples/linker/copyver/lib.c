// Two versions of one object: vvar@VERS_1 (old) and vvar@@VERS_2 (default).
#include "rt.h"
__asm__(".symver vvar_v1, vvar@VERS_1");
__asm__(".symver vvar_v2, vvar@@VERS_2");
RT_EXPORT int vvar_v1[4] = {1, 1, 1, 1};
RT_EXPORT int vvar_v2[4] = {2, 2, 2, 2};
// References to the default version, through the GOT: bind to the copy.
extern int vvar[4];
RT_EXPORT int* lib_vvar_default(void) { return vvar; }
RT_EXPORT int lib_vvar_sum(void) { return vvar[0] + vvar[1] + vvar[2] + vvar[3]; }
