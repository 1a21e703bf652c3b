#include "rt.h"
RT_EXPORT int copy_int = 1234;
RT_EXPORT int copy_array[100] = {[0] = 5, [50] = 55, [99] = 99};
RT_EXPORT const char copy_msg[] = "copied from the library";
RT_EXPORT long copy_zero[2000];  // .bss, 16000 bytes: several pages of zeros
RT_EXPORT struct {
  int a;
  void* self;
} copy_struct = {7, &copy_struct};  // a RELATIVE/64 inside the copied bytes
// The library's own accesses go through its GOT and must see the copies.
RT_EXPORT int* lib_copy_int(void) { return &copy_int; }
RT_EXPORT int lib_read_int(void) { return copy_int; }
RT_EXPORT int lib_read_array(int i) { return copy_array[i]; }
RT_EXPORT long lib_sum_zero(void) {
  long s = 0;
  for (int i = 0; i < 2000; i++) s += copy_zero[i];
  return s;
}
RT_EXPORT void* lib_struct_addr(void) { return &copy_struct; }
