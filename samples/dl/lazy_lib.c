// liblz_args.so: functions with many arguments of every class, for calls
// through lazily bound PLT slots (the first call of each goes through the
// dynamic linker's resolver, which must keep every argument register and
// the stack arguments), and an exported IFUNC.
#include "lazy.h"

static unsigned long bad;

static int same_v4sf(v4sf a, v4sf b) {
  for (int i = 0; i < 4; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}
static int same_v2df(v2df a, v2df b) { return a[0] == b[0] && a[1] == b[1]; }
#define CHECK(cond, bit) \
  do {                   \
    if (!(cond)) bad |= 1ul << (bit); \
  } while (0)

RT_EXPORT unsigned long lz_bad(void) {
  unsigned long b = bad;
  bad = 0;
  return b;
}

RT_EXPORT long lz_int8(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7) {
  long a[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
  long r = 0;
  for (int i = 0; i < 8; i++) {
    CHECK(a[i] == LZ_INT(i), i);
    r = r * 31 + a[i];
  }
  return r;
}

RT_EXPORT double lz_dbl8(double a0, double a1, double a2, double a3, double a4, double a5,
                         double a6, double a7) {
  double a[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
  double r = 0;
  for (int i = 0; i < 8; i++) {
    CHECK(a[i] == LZ_DBL(i), i);
    r += a[i];
  }
  return r;
}

RT_EXPORT long lz_many(long i0, double d0, long i1, double d1, long i2, double d2, long i3,
                       double d3, long i4, double d4, long i5, double d5, long i6, double d6,
                       long i7, double d7, long i8, double d8, long i9, double d9, long i10,
                       double d10, long i11, double d11) {
  long in[12] = {i0, i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11};
  double dn[12] = {d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11};
  long r = 0;
  for (int i = 0; i < 12; i++) {
    CHECK(in[i] == LZ_INT(i), 2 * i);
    CHECK(dn[i] == LZ_DBL(i), 2 * i + 1);
    r = r * 7 + in[i] + (long)dn[i];
  }
  return r;
}

RT_EXPORT v4sf lz_v4sf(v4sf a0, v4sf a1, v4sf a2, v4sf a3, v4sf a4, v4sf a5, v4sf a6, v4sf a7,
                       v4sf a8, v4sf a9) {
  v4sf a[10] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9};
  v4sf r = {0, 0, 0, 0};
  for (int i = 0; i < 10; i++) {
    CHECK(same_v4sf(a[i], LZ_V4SF(i)), i);
    r += a[i];
  }
  return r;
}

RT_EXPORT v2df lz_v2df(v2df a0, v2df a1, v2df a2, v2df a3, v2df a4, v2df a5, v2df a6, v2df a7,
                       v2df a8, v2df a9) {
  v2df a[10] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9};
  v2df r = {0, 0};
  for (int i = 0; i < 10; i++) {
    CHECK(same_v2df(a[i], LZ_V2DF(i)), i);
    r += a[i];
  }
  return r;
}

RT_EXPORT double lz_mixed(int a0, float a1, v4sf a2, long a3, double a4, char a5, v2df a6,
                          short a7, float a8, void* a9, int a10, double a11, v4sf a12, long a13,
                          float a14, double a15) {
  CHECK(a0 == -7, 0);
  CHECK(a1 == 1.5f, 1);
  CHECK(same_v4sf(a2, LZ_V4SF(2)), 2);
  CHECK(a3 == LZ_INT(3), 3);
  CHECK(a4 == LZ_DBL(4), 4);
  CHECK(a5 == 'x', 5);
  CHECK(same_v2df(a6, LZ_V2DF(6)), 6);
  CHECK(a7 == -12345, 7);
  CHECK(a8 == -0.25f, 8);
  CHECK(a9 == (void*)&bad, 9);
  CHECK(a10 == 0x7fffffff, 10);
  CHECK(a11 == LZ_DBL(11), 11);
  CHECK(same_v4sf(a12, LZ_V4SF(12)), 12);
  CHECK(a13 == LZ_INT(13), 13);
  CHECK(a14 == 3.0f, 14);
  CHECK(a15 == LZ_DBL(15), 15);
  return a4 + a11 + a15 + a1 + a8 + a14 + a0 + a7;
}

// The IFUNC: the resolver counts its calls and records its choice.
static int ifunc_wrong(int x) { return -x; }
static int ifunc_right(int x) { return x * 7; }
typedef int (*lz_ifunc_t)(int);
static int resolver_calls;
static void* chosen;
static lz_ifunc_t resolve_lz_ifunc(void) {
  resolver_calls++;
  chosen = (void*)ifunc_right;
  return ifunc_right;
}
RT_EXPORT int lz_ifunc(int) __attribute__((ifunc("resolve_lz_ifunc")));
RT_EXPORT int lz_ifunc_resolver_calls(void) { return resolver_calls; }
RT_EXPORT void* lz_ifunc_chosen(void) { return chosen; }
static void* unused_wrong = (void*)ifunc_wrong;  // keeps the wrong one alive
RT_EXPORT void* lz_addr(const char* which) {
  (void)unused_wrong;
  if (rt_strcmp(which, "lz_int8") == 0) return (void*)lz_int8;
  if (rt_strcmp(which, "lz_dbl8") == 0) return (void*)lz_dbl8;
  if (rt_strcmp(which, "lz_many") == 0) return (void*)lz_many;
  if (rt_strcmp(which, "lz_v4sf") == 0) return (void*)lz_v4sf;
  if (rt_strcmp(which, "lz_v2df") == 0) return (void*)lz_v2df;
  if (rt_strcmp(which, "lz_mixed") == 0) return (void*)lz_mixed;
  if (rt_strcmp(which, "bad") == 0) return &bad;
  return 0;
}
