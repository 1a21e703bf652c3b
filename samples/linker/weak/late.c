#include "rt.h"
RT_EXPORT int wk_late_fn(void) { return 5; }
RT_EXPORT int wk_late_var = 6;
