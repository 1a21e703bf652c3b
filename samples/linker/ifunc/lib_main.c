// ifunc_lib: IFUNCs in a library, used from the executable: a PLT call, the
// address taken in code and in data; pointer equality between what the
// executable and the library see. ifunc_lib_nopie is the same program
// non-PIE, where the executable's address of the function is a canonical
// PLT entry that the library's references must bind to as well.
#include "rt.h"
#include "resolver.h"
int ifunc_lib_pick(int);
extern int (*lib_pick_ptr)(int);
void* ifunc_lib_addr(void);
int ifunc_lib_local(void);
void ifunc_lib_report(unsigned long at_hwcap);
__attribute__((visibility("hidden"))) int (*exe_pick_ptr)(int) = ifunc_lib_pick;

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  rt_printf("  ifunc_lib_pick(1)=%d exe_pick_ptr(2)=%d lib_pick_ptr(3)=%d local=%d\n", ifunc_lib_pick(1),
            exe_pick_ptr(2), lib_pick_ptr(3), ifunc_lib_local());
  int (*volatile fp)(int) = ifunc_lib_pick;
  rt_check("executable's &ifunc_lib_pick in code == in data", (void*)fp == (void*)exe_pick_ptr);
  rt_check("executable's == library's data pointer", (void*)exe_pick_ptr == (void*)lib_pick_ptr);
  rt_check("executable's == library's &ifunc_lib_pick in code", (void*)exe_pick_ptr == ifunc_lib_addr());
  ifunc_lib_report(rt_getauxval(16));  // AT_HWCAP
  return rt_failures;
}
