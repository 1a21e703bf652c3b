// ifunc_exe: IFUNC defined in the executable (R_*_IRELATIVE): called
// directly, through a pointer in data, and the resolver reads a pointer
// that a RELATIVE relocation set (IRELATIVE must come after the others).
// Built as PIE (ifunc_exe) and non-PIE (ifunc_exe_nopie, where the
// IRELATIVE relocations are in DT_JMPREL).
#include "rt.h"
#include "resolver.h"

static int impl_wrong(int x) { return -x; }
static int impl_right(int x) { return x * 10; }
__attribute__((visibility("hidden"))) const char* selector = "right";  // RELATIVE (PIE)
__attribute__((visibility("hidden"))) struct ifunc_record rec;

static void* resolve_pick(IFUNC_ARGS) {
  IFUNC_RECORD(rec);
  return selector && selector[0] == 'r' ? (void*)impl_right : (void*)impl_wrong;
}
int pick(int) __attribute__((ifunc("resolve_pick")));
__attribute__((visibility("hidden"))) int (*pick_ptr)(int) = pick;  // pointer to an IFUNC, from data

int a_add(int);
int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  rt_printf("  pick(4)=%d pick_ptr(5)=%d\n", pick(4), pick_ptr(5));
  int (*volatile fp)(int) = pick;
  // In a PIE, ld makes code take the address of the PLT entry and data the
  // resolved function (two IRELATIVE relocations): not equal, but the same
  // under every loader.
  rt_printf("  pick_ptr %s &pick in code\n", pick_ptr == fp ? "==" : "!=");
  rt_printf("  pick through the code address: %d\n", fp(6));
  ifunc_report("exe", &rec, rt_getauxval(16));
  rt_printf("  a_add(1)=%d\n", a_add(1));
  return rt_failures;
}
