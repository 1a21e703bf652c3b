// dl_lazy, dl_lazy_now: calls through the PLT into liblz_args.so with many
// arguments of every class (8 integers; 8 doubles; 12 of each interleaved,
// so that both classes spill to the stack; 10 16-byte vectors of floats,
// __m128 on x86_64, and of doubles, float64x2_t on aarch64; a mix of widths),
// and of an IFUNC the library exports.
//
// dl_lazy is linked -z lazy: before its first call each PLT slot (the GOT
// word its JUMP_SLOT relocation names) points back into the executable's
// own PLT, so the first call goes through the dynamic linker's resolver,
// which must keep every argument (registers and stack) and, for the IFUNC,
// call its resolver then; afterwards the slot holds the function's address.
// With LD_BIND_NOW=1 (test dl.lazy.bind_now) and in dl_lazy_now (-z now)
// every slot is bound before main. The slots are found by walking the
// executable's DT_JMPREL for the symbol's name.
#include "dl.h"
#include "lazy.h"

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
enum { DT_PLTRELSZ = 2, DT_STRTAB = 5, DT_SYMTAB = 6, DT_JMPREL = 23 };
struct rela {
  uint64_t r_offset, r_info;
  int64_t r_addend;
};

static uintptr_t bias(void) { return (uintptr_t)&__ehdr_start; }
// A d_ptr of the executable's dynamic section: glibc's ld.so relocates
// them in place, others may not.
static uintptr_t dyn_ptr(long tag) {
  unsigned long v = 0;
  if (!rt_dyn_get(_DYNAMIC, tag, &v)) return 0;
  return v < bias() ? v + bias() : v;
}

static void** plt_slot(const char* name) {
  unsigned long size = 0;
  rt_dyn_get(_DYNAMIC, DT_PLTRELSZ, &size);
  const struct rela* r = (const struct rela*)dyn_ptr(DT_JMPREL);
  const Elf64_Sym* syms = (const Elf64_Sym*)dyn_ptr(DT_SYMTAB);
  const char* strs = (const char*)dyn_ptr(DT_STRTAB);
  for (unsigned long i = 0; r && i < size / sizeof *r; i++)
    if (rt_strcmp(strs + syms[r[i].r_info >> 32].st_name, name) == 0)
      return (void**)(bias() + r[i].r_offset);
  return 0;
}

// Whether P lies in one of the executable's executable segments (its PLT).
static int in_exe_text(void* p) {
  const Elf64_Phdr* ph = (const Elf64_Phdr*)((const char*)&__ehdr_start + __ehdr_start.e_phoff);
  for (int i = 0; i < __ehdr_start.e_phnum; i++)
    if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X) && (uintptr_t)p >= bias() + ph[i].p_vaddr &&
        (uintptr_t)p < bias() + ph[i].p_vaddr + ph[i].p_memsz)
      return 1;
  return 0;
}

static void slot_before(const char* name, void* target) {
  void** s = plt_slot(name);
  void* v = s ? *s : 0;
  if (!s)
    rt_printf("  %s: no PLT slot\n", name);
  else if (in_exe_text(v))
    rt_printf("  %s: before the first call the slot points into the executable's PLT (unbound)\n", name);
  else
    rt_printf("  %s: before the first call the slot is %s\n", name,
              v == target ? "bound to the function" : "neither unbound nor bound");
}
static void slot_after(const char* name, void* target) {
  void** s = plt_slot(name);
  int ok = s && *s == target;
  rt_printf("  %s: after the first call the slot holds the function: %s\n", name, ok ? "ok" : "FAIL");
  rt_failures += !ok;
}
static void report(const char* what, int ret_ok) {
  unsigned long b = lz_bad();
  if (b)
    rt_printf("  %s: arguments FAIL (wrong ones: mask 0x%lx), ", what, b);
  else
    rt_printf("  %s: arguments ok, ", what);
  rt_printf("return value %s\n", ret_ok ? "ok" : "FAIL");
  rt_failures += (b != 0) + !ret_ok;
}

