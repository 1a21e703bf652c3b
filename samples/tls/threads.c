// tls_threads: threads created with raw clone(2), their TLS and TCB from
// ldso's hook __ldso_thread_create_tls() (freed with __ldso_thread_free_tls
// after the join). Three threads run at once, then a fourth after the first
// three were freed (its TLS must be initialised afresh, not left over).
// Each thread checks, in its own TLS:
//   - the thread pointer is the hook's value (x86_64: %fs:0 points to itself
//     and %fs:0x28 holds the main thread's stack guard)
//   - the executable's variables (local-exec): initial values, page
//     alignment, an address of its own
//   - the startup library libtls_thr.so's (initial-exec from here and from
//     libtls_thr_ie.so; general dynamic and descriptors inside it): initial
//     values, one address from the three models, 64-byte alignment, its own
//     copy
//   - libtls_dyn.so's, opened with dlopen before the threads started (GD and
//     TLS descriptors: its block is allocated in the thread on first use)
//   - after every thread of the round wrote its own values (barrier), they
//     are still there
// The main thread changed its own values before starting the threads, so
// the threads must see the initial images, and the main thread its values.
// Results are printed by the main thread after the joins.
//
// No oracle: the system dynamic linker has no such hook (and glibc's
// threads come from pthread_create), so the expected output is checked in.
#include "dl.h"
#include "dyn.h"
#include "thr.h"

long thr_clone(unsigned long flags, void* stack_top, int* ptid, int* ctid, void* tls,
               long (*fn)(void*), void* arg) __attribute__((visibility("hidden")));

#if defined(__x86_64__)
enum { SYS_mmap = 9, SYS_munmap = 11, SYS_futex = 202 };
#else
enum { SYS_mmap = 222, SYS_munmap = 215, SYS_futex = 98 };
#endif
enum {
  CLONE_FLAGS = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000 | 0x100000 |
                0x200000,  // VM FS FILES SIGHAND THREAD SYSVSEM SETTLS PARENT_SETTID CHILD_CLEARTID
  STACK_SIZE = 256 * 1024,
  NTHREADS = 4,
};

static __thread int t_exe = 71;
static __thread char t_a4096[32] ALIGNED(4096) = "thr-page";
static __thread int t_bss[64];

enum {
  C_TP, C_EXE_INIT, C_EXE_ALIGN, C_EXE_OWN, C_LIB_INIT, C_LIB_SAME, C_LIB_ALIGN, C_LIB_OWN,
  C_DYN_INIT, C_DYN_SAME, C_DYN_OWN, C_KEPT, NCHECKS
};
static const char* const check_names[NCHECKS] = {
    "thread pointer and TCB",
    "executable: initial values",
    "executable: 4096-byte alignment",
    "executable: own copy",
    "libtls_thr: initial values",
    "libtls_thr: one address via IE, GD, TLSDESC",
    "libtls_thr: 64-byte alignment",
    "libtls_thr: own copy",
    "libtls_dyn (dlopen): initial values",
    "libtls_dyn (dlopen): one address via GD, TLSDESC, 4096-byte alignment",
    "libtls_dyn (dlopen): own copy",
    "own values kept after every thread wrote",
};

struct thread {
  int index;
  int tid;  // set by the kernel (CLONE_PARENT_SETTID), cleared at exit
  void* tp;
  char* stack;
  int ran;
  int ok[NCHECKS];
};
static struct thread threads[NTHREADS];
static struct {
  int* t_exe;
  int* tr_data;
  int* y_data;
  uintptr_t guard;
} main_view;
static dyn_addrs_fn dyn_gd, dyn_desc;
static int arrived, round_size;

static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  return rt_syscall6(n, a, b, c, d, e, f);
}
static void futex_wait(int* addr, int val) { sys6(SYS_futex, (long)addr, 0, val, 0, 0, 0); }
static void futex_wake(int* addr) { sys6(SYS_futex, (long)addr, 1, 0x7fffffff, 0, 0, 0); }

