// abs64: 64-bit symbolic relocations (R_X86_64_64 / R_AARCH64_ABS64) in
// data, in a PIE built -fPIC (no copy relocations): pointers into another
// object with zero, positive and negative addends, at an unaligned address,
// function pointers, and a pointer to an absolute symbol (SHN_ABS, no load
// bias).
#include "rt.h"
#define KEEP __attribute__((visibility("hidden")))  // not static: no folding

extern int table[8];
int lib_fn(int);
extern int* lib_ptrs[3];
extern int (*lib_fnptr)(int);
int* lib_table(void);
void* lib_fn_addr(void);
extern char abs_sym[];

KEEP int* exe_ptrs[4] = {&table[2], &table[7], &table[0] - 1, (int*)((char*)table + 3)};
KEEP int (*exe_fnptr)(int) = lib_fn;
KEEP char* abs_ptr = abs_sym + 1;
KEEP struct {
  char c;
  int* p;
} __attribute__((packed)) unaligned = {'u', &table[4]};
KEEP const struct {
  int* p;
  long tag;
} pairs[2] = {{&table[1], 1}, {&table[6], 2}};

static long idx(int* p) { return p - lib_table(); }

int main(void) {
  rt_printf("abs64:\n");
  for (int i = 0; i < 4; i++) rt_printf("  exe_ptrs[%d] = table%+ld\n", i, idx(exe_ptrs[i]));
  rt_printf("  exe_ptrs[3] byte offset = %ld\n", (long)((char*)exe_ptrs[3] - (char*)lib_table()));
  for (int i = 0; i < 3; i++) rt_printf("  lib_ptrs[%d] = table%+ld\n", i, idx(lib_ptrs[i]));
  rt_printf("  *exe_ptrs[0]=%d *exe_ptrs[1]=%d\n", *exe_ptrs[0], *exe_ptrs[1]);
  rt_printf("  unaligned: %c table%+ld\n", unaligned.c, idx(unaligned.p));
  for (int i = 0; i < 2; i++) rt_printf("  pairs[%d] = table%+ld tag %ld\n", i, idx(pairs[i].p), pairs[i].tag);
  rt_check("exe_fnptr == lib's &lib_fn", (void*)exe_fnptr == lib_fn_addr());
  rt_check("lib_fnptr == lib's &lib_fn", (void*)lib_fnptr == lib_fn_addr());
  rt_printf("  exe_fnptr(5)=%d lib_fnptr(7)=%d\n", exe_fnptr(5), lib_fnptr(7));
  rt_printf("  abs_ptr = 0x%lx (absolute 0x123456789a + 1)\n", (unsigned long)abs_ptr);
  return rt_failures;
}
