// The C half of _start: what glibc's crt1 + __libc_start_main do for a
// dynamic executable, minus libc. The dynamic linker has already run the
// executable's DT_PREINIT_ARRAY and every library's DT_INIT/DT_INIT_ARRAY;
// the executable's own DT_INIT_ARRAY is ours to run (as glibc's call_init
// does), then main, then rt_exit, which calls the fini function the dynamic
// linker handed us (glibc: _dl_fini, which runs every object's DT_FINI_ARRAY
// and DT_FINI, the executable's included) when RT_FINI=1 (see misc.c).
#include "rt.h"

typedef void (*init_fn)(int, char**, char**);
extern init_fn __init_array_start[] __attribute__((visibility("hidden")));
extern init_fn __init_array_end[] __attribute__((visibility("hidden")));

#pragma GCC visibility push(default)
int main(int argc, char** argv, char** envp);
#pragma GCC visibility pop

__attribute__((noreturn, used)) void rt_start_c(long* sp, void (*fini)(void)) {
  rt_argc = (int)sp[0];
  rt_argv = (char**)(sp + 1);
  rt_environ = rt_argv + rt_argc + 1;
  char** e = rt_environ;
  while (*e) e++;
  rt_auxv = (unsigned long*)(e + 1);
  rt_fini = fini;
  const char* f = rt_getenv("RT_FINI");
  rt_call_fini = f && f[0] == '1' && f[1] == 0;
  size_t n = (size_t)(__init_array_end - __init_array_start);
  for (size_t i = 0; i < n; i++) __init_array_start[i](rt_argc, rt_argv, rt_environ);
  rt_exit(main(rt_argc, rt_argv, rt_environ));
}
