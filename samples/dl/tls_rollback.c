// dl_tls_rollback: dlopen failing in several ways that involve TLS, each
// twice, must leave nothing behind; afterwards a good TLS library opens and
// its TLS works in the main thread and in a second thread.
//   - initial-exec TLS that does not fit the static surplus (libdl_bigtls)
//   - a TLS library whose dependency is missing (libdl_rb_needs)
//   - an undefined symbol (RTLD_NOW) in a library whose TLS, and its TLS
//     dependency's, were assigned (libdl_rb_undef, libdl_rb_dep)
//   - the same with initial-exec TLS that fits (libdl_rb_ieundef)
// Without the argument "nothreads" a second thread (raw clone, TLS from
// ldso's hook) exists during the failures and another is made after; with
// it, the system dynamic linker is the oracle.
#include "common.h"
#include "manytls_lib.h"
#include "raw_thread.h"

typedef long* (*addr_fn)(void);
static addr_fn gd, desc;
static long* main_block;

struct thread {
  int tid, go, ok, done;
  void* tp;
  char* stack;
};
static struct thread waiting, late;

static long sys6(long n, long a, long b, long c, long d, long e, long f) { return rt_syscall6(n, a, b, c, d, e, f); }
static void wait_for(int* p, int v) {
  int cur;
  while ((cur = __atomic_load_n(p, __ATOMIC_SEQ_CST)) == v) sys6(SYS_futex, (long)p, 0, cur, 0, 0, 0);
}
static void wake(int* p, int v) {
  __atomic_store_n(p, v, __ATOMIC_SEQ_CST);
  sys6(SYS_futex, (long)p, 1, 0x7fffffff, 0, 0, 0);
}

// Waits for `go`, then checks the good library's TLS in this thread.
static long thread_main(void* arg) {
  struct thread* t = arg;
  wait_for(&t->go, 0);
  long* a = gd();
  t->ok = a == desc() && a != main_block && a[0] == 1000 && a[3] == 1003;
  a[0] = 7;
  t->ok &= gd()[0] == 7;
  return 0;
}

static void start(struct thread* t) {
  t->tp = __ldso_thread_create_tls();
  long s = sys6(SYS_mmap, 0, STACK_SIZE, 3, 0x22 | 0x20000, -1, 0);
  if (!t->tp || (s < 0 && s > -4096)) rt_exit_group(2);
  t->stack = (char*)s;
  if (thr_clone(CLONE_FLAGS, t->stack + STACK_SIZE, &t->tid, &t->tid, t->tp, thread_main, t) < 0) rt_exit_group(2);
}
static void join(struct thread* t) {
  int v;
  while ((v = __atomic_load_n(&t->tid, __ATOMIC_SEQ_CST)) != 0) sys6(SYS_futex, (long)&t->tid, 0, v, 0, 0, 0);
  __ldso_thread_free_tls(t->tp);
}

static void fails(const char* name, int mode, const char* what, const char* what2, const char* lib2) {
  rt_printf("dlopen %s (%s):\n", name, what2 ? what2 : what);
  for (int i = 0; i < 2; i++) {
    rt_check("NULL", dlopen(name, mode) == 0);
    dl_error_check(what, what2);
    rt_check("not left loaded", !dl_loaded(name) && (!lib2 || !dl_loaded(lib2)));
  }
}

int main(int argc, char** argv) {
  int threads = !(argc > 1 && rt_strcmp(argv[1], "nothreads") == 0);
  rt_printf("%s:\n", rt_basename(argv[0]));
  if (threads) start(&waiting);
  fails("libdl_bigtls.so", RTLD_NOW, "libdl_bigtls.so", "TLS", 0);
  fails("libdl_rb_needs.so", RTLD_NOW, "libdl_rb_gone.so", 0, 0);
  fails("libdl_rb_undef.so", RTLD_NOW, "rb_nobody_defines_this", 0, "libdl_rb_dep.so");
  fails("libdl_rb_ieundef.so", RTLD_NOW, "rb_nobody_defines_this", 0, 0);

  rt_printf("dlopen libdl_manytls.so (dynamic TLS) afterwards:\n");
  void* h = dl_must_open("libdl_manytls.so", RTLD_NOW);
  gd = (addr_fn)dl_must_sym(h, "many_addr_gd");
  desc = (addr_fn)dl_must_sym(h, "many_addr_desc");
  main_block = gd();
  rt_check("main thread: initial values, GD = TLSDESC",
           main_block == desc() && main_block[0] == 1000 && main_block[3] == 1003);
  main_block[0] = 5;
  if (threads) {
    wake(&waiting.go, 1);
    join(&waiting);
    rt_check("thread made before the failures: initial values, its own block", waiting.ok);
    start(&late);
    wake(&late.go, 1);
    join(&late);
    rt_check("thread made after: initial values, its own block", late.ok);
  }
  rt_check("main thread's value kept", gd()[0] == 5);
  rt_printf("dlopen libdl_smalltls.so (initial-exec TLS that fits) afterwards:\n");
  void* s = dl_must_open("libdl_smalltls.so", RTLD_NOW);
  long (*sum)(void) = (long (*)(void))dl_must_sym(s, "small_sum");
  rt_printf("  small_sum() = %ld\n", sum());
  rt_check("dlclose", dlclose(h) == 0 && dlclose(s) == 0);
  return rt_failures;
}
