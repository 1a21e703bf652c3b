#include "rt.h"
RT_EXPORT const char* reach_y(void) { return "reach_y"; }
