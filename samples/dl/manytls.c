// dl_manytls: more TLS modules than any fixed table of 1,024 holds.
//  1. libdl_manytls.so opened and closed 1,100 times: the same (lowest
//     free) module id each time, a fresh block with the initial values.
//  2. 1,100 distinct copies of it (lib/many/mNNNN.so, distinct files, so
//     distinct objects) open at once: distinct ids, each block initial, its
//     own; __tls_get_addr and the TLS descriptor agree.
//  3. All closed, then one reopened: the lowest id again, initial values.
// Without the argument "nothreads", a second thread (raw clone, TLS from
// ldso's hook __ldso_thread_create_tls) touches each module too: in step 1
// every round, in step 2 all 1,100 while they are open; it must see initial
// values and its own blocks, and the main thread keeps its values; then
// 1,100 thread blocks are held at once while libdl_smalltls.so (initial-exec
// TLS) is opened, and threads on some of them, the last included, read its
// initial image. With "nothreads" the system dynamic linker is the oracle.
#include "common.h"
#include "manytls_lib.h"
#include "raw_thread.h"

enum {
  N = 1100,
  RTLD_DI_TLS_MODID = 9,
};
typedef long* (*addr_fn)(void);

static void* handles[N];
static addr_fn gd[N], desc[N];
static long* main_addr[N];
static size_t ids[N];
static int use_threads;
static char* stack;

// The other thread's job: modules [from, to) of gd/desc.
static struct job {
  int from, to, tid, bad_init, bad_own, bad_same;
} job;

static long sys6(long n, long a, long b, long c, long d, long e, long f) { return rt_syscall6(n, a, b, c, d, e, f); }

static long touch(void* arg) {
  struct job* j = arg;
  for (int i = j->from; i < j->to; i++) {
    long* a = gd[i]();
    if (a != desc[i]()) j->bad_same++;
    if (a == main_addr[i]) j->bad_own++;
    if (a[0] != 1000 || a[3] != 1003) j->bad_init++;
    a[0] = -i;
  }
  for (int i = j->from; i < j->to; i++)
    if (gd[i]()[0] != -i) j->bad_own++;
  return 0;
}

static void* new_tls(void) {
  void* tp = __ldso_thread_create_tls();
  if (!tp) {
    rt_printf("  __ldso_thread_create_tls returned NULL\n");
    rt_exit_group(2);
  }
  return tp;
}

// Runs fn(&job) in a thread on thread block tp and waits for it.
static void run_on(void* tp, long (*fn)(void*)) {
  if (thr_clone(CLONE_FLAGS, stack + STACK_SIZE, &job.tid, &job.tid, tp, fn, &job) < 0) {
    rt_printf("  clone failed\n");
    rt_exit_group(2);
  }
  int v;
  while ((v = __atomic_load_n(&job.tid, __ATOMIC_SEQ_CST)) != 0) sys6(SYS_futex, (long)&job.tid, 0, v, 0, 0, 0);
}

// Runs touch() over [from, to) in a new thread and waits for it.
static int other_thread(int from, int to) {
  job = (struct job){from, to, 0, 0, 0, 0};
  void* tp = new_tls();
  run_on(tp, touch);
  __ldso_thread_free_tls(tp);
  return job.bad_init + job.bad_own + job.bad_same;
}

// More thread blocks than a table of 1,024 at once: a library with
// initial-exec TLS opened later must reach every one.
enum { NBLOCKS = 1100 };
static void* blocks[NBLOCKS];
static long (*small_sum)(void);
static long sum_in_thread(void* arg) {
  ((struct job*)arg)->bad_init = small_sum() != 116;
  return 0;
}

static int open_one(int i, const char* name) {
  handles[i] = dlopen(name, RTLD_NOW);
  if (!handles[i]) {
    const char* e = dlerror();
    rt_printf("  dlopen %s: FAIL\n", name);
    rt_eprintf("dlopen %s: %s\n", name, e ? e : "(no dlerror)");
    rt_exit_group(2);
  }
  gd[i] = (addr_fn)dl_must_sym(handles[i], "many_addr_gd");
  desc[i] = (addr_fn)dl_must_sym(handles[i], "many_addr_desc");
  ids[i] = 0;
  dlinfo(handles[i], RTLD_DI_TLS_MODID, &ids[i]);
  long* a = gd[i]();
  main_addr[i] = a;
  int ok = a == desc[i]() && a[0] == 1000 && a[1] == 1001 && a[2] == 1002 && a[3] == 1003;
  a[0] = 5000 + i;
  return ok;
}