// The thread pointer as the kernel holds it (x86_64: the %fs base, from
// arch_prctl; aarch64: TPIDR_EL0).
static uintptr_t read_tp(void) {
#if defined(__x86_64__)
  uintptr_t base = 0;
  sys6(158 /* arch_prctl */, 0x1003 /* ARCH_GET_FS */, (long)&base, 0, 0, 0, 0);
  return base;
#else
  uintptr_t tp;
  __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
  return tp;
#endif
}
static uintptr_t read_guard(void) {
#if defined(__x86_64__)
  uintptr_t g;
  __asm__ volatile("mov %%fs:0x28, %0" : "=r"(g));
  return g;
#else
  return 0;
#endif
}
// x86_64: the TCB's first word points to itself (%fs:0 == %fs base).
static int tcb_self_ok(void) {
#if defined(__x86_64__)
  uintptr_t self;
  __asm__ volatile("mov %%fs:0, %0" : "=r"(self));
  return self == read_tp();
#else
  return 1;
#endif
}

#define ALIGN_OK(p, n) (((uintptr_t)(p) & ((n) - 1)) == 0)

static void barrier(void) {
  int n = __atomic_add_fetch(&arrived, 1, __ATOMIC_SEQ_CST);
  if (n == round_size) {
    futex_wake(&arrived);
    return;
  }
  while ((n = __atomic_load_n(&arrived, __ATOMIC_SEQ_CST)) < round_size) futex_wait(&arrived, n);
}

static long thread_main(void* arg) {
  struct thread* t = arg;
  int* ok = t->ok;
  ok[C_TP] = read_tp() == (uintptr_t)t->tp && tcb_self_ok() && read_guard() == main_view.guard;
  int z = 0;
  for (int i = 0; i < 64; i++) z |= t_bss[i];
  ok[C_EXE_INIT] = t_exe == 71 && rt_strcmp(t_a4096, "thr-page") == 0 && z == 0;
  ok[C_EXE_ALIGN] = ALIGN_OK(t_a4096, 4096);
  ok[C_EXE_OWN] = &t_exe != main_view.t_exe;

  struct thr_addrs gd, desc, ie;
  thr_addrs_gd(&gd);
  thr_addrs_desc(&desc);
  thr_addrs_ie(&ie);
  z = 0;
  for (int i = 0; i < 32; i++) z |= ie.bss[i];
  ok[C_LIB_INIT] = *gd.data == 81 && tr_data == 81 && ie.a64[0] == 82 && ie.a64[1] == 83 && z == 0;
  ok[C_LIB_SAME] = gd.data == desc.data && gd.data == ie.data && gd.data == &tr_data &&
                   gd.a64 == desc.a64 && gd.a64 == ie.a64 && gd.bss == desc.bss && gd.bss == ie.bss;
  ok[C_LIB_ALIGN] = ALIGN_OK(gd.a64, 64);
  ok[C_LIB_OWN] = gd.data != main_view.tr_data;

  struct dyn_addrs dg, dd;
  dyn_gd(&dg);
  dyn_desc(&dd);
  z = 0;
  for (int i = 0; i < 256; i++) z |= dg.bss[i];
  ok[C_DYN_INIT] = *dg.data == 51 && dg.a64[0] == 52 && dg.a64[1] == 53 &&
                   rt_strcmp(dg.a4096, "dyn-page") == 0 && *dg.local == 55 && z == 0;
  ok[C_DYN_SAME] = dg.data == dd.data && dg.bss == dd.bss && dg.a64 == dd.a64 &&
                   dg.a4096 == dd.a4096 && dg.local == dd.local && ALIGN_OK(dg.a4096, 4096);
  ok[C_DYN_OWN] = dg.data != main_view.y_data;

  int v = 1000 * (t->index + 1);
  t_exe = v + 1;
  t_a4096[0] = (char)('0' + t->index);
  t_bss[63] = v + 2;
  *ie.data = v + 3;
  ie.a64[1] = v + 4;
  *dg.data = v + 5;
  dg.a4096[1] = (char)('a' + t->index);
  barrier();
  ok[C_KEPT] = t_exe == v + 1 && t_a4096[0] == '0' + t->index && t_bss[63] == v + 2 &&
               *gd.data == v + 3 && tr_a64[1] == v + 4 && *dd.data == v + 5 &&
               dd.a4096[1] == 'a' + t->index;
  t->ran = 1;
  return 0;
}

