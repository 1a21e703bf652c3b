// dlr_filter_missing: a DT_FILTER whose filtee does not exist cannot be
// loaded (unlike an auxiliary filter's): the program never starts.
#include "common.h"

const char* f_one(void);

int main(void) {
  rt_printf("dlr_filter_missing: f_one: %s\n", f_one());
  return 0;
}
