// hello: the smallest dynamic program on rt and one library. Checks argc,
// argv, envp and auxv as _start sees them, a PLT call (JUMP_SLOT), a data
// reference through the GOT (GLOB_DAT), pointers in data (RELATIVE).
// Exit status: argv[1] if given, else the number of failed checks.
#include "rt.h"

extern int a_value;
int a_add(int);
const char* a_name(void);

__attribute__((visibility("hidden"))) const char* names[] = {"zero", "one", "two"};  // RELATIVE
__attribute__((visibility("hidden"))) int* value_ptr = &a_value;                       // symbolic, data

int main(int argc, char** argv, char** envp) {
  rt_printf("hello: argc=%d argv0=%s\n", argc, rt_basename(argv[0]));
  for (int i = 1; i < argc; i++) rt_printf("  argv[%d]=\"%s\"\n", i, argv[i]);
  rt_check("argv[argc] == NULL", argv[argc] == 0);
  rt_check("envp follows argv", envp == argv + argc + 1);
  int n = 0;
  for (char** e = envp; *e; e++) n++;
  rt_printf("  envc=%d FOO=%s\n", n, rt_getenv("FOO") ? rt_getenv("FOO") : "(unset)");
  rt_check("AT_PAGESZ is a power of two",
           rt_getauxval(6) && (rt_getauxval(6) & (rt_getauxval(6) - 1)) == 0);
  extern void _start(void);
  rt_check("AT_ENTRY == _start", rt_getauxval(9) == (unsigned long)&_start);
  rt_printf("  %s: a_value=%d a_add(8)=%d\n", a_name(), a_value, a_add(8));
  rt_check("value_ptr == &a_value", value_ptr == &a_value);
  a_value = 100;
  rt_printf("  after a_value=100: a_add(1)=%d\n", a_add(1));
  rt_printf("  names: %s %s %s\n", names[0], names[1], names[2]);
  if (argc > 1) return (int)rt_atol(argv[1]);
  return rt_failures;
}
