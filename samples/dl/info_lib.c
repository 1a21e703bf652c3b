// libdl_info.so for dl_syminfo (and dl_errors): versioned symbols (see
// info.map), a function and a data object for dladdr, a hidden function
// (not in .dynsym), and its own base and dynamic section for comparison.
#include "rt.h"
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

__asm__(".symver vs_fn_1, vs_fn@VERS_1");
__asm__(".symver vs_fn_2, vs_fn@@VERS_2");
__asm__(".symver vs_old_1, vs_old@VERS_1");
RT_EXPORT int vs_fn_1(void) { return 1; }
RT_EXPORT int vs_fn_2(void) { return 2; }
RT_EXPORT int vs_old_1(void) { return 10; }  // only a non-default version

RT_EXPORT long info_array[8] = {1, 2, 3, 4, 5, 6, 7, 8};
RT_EXPORT int info_fn(int x) { return x + info_array[0]; }
__attribute__((visibility("hidden"), noinline)) int info_hidden_fn(int x) { return x * 3; }
RT_EXPORT void* info_hidden_addr(void) { return (void*)info_hidden_fn; }
RT_EXPORT const void* info_base(void) { return __ehdr_start; }
RT_EXPORT const void* info_dynamic(void) { return _DYNAMIC; }
