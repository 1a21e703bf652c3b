#include "rt.h"
RT_EXPORT int tr_var = 41;
RT_EXPORT int tr_fn(int x) { return x + 1; }
