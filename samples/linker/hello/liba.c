#include "rt.h"
RT_EXPORT int a_value = 42;
RT_EXPORT int a_add(int x) { return x + a_value; }
RT_EXPORT const char* a_name(void) { return "liba"; }
