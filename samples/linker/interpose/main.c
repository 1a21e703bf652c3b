// interpose: symbol resolution order. The executable interposes on
// libraries (shared_fn, ip_data, prot_fn for everyone but its protected
// definer, not on a -Bsymbolic library); among libraries the breadth-first
// load order decides (who: ip_b before ip_c, although only ip_a's
// dependency ip_c is reachable from ip_a's own DT_NEEDED; who2: ip_a); a
// weak definition found first wins over a later strong one (wk).
#include "rt.h"
RT_EXPORT const char* shared_fn(void) { return "exe"; }
RT_EXPORT const char* prot_fn(void) { return "exe"; }
RT_EXPORT const char* sym_fn(void) { return "exe"; }
RT_EXPORT int ip_data = 1;
RT_EXPORT int sym_data = 1;
const char* who(void);
const char* who2(void);
const char* wk(void);
void ip_a_report(void);
void ip_b_report(void);
void ip_s_report(void);
int main(void) {
  rt_printf("interpose:\n");
  rt_printf("  from exe: who=%s who2=%s shared_fn=%s prot_fn=%s wk=%s sym_fn=%s\n", who(), who2(), shared_fn(),
            prot_fn(), wk(), sym_fn());
  ip_a_report();
  ip_b_report();
  ip_s_report();
  return 0;
}
