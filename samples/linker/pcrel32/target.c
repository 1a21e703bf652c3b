#include "rt.h"
RT_EXPORT int pc_target[4] = {1, 2, 3, 4};
RT_EXPORT int pc_fn(void) { return 99; }
