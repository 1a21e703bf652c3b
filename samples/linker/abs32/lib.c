#include "rt.h"
extern uint32_t abs32_field, abs32_exe_field;
RT_EXPORT uint32_t abs32_get(void) { return abs32_field; }
RT_EXPORT uint32_t abs32_get_exe(void) { return abs32_exe_field; }
#ifdef ABS32S
extern int32_t abs32s_field;
RT_EXPORT int32_t abs32s_get(void) { return abs32s_field; }
#endif
