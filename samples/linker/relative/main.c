// relative / relr: RELATIVE relocations in a PIE and a library, as RELA
// entries (relative) or packed as DT_RELR (relr, -z pack-relative-relocs),
// laid out to exercise the RELR bitmap encoding. See relative.h.
#include "rt.h"
#define PREFIX exe_
#include "relative.h"
int relative_lib_check(void);
int relative_lib_relr(void);
int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  // Pinned in the expected output: a toolchain that stops packing (no
  // ld.lld for aarch64) fails the test instead of passing vacuously.
  rt_printf("  DT_RELR: exe %s, lib %s\n", rt_dyn_get(_DYNAMIC, RT_DT_RELR, 0) ? "yes" : "no",
            relative_lib_relr() ? "yes" : "no");
  int bad = exe_check("exe") + relative_lib_check();
  return bad ? 1 : 0;
}
