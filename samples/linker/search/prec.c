#include "rt.h"
RT_EXPORT const char* prec_where(void) { return WHERE; }
