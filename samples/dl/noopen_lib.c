// libdl_noopen.so (-DNOOPEN, linked -z nodlopen: DF_1_NOOPEN) and
// libdl_noopen_user.so (-DUSER, needs libdl_noopen.so).
#include "rt.h"
#if defined(NOOPEN)
RT_EXPORT int noopen_fn(void) { return 1; }
__attribute__((constructor)) static void init(void) { rt_printf("  [libdl_noopen: init]\n"); }
#else
int noopen_fn(void);
RT_EXPORT int noopen_user_fn(void) { return noopen_fn() + 1; }
__attribute__((constructor)) static void init(void) { rt_printf("  [libdl_noopen_user: init]\n"); }
#endif
