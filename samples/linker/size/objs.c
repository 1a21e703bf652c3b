#include "rt.h"
RT_EXPORT char size_obj[1234] = {1};
RT_EXPORT char size_dup[10];  // also defined, bigger, in libsize_late
RT_EXPORT int size_fn(int x) { return x + 1; }
