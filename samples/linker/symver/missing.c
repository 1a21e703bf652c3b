// symver_missing: linked against a libsymver_lib.so that has VERS_3
// (sv_new@@VERS_3), run against one that does not: both linkers must refuse
// to start it (status 127) and name the missing version.
#include "rt.h"
int sv_new(void);
int main(void) {
  rt_printf("symver_missing: should not run: %d\n", sv_new());
  return 0;
}
