// One source for libio_a ... libio_f (-DNAME="a" ...): DT_INIT
// (-Wl,-init=io_dt_init), two DT_INIT_ARRAY entries (one with a
// constructor priority, which ld sorts first), two DT_FINI_ARRAY entries,
// DT_FINI (-Wl,-fini=io_dt_fini). Initialisers get (argc, argv, envp) from
// the dynamic linker.
#include "rt.h"
static void show(const char* what, int argc, char** argv, char** envp) {
  rt_printf("  %s %s: argc=%d argv[1]=%s IO=%s\n", NAME, what, argc, argc > 1 ? argv[1] : "-",
            rt_getenv_from(envp, "IO") ? rt_getenv_from(envp, "IO") : "(unset)");
}
RT_EXPORT void io_dt_init(int argc, char** argv, char** envp) { show("DT_INIT", argc, argv, envp); }
__attribute__((constructor(101))) static void init_prio(int argc, char** argv, char** envp) {
  show("init_array (priority 101)", argc, argv, envp);
}
__attribute__((constructor)) static void init_plain(int argc, char** argv, char** envp) {
  show("init_array", argc, argv, envp);
}
__attribute__((destructor)) static void fini_plain(void) { rt_printf("  %s fini_array\n", NAME); }
__attribute__((destructor(101))) static void fini_prio(void) { rt_printf("  %s fini_array (priority 101)\n", NAME); }
RT_EXPORT void io_dt_fini(void) { rt_printf("  %s DT_FINI\n", NAME); }
