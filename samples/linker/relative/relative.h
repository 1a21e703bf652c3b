// Pointer tables that need only RELATIVE relocations (local targets), laid
// out to exercise RELR encoding: a long run of consecutive words (several
// bitmap words), a strided run (holes inside one bitmap), isolated words far
// apart, and an unaligned pointer (which RELR cannot encode: it stays a
// RELATIVE in .rela.dyn). Included by the library and by the executable,
// with PREFIX naming the copy.
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define N(x) CAT(PREFIX, x)
// Hidden, not static: gcc folds loads from static tables it sees never
// written, and the relocations would vanish.
#define KEEP __attribute__((visibility("hidden")))

KEEP int N(data)[256];
#define P1(i) &N(data)[i]
#define P4(i) P1(i), P1(i + 1), P1(i + 2), P1(i + 3)
#define P16(i) P4(i), P4(i + 4), P4(i + 8), P4(i + 12)
#define P64(i) P16(i), P16(i + 16), P16(i + 32), P16(i + 48)
KEEP int* N(run)[200] = {P64(0), P64(64), P64(128), P4(192), P4(196)};
KEEP struct {
  int* p;
  long a, b;
} N(strided)[40] = {
#define S1(i) {P1(i), (i), -(i)}
#define S4(i) S1(i), S1(i + 1), S1(i + 2), S1(i + 3)
    S4(0), S4(4), S4(8), S4(12), S4(16), S4(20), S4(24), S4(28), S4(32), S4(36)};
KEEP struct {
  int* p;
  char gap[4096 - sizeof(int*)];
} N(sparse)[3] = {{P1(7), {0}}, {P1(77), {0}}, {P1(177), {0}}};
KEEP struct {
  char c;
  int* p;
} __attribute__((packed)) N(odd) = {'o', P1(99)};
KEEP const char* N(strings)[3] = {"alpha", "beta", "gamma"};

static int N(check)(const char* who) {
  int bad = 0;
  for (int i = 0; i < 200; i++) bad += N(run)[i] != &N(data)[i];
  for (int i = 0; i < 40; i++)
    bad += N(strided)[i].p != &N(data)[i] || N(strided)[i].a != i || N(strided)[i].b != -i;
  bad += N(sparse)[0].p != &N(data)[7] || N(sparse)[1].p != &N(data)[77] || N(sparse)[2].p != &N(data)[177];
  bad += N(odd).c != 'o' || N(odd).p != &N(data)[99];
  rt_printf("  %s: run[0]=data%+ld run[199]=data%+ld strided[39]=data%+ld sparse[2]=data%+ld odd=data%+ld\n",
            who, (long)(N(run)[0] - N(data)), (long)(N(run)[199] - N(data)),
            (long)(N(strided)[39].p - N(data)), (long)(N(sparse)[2].p - N(data)),
            (long)(N(odd).p - N(data)));
  rt_printf("  %s: strings %s %s %s, %d bad pointers\n", who, N(strings)[0], N(strings)[1],
            N(strings)[2], bad);
  return bad;
}
