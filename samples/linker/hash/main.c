// hash_styles: symbol lookup through DT_HASH only (hash_sysv), DT_GNU_HASH
// only (hash_gnu) and both (hash_both): 3 x 256 functions taken by address
// in data (symbolic relocations, each a lookup that walks the three
// libraries in order), plus weak references to names nobody defines (the
// lookup must fail in every table).
#include "rt.h"
#define CAT_(a, b, c, d) a##b##c##d
#define NAME(tag, i) CAT_(hs_, tag, _, i)
#define D1(tag, i) int NAME(tag, i)(void);
#define P1(tag, i) NAME(tag, i),
#define X4(M, t, i) M(t, i##0) M(t, i##1) M(t, i##2) M(t, i##3)
#define X16(M, t, i) X4(M, t, i##0) X4(M, t, i##1) X4(M, t, i##2) X4(M, t, i##3)
#define X64(M, t, i) X16(M, t, i##0) X16(M, t, i##1) X16(M, t, i##2) X16(M, t, i##3)
#define X256(M, t) X64(M, t, 1) X64(M, t, 2) X64(M, t, 3) X64(M, t, 4)
X256(D1, sysv)
X256(D1, gnu)
X256(D1, both)
typedef int (*fn)(void);
__attribute__((visibility("hidden"))) fn tables[3][256] = {{X256(P1, sysv)}, {X256(P1, gnu)}, {X256(P1, both)}};
extern int hs_nobody(void) __attribute__((weak));
extern int hs_sysv_9999(void) __attribute__((weak));
extern int hs_gnu_9999(void) __attribute__((weak));
extern int hs_both_0(void) __attribute__((weak));
int main(void) {
  static const char* names[3] = {"sysv", "gnu", "both"};
  rt_printf("hash_styles:\n");
  for (int t = 0; t < 3; t++) {
    long sum = 0;
    int bad = 0;
    for (int i = 0; i < 256; i++) {
      int v = tables[t][i]();
      sum += v;
      bad += (v - 1000 * (t + 1)) % 7 != 0;
    }
    rt_printf("  %s: sum %ld, %d bad\n", names[t], sum, bad);
  }
  rt_printf("  missing: %s %s %s %s\n", hs_nobody ? "found" : "null", hs_sysv_9999 ? "found" : "null",
            hs_gnu_9999 ? "found" : "null", hs_both_0 ? "found" : "null");
  return 0;
}