int main(int argc, char** argv) {
  use_threads = !(argc > 1 && rt_strcmp(argv[1], "nothreads") == 0);
  rt_printf("%s:\n", rt_basename(argv[0]));
  if (use_threads) {
    long s = sys6(SYS_mmap, 0, STACK_SIZE, 3, 0x22 | 0x20000, -1, 0);
    if (s < 0 && s > -4096) return 2;
    stack = (char*)s;
  }

  rt_printf("libdl_manytls.so opened and closed %d times:\n", N);
  size_t first_id = 0;
  int same_id = 1, fresh = 1, threads_ok = 1, closed = 1;
  for (int round = 0; round < N; round++) {
    fresh &= open_one(0, "libdl_manytls.so");
    if (round == 0) first_id = ids[0];
    same_id &= ids[0] == first_id && first_id != 0;
    if (use_threads && other_thread(0, 1)) threads_ok = 0;
    if (gd[0]()[0] != 5000) fresh = 0;
    closed &= dlclose(handles[0]) == 0;
  }
  rt_check("one module id, every time", same_id);
  rt_check("initial values in every round", fresh);
  rt_check("dlclose", closed);
  if (use_threads) rt_check("other thread: initial values, own block, GD = TLSDESC, every round", threads_ok);

  rt_printf("%d distinct copies open at once:\n", N);
  int all_fresh = 1;
  char name[64];
  for (int i = 0; i < N; i++) {
    rt_snprintf(name, sizeof name, "lib/many/m%04d.so", i);
    all_fresh &= open_one(i, name);
  }
  int distinct = 1;
  for (int i = 0; i < N && distinct; i++)
    for (int k = 0; k < i; k++)
      if (ids[i] == ids[k] || !ids[i]) {
        distinct = 0;
        break;
      }
  size_t max_id = 0;
  for (int i = 0; i < N; i++)
    if (ids[i] > max_id) max_id = ids[i];
  rt_check("each its own module id", distinct);
  rt_check("module ids beyond 1,023", max_id > 1023);
  rt_check("initial values, GD = TLSDESC, in each", all_fresh);
  if (use_threads) {
    int bad = other_thread(0, N);
    rt_check("other thread: all 1,100 modules initial, its own blocks, GD = TLSDESC", bad == 0);
    if (bad) rt_eprintf("bad: init %d own %d same %d\n", job.bad_init, job.bad_own, job.bad_same);
  }
  int kept = 1;
  for (int i = 0; i < N; i++) kept &= gd[i]() == main_addr[i] && main_addr[i][0] == 5000 + i;
  rt_check("main thread's values kept in each", kept);
  closed = 1;
  for (int i = 0; i < N; i++) closed &= dlclose(handles[i]) == 0;
  rt_check("all closed", closed);
  rt_check("none left loaded", !dl_loaded("m0000.so") && !dl_loaded("m1099.so"));

  rt_printf("reopened after closing all:\n");
  rt_check("initial values", open_one(0, "lib/many/m0000.so"));
  rt_check("the lowest module id again", ids[0] == first_id);
  if (use_threads) rt_check("other thread: initial values, own block", other_thread(0, 1) == 0);
  rt_check("dlclose", dlclose(handles[0]) == 0);

  if (use_threads) {
    rt_printf("%d thread blocks at once, then initial-exec TLS opened:\n", NBLOCKS);
    for (int i = 0; i < NBLOCKS; i++) blocks[i] = new_tls();
    void* h = dl_must_open("libdl_smalltls.so", RTLD_NOW);
    small_sum = (long (*)(void))dl_must_sym(h, "small_sum");
    int ok = 1;
    for (int i = 0; i < NBLOCKS; i += 99) {  // a sample of them, the last included
      int b = i + 99 >= NBLOCKS ? NBLOCKS - 1 : i;
      job.bad_init = 1;
      run_on(blocks[b], sum_in_thread);
      ok &= !job.bad_init;
    }
    rt_check("the library's initial image in each", ok);
    for (int i = 0; i < NBLOCKS; i++) __ldso_thread_free_tls(blocks[i]);
    rt_check("dlclose", dlclose(h) == 0);
  }
  return rt_failures;
}
