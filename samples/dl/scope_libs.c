// The libraries of dl_scope, one per -D: LOCAL (libdl_local.so), USER
// (libdl_user.so: refers to libdl_local.so's variable without needing it),
// GLOBAL (libdl_global.so, needs libdl_gdep.so), GDEP, GUSER
// (libdl_guser.so: refers to libdl_global.so's and libdl_gdep.so's symbols
// without needing them), LAZYREF (libdl_lazyref.so: calls a function that
// exists nowhere).
#include "rt.h"
#if defined(LOCAL)
RT_EXPORT int scope_local_var = 42;
RT_EXPORT int scope_local_fn(void) { return 7; }
#elif defined(USER)
extern int scope_local_var;
RT_EXPORT int user_get(void) { return scope_local_var; }
#elif defined(GLOBAL)
RT_EXPORT int global_var = 12;
RT_EXPORT int global_fn(void) { return 11; }
#elif defined(GDEP)
RT_EXPORT int gdep_fn(void) { return 13; }
#elif defined(GUSER)
extern int global_var;
int gdep_fn(void);
RT_EXPORT int (*guser_gdep)(void) = gdep_fn;  // a data reference: bound at load
RT_EXPORT int guser_get(void) { return global_var + guser_gdep(); }
#elif defined(LAZYREF)
void dl_missing_fn(void);
RT_EXPORT void lazyref_call(void) { dl_missing_fn(); }
#elif defined(BAD)
extern int dl_missing_var;
RT_EXPORT int bad_get(void) { return dl_missing_var; }
#else
#error "which library?"
#endif
