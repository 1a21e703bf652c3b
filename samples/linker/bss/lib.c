// .data ending inside a page, then a .bss of several pages: the rest of the
// last file-backed page (which holds other bytes of the file) and the pages
// after it must read as zero.
#include "rt.h"
RT_EXPORT char lib_data[1000] = {[0] = 1, [999] = 2};
RT_EXPORT char lib_bss[3 * 4096 + 100];
RT_EXPORT long lib_bss_sum(void) {
  long s = 0;
  for (unsigned i = 0; i < sizeof lib_bss; i++) s += lib_bss[i];
  return s;
}
