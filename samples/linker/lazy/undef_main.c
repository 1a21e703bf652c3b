// undefined_now / undefined_lazy: linked against a stand-in of libundef.so
// that defines undef_needed; the real one does not. With -z now
// (undefined_now) neither linker may start the program (127, naming the
// symbol); with lazy binding (undefined_lazy) it runs until the first call
// and then dies with 127 (stdout so far must match).
#include "rt.h"
int undef_present(void);
int undef_needed(void);
int main(void) {
  rt_printf("undefined: before the call, undef_present()=%d\n", undef_present());
  rt_printf("undefined: after the call: %d\n", undef_needed());
  return 0;
}
