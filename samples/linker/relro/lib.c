// libre_lib.so: a RELRO pointer in the library (.data.rel.ro, initialised
// by a relocation against another object's symbol), and its address.
#include "rt.h"
extern int re_target;
RT_EXPORT int* const re_lib_ptr = &re_target;
RT_EXPORT int* const* re_lib_ptr_addr(void) { return &re_lib_ptr; }
