/* More TLS modules than a fixed table of 1,024, with glibc's threads:
   1. libhost_manytlslib.so opened and closed 1,100 times: one module id, a
      fresh block each time, also in a second thread every round;
   2. 1,100 distinct copies (lib/many/mNNNN.so) open at once: distinct ids,
      initial values in the main thread and in a second thread, each its own;
   3. all closed, one reopened: the lowest id again. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>

enum { N = 1100 };
typedef long* (*addr_fn)(void);
static void* handles[N];
static addr_fn addr[N];
static long* main_addr[N];
static size_t ids[N];
static int from, to, bad;
static int failures;

static void check(const char* what, int ok) {
  printf("  %s: %s\n", what, ok ? "ok" : "FAIL");
  if (!ok) failures++;
}

static void* touch(void* arg) {
  (void)arg;
  for (int i = from; i < to; i++) {
    long* a = addr[i]();
    if (a == main_addr[i] || a[0] != 1000 || a[3] != 1003) bad++;
    a[0] = -i;
  }
  for (int i = from; i < to; i++)
    if (addr[i]()[0] != -i) bad++;
  return 0;
}

static int other_thread(int f, int t) {
  pthread_t th;
  from = f, to = t, bad = 0;
  if (pthread_create(&th, 0, touch, 0) != 0) return -1;
  pthread_join(th, 0);
  return bad;
}

static int open_one(int i, const char* name) {
  handles[i] = dlopen(name, RTLD_NOW);
  if (!handles[i]) {
    printf("  dlopen %s: %s\n", name, dlerror());
    return 0;
  }
  addr[i] = (addr_fn)dlsym(handles[i], "many_addr");
  ids[i] = 0;
  dlinfo(handles[i], RTLD_DI_TLS_MODID, &ids[i]);
  long* a = addr[i]();
  main_addr[i] = a;
  int ok = a[0] == 1000 && a[1] == 1001 && a[2] == 1002 && a[3] == 1003;
  a[0] = 5000 + i;
  return ok;
}

int main(void) {
  printf("libhost_manytlslib.so opened and closed %d times:\n", N);
  size_t first_id = 0;
  int same = 1, fresh = 1, threads = 1, closed = 1;
  for (int round = 0; round < N; round++) {
    if (!open_one(0, "libhost_manytlslib.so")) return 2;
    if (round == 0) first_id = ids[0];
    same &= ids[0] == first_id && first_id != 0;
    threads &= other_thread(0, 1) == 0;
    fresh &= addr[0]()[0] == 5000;
    closed &= dlclose(handles[0]) == 0;
  }
  check("one module id, every time", same);
  check("initial values in every round", fresh);
  check("other thread: initial values, own block, every round", threads);
  check("dlclose", closed);

  printf("%d distinct copies open at once:\n", N);
  int all = 1;
  char name[512];
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "%s/m%04d.so", MANY_DIR, i);
    if (!open_one(i, name)) all = 0;
    if (!handles[i]) return 2;
  }
  int distinct = 1;
  size_t max_id = 0;
  for (int i = 0; i < N; i++) {
    if (ids[i] > max_id) max_id = ids[i];
    for (int k = 0; k < i && distinct; k++) distinct &= ids[i] != ids[k] && ids[i] != 0;
  }
  check("each its own module id", distinct);
  check("module ids beyond 1,023", max_id > 1023);
  check("initial values in each", all);
  check("other thread: all 1,100 modules initial, its own blocks", other_thread(0, N) == 0);
  int kept = 1;
  for (int i = 0; i < N; i++) kept &= addr[i]() == main_addr[i] && main_addr[i][0] == 5000 + i;
  check("main thread's values kept in each", kept);
  closed = 1;
  for (int i = 0; i < N; i++) closed &= dlclose(handles[i]) == 0;
  check("all closed", closed);

  printf("reopened after closing all:\n");
  check("initial values", open_one(0, MANY_DIR "/m0000.so"));
  check("the lowest module id again", ids[0] == first_id);
  check("other thread: initial values, own block", other_thread(0, 1) == 0);
  check("dlclose", dlclose(handles[0]) == 0);
  return failures;
}