static int same_v4sf(v4sf a, v4sf b) {
  for (int i = 0; i < 4; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  unsigned long f = 0;
  rt_dyn_get(_DYNAMIC, RT_DT_FLAGS, &f);
  rt_printf("  DF_BIND_NOW: %s\n", (f & RT_DF_BIND_NOW) ? "yes" : "no");
  (void)lz_bad();  // binds lz_bad before the checks use it

  for (int round = 1; round <= 2; round++) {
    rt_printf("round %d:\n", round);
    long want_i = 0;
    for (int i = 0; i < 8; i++) want_i = want_i * 31 + LZ_INT(i);
    if (round == 1) slot_before("lz_int8", lz_addr("lz_int8"));
    long ri = lz_int8(LZ_INT(0), LZ_INT(1), LZ_INT(2), LZ_INT(3), LZ_INT(4), LZ_INT(5), LZ_INT(6),
                      LZ_INT(7));
    report("lz_int8 (8 integers)", ri == want_i);
    if (round == 1) slot_after("lz_int8", lz_addr("lz_int8"));

    double want_d = 0;
    for (int i = 0; i < 8; i++) want_d += LZ_DBL(i);
    if (round == 1) slot_before("lz_dbl8", lz_addr("lz_dbl8"));
    double rd = lz_dbl8(LZ_DBL(0), LZ_DBL(1), LZ_DBL(2), LZ_DBL(3), LZ_DBL(4), LZ_DBL(5), LZ_DBL(6),
                        LZ_DBL(7));
    report("lz_dbl8 (8 doubles)", rd == want_d);
    if (round == 1) slot_after("lz_dbl8", lz_addr("lz_dbl8"));

    long want_m = 0;
    for (int i = 0; i < 12; i++) want_m = want_m * 7 + LZ_INT(i) + (long)LZ_DBL(i);
    if (round == 1) slot_before("lz_many", lz_addr("lz_many"));
    long rm = lz_many(LZ_INT(0), LZ_DBL(0), LZ_INT(1), LZ_DBL(1), LZ_INT(2), LZ_DBL(2), LZ_INT(3),
                      LZ_DBL(3), LZ_INT(4), LZ_DBL(4), LZ_INT(5), LZ_DBL(5), LZ_INT(6), LZ_DBL(6),
                      LZ_INT(7), LZ_DBL(7), LZ_INT(8), LZ_DBL(8), LZ_INT(9), LZ_DBL(9), LZ_INT(10),
                      LZ_DBL(10), LZ_INT(11), LZ_DBL(11));
    report("lz_many (12 integers, 12 doubles, stack-passed)", rm == want_m);
    if (round == 1) slot_after("lz_many", lz_addr("lz_many"));

    v4sf want_v = {0, 0, 0, 0};
    for (int i = 0; i < 10; i++) want_v += LZ_V4SF(i);
    if (round == 1) slot_before("lz_v4sf", lz_addr("lz_v4sf"));
    v4sf rv = lz_v4sf(LZ_V4SF(0), LZ_V4SF(1), LZ_V4SF(2), LZ_V4SF(3), LZ_V4SF(4), LZ_V4SF(5),
                      LZ_V4SF(6), LZ_V4SF(7), LZ_V4SF(8), LZ_V4SF(9));
    report("lz_v4sf (10 float vectors)", same_v4sf(rv, want_v));
    if (round == 1) slot_after("lz_v4sf", lz_addr("lz_v4sf"));

    v2df want_w = {0, 0};
    for (int i = 0; i < 10; i++) want_w += LZ_V2DF(i);
    if (round == 1) slot_before("lz_v2df", lz_addr("lz_v2df"));
    v2df rw = lz_v2df(LZ_V2DF(0), LZ_V2DF(1), LZ_V2DF(2), LZ_V2DF(3), LZ_V2DF(4), LZ_V2DF(5),
                      LZ_V2DF(6), LZ_V2DF(7), LZ_V2DF(8), LZ_V2DF(9));
    report("lz_v2df (10 double vectors)", rw[0] == want_w[0] && rw[1] == want_w[1]);
    if (round == 1) slot_after("lz_v2df", lz_addr("lz_v2df"));

    double want_x = LZ_DBL(4) + LZ_DBL(11) + LZ_DBL(15) + 1.5f + -0.25f + 3.0f + -7 + -12345;
    if (round == 1) slot_before("lz_mixed", lz_addr("lz_mixed"));
    double rx = lz_mixed(-7, 1.5f, LZ_V4SF(2), LZ_INT(3), LZ_DBL(4), 'x', LZ_V2DF(6), -12345,
                         -0.25f, lz_addr("bad"), 0x7fffffff, LZ_DBL(11), LZ_V4SF(12), LZ_INT(13),
                         3.0f, LZ_DBL(15));
    (void)rx;
    report("lz_mixed (16 arguments of mixed classes)", rx == want_x);
    if (round == 1) slot_after("lz_mixed", lz_addr("lz_mixed"));

    if (round == 1) {
      rt_printf("  lz_ifunc: resolver calls before the first call: %d\n", lz_ifunc_resolver_calls());
      slot_before("lz_ifunc", lz_ifunc_chosen());
    }
    int r = lz_ifunc(6);
    rt_printf("  lz_ifunc(6) = %d, resolver calls: %d\n", r, lz_ifunc_resolver_calls());
    if (round == 1) slot_after("lz_ifunc", lz_ifunc_chosen());
  }
  return rt_failures;
}
