#include "rt.h"
#define PREFIX lib_
#include "relative.h"
RT_EXPORT int relative_lib_check(void) { return lib_check("lib"); }
RT_EXPORT int relative_lib_relr(void) { return rt_dyn_get(_DYNAMIC, RT_DT_RELR, 0); }
