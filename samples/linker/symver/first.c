// An unversioned definition of sv_fn, preloaded in front of libsymver_lib:
// glibc accepts an unversioned definition for a versioned reference when
// the defining object has no version information at all.
#include "rt.h"
RT_EXPORT int sv_fn(void) { return 100; }