static void start(struct thread* t, int index) {
  t->index = index;
  t->tp = __ldso_thread_create_tls();
  if (!t->tp) {
    rt_printf("  __ldso_thread_create_tls returned NULL\n");
    rt_exit_group(2);
  }
  long s = sys6(SYS_mmap, 0, STACK_SIZE, 3 /* RW */, 0x22 | 0x20000 /* PRIVATE ANON STACK */, -1, 0);
  if (s < 0 && s > -4096) {
    rt_printf("  mmap failed: %ld\n", s);
    rt_exit_group(2);
  }
  t->stack = (char*)s;
  long r = thr_clone(CLONE_FLAGS, t->stack + STACK_SIZE, &t->tid, &t->tid, t->tp, thread_main, t);
  if (r < 0) {
    rt_printf("  clone failed: %ld\n", r);
    rt_exit_group(2);
  }
}

static void join(struct thread* t) {
  int v;
  while ((v = __atomic_load_n(&t->tid, __ATOMIC_SEQ_CST)) != 0) futex_wait(&t->tid, v);
  __ldso_thread_free_tls(t->tp);
  sys6(SYS_munmap, (long)t->stack, STACK_SIZE, 0, 0, 0, 0);
}

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  void* h = dlopen("libtls_dyn.so", RTLD_NOW);
  if (!h) {
    rt_printf("  dlopen libtls_dyn.so failed: %s\n", dlerror());
    return 2;
  }
  dyn_gd = (dyn_addrs_fn)dlsym(h, "dyn_addrs_gd");
  dyn_desc = (dyn_addrs_fn)dlsym(h, "dyn_addrs_desc");
  if (!dyn_gd || !dyn_desc) {
    rt_printf("  dlsym failed: %s\n", dlerror());
    return 2;
  }
  struct thr_addrs gd, desc, ie;
  thr_addrs_gd(&gd);
  thr_addrs_desc(&desc);
  thr_addrs_ie(&ie);
  struct dyn_addrs dg;
  dyn_gd(&dg);
  rt_check("main: TCB self pointer", tcb_self_ok());
  t_exe = 171;
  tr_data = 181;
  *dg.data = 151;
  main_view.t_exe = &t_exe;
  main_view.tr_data = &tr_data;
  main_view.y_data = dg.data;
  main_view.guard = read_guard();

  round_size = 3;
  for (int i = 0; i < 3; i++) start(&threads[i], i);
  for (int i = 0; i < 3; i++) join(&threads[i]);
  arrived = 0;
  round_size = 1;
  start(&threads[3], 3);
  join(&threads[3]);

  for (int i = 0; i < NTHREADS; i++) {
    struct thread* t = &threads[i];
    int bad = !t->ran;
    for (int c = 0; c < NCHECKS; c++) bad += !t->ok[c];
    if (!bad) {
      rt_printf("  thread %d: all %d checks ok\n", i + 1, NCHECKS);
      continue;
    }
    rt_failures++;
    rt_printf("  thread %d: FAIL%s\n", i + 1, t->ran ? "" : " (did not finish)");
    for (int c = 0; c < NCHECKS; c++)
      if (!t->ok[c]) rt_printf("    %s: FAIL\n", check_names[c]);
  }
  rt_check("main: own values kept (171, 181, 151)",
           t_exe == 171 && tr_data == 181 && *dg.data == 151 && *gd.data == 181);
  return rt_failures;
}
