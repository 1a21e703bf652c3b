// init_order: initialisation order over a diamond-shaped dependency graph
//   exe -> a b c;  a -> d;  b -> d e;  c -> e;  d -> f;  e -> f
// The dynamic linker runs the executable's DT_PREINIT_ARRAY first, then
// each library's DT_INIT and DT_INIT_ARRAY, dependencies before dependents
// (glibc's order among the rest is what ldso must match); _start runs the
// executable's DT_INIT_ARRAY; then main. With RT_FINI=1 (init_fini) rt_exit
// calls the fini function the loader passed to _start, which runs the
// executable's DT_FINI_ARRAY and every library's DT_FINI_ARRAY and DT_FINI
// in the reverse order.
#include "rt.h"
static void preinit(int argc, char** argv, char** envp) {
  (void)envp;
  rt_printf("  exe preinit_array: argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "-");
}
__attribute__((section(".preinit_array"), used)) static void (*preinit_entry)(int, char**, char**) = preinit;
__attribute__((constructor)) static void exe_init(int argc, char** argv, char** envp) {
  (void)envp;
  rt_printf("  exe init_array: argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "-");
}
__attribute__((destructor)) static void exe_fini(void) { rt_printf("  exe fini_array\n"); }
int main(int argc, char** argv) {
  (void)argc;
  rt_printf("  main (%s)\n", rt_basename(argv[0]));
  return 3;
}
