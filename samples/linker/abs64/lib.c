#include "rt.h"
RT_EXPORT int table[8] = {10, 11, 12, 13, 14, 15, 16, 17};
RT_EXPORT int lib_fn(int x) { return x * 3; }
// Symbolic 64-bit relocations in the library against its own (preemptible)
// symbols, with zero, positive and negative addends.
RT_EXPORT int* lib_ptrs[3] = {&table[0], &table[5], &table[0] - 2};
RT_EXPORT int (*lib_fnptr)(int) = lib_fn;
RT_EXPORT int* lib_table(void) { return table; }
RT_EXPORT void* lib_fn_addr(void) { return (void*)lib_fn; }
