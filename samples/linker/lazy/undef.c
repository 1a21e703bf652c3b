#include "rt.h"
RT_EXPORT int undef_present(void) { return 1; }
#ifdef STUB
RT_EXPORT int undef_needed(void) { return 2; }
#endif
