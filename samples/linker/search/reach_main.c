// rpath_reach / runpath_reach: the executable has RPATH (rpath_reach) or
// RUNPATH (runpath_reach) $ORIGIN/reach; libreach_x.so there needs
// libreach_y.so, also there, and has no search path of its own. The
// executable's DT_RPATH serves its dependencies' lookups too, so
// rpath_reach runs; DT_RUNPATH serves only the executable's own DT_NEEDED,
// so runpath_reach must fail to start (status 127, naming libreach_y.so).
#include "rt.h"
const char* reach_x(void);
const char* reach_x_y(void);
int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s: %s %s\n", rt_basename(argv[0]), reach_x(), reach_x_y());
  return 0;
}
