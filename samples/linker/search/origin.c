#include "rt.h"
#ifdef NEXT
const char* NEXT(void);
RT_EXPORT const char* SELF(void) { return NEXT(); }
#else
RT_EXPORT const char* SELF(void) { return "origin_c"; }
#endif
