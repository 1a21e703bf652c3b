// origin: $ORIGIN is the directory of the object whose search path it is
// in. The executable: RUNPATH $ORIGIN/origin_a -> liborigin_a.so; it has
// RUNPATH $ORIGIN/../origin_b -> liborigin_b.so; which has RUNPATH
// ${ORIGIN}/../origin_c (brace form) -> liborigin_c.so.
#include "rt.h"
const char* origin_a(void);
int main(void) {
  rt_printf("origin: chain ends in %s\n", origin_a());
  return 0;
}
