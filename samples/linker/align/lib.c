#include "rt.h"
RT_EXPORT char lib_aligned[16] __attribute__((aligned(65536))) = "lib";
RT_EXPORT __attribute__((aligned(65536))) int lib_aligned_fn(void) { return 64; }
RT_EXPORT char* lib_aligned_addr(void) { return lib_aligned; }
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
RT_EXPORT const char* lib_base(void) { return __ehdr_start; }
