// libdl_uniq_a.so / libdl_uniq_b.so (-DNAME=a -DVAL=1, -DNAME=b -DVAL=2):
// both define uniq_obj as STB_GNU_UNIQUE (gas: .type ..., %gnu_unique_object),
// and refer to it through the GOT (GLOB_DAT). uniq_plain is an ordinary
// global defined by both, for contrast.
#include "rt.h"
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
RT_EXPORT int uniq_obj = VAL;
__asm__(".type uniq_obj, %gnu_unique_object");
RT_EXPORT int uniq_plain = VAL;
RT_EXPORT int* CAT(NAME, _uniq_addr)(void) { return &uniq_obj; }
RT_EXPORT int CAT(NAME, _uniq_value)(void) { return uniq_obj; }
RT_EXPORT int* CAT(NAME, _plain_addr)(void) { return &uniq_plain; }
