// Versioned functions (lib.map): sv_fn@VERS_1 (old, a hidden version),
// sv_fn@@VERS_2 (default), sv_only1@@VERS_1, sv_plain@@VERS_2, and
// sv_hidden, which the version script makes local (not exported).
// -DSYMVER_UNVERSIONED builds the unversioned link-time stand-in.
#include "rt.h"
#ifndef SYMVER_UNVERSIONED
__asm__(".symver sv_fn_1, sv_fn@VERS_1");
__asm__(".symver sv_fn_2, sv_fn@@VERS_2");
RT_EXPORT int sv_fn_1(void) { return 1; }
RT_EXPORT int sv_fn_2(void) { return 2; }
#else
RT_EXPORT int sv_fn(void) { return 0; }
#endif
RT_EXPORT int sv_only1(void) { return 11; }
RT_EXPORT int sv_plain(void) { return 20; }
RT_EXPORT int sv_hidden(void) { return -1; }
#ifdef SYMVER_V3
__asm__(".symver sv_new_3, sv_new@@VERS_3");
RT_EXPORT int sv_new_3(void) { return 3; }
#endif
