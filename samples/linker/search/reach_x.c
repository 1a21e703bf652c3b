#include "rt.h"
const char* reach_y(void);
RT_EXPORT const char* reach_x(void) { return "reach_x"; }
RT_EXPORT const char* reach_x_y(void) { return reach_y(); }
