#include "rt.h"
extern int pc_target[4];
int pc_fn(void);
extern int32_t pc_field, pc_field_add, pc_field_fn;
static void* via(int32_t* f) { return (char*)f + *f; }
RT_EXPORT int pcrel32_check(void) {
  int bad = 0;
  bad += !rt_check("pc_field -> pc_target", via(&pc_field) == (void*)pc_target);
  bad += !rt_check("pc_field_add -> pc_target+8", via(&pc_field_add) == (void*)((char*)pc_target + 8));
  bad += !rt_check("pc_field_fn -> pc_fn", via(&pc_field_fn) == (void*)pc_fn);
  rt_printf("  *(pc_field target)=%d, call through pc_field_fn: %d\n", *(int*)via(&pc_field),
            ((int (*)(void))via(&pc_field_fn))());
  return bad;
}
