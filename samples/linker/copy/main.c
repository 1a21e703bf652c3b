// copy: R_*_COPY in a non-PIE executable for data objects of a library:
// the initial values are copied (including a pointer the library's own
// relocation set inside the object, and a large zero object), and the
// library's own GOT references bind to the executable's copies.
#include "rt.h"
extern int copy_int;
extern int copy_array[100];
extern const char copy_msg[];
extern long copy_zero[2000];
extern struct {
  int a;
  void* self;
} copy_struct;
int* lib_copy_int(void);
int lib_read_int(void);
int lib_read_array(int);
long lib_sum_zero(void);
void* lib_struct_addr(void);

int main(void) {
  rt_printf("copy:\n");
  rt_printf("  copy_int=%d copy_array[0,50,99]=%d,%d,%d msg=\"%s\"\n", copy_int, copy_array[0],
            copy_array[50], copy_array[99], copy_msg);
  rt_check("library sees the executable's copy_int", lib_copy_int() == &copy_int);
  rt_check("library sees the executable's copy_struct", lib_struct_addr() == (void*)&copy_struct);
  copy_int = 4321;
  copy_array[50] = -1;
  rt_printf("  after writes: lib_read_int()=%d lib_read_array(50)=%d\n", lib_read_int(), lib_read_array(50));
  rt_printf("  copy_struct.a=%d self points into %s\n", copy_struct.a,
            copy_struct.self == (void*)&copy_struct ? "the copy" : "the library's original");
  copy_zero[1999] = 3;
  rt_printf("  lib_sum_zero()=%ld\n", lib_sum_zero());
  return rt_failures;
}
