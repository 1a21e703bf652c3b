/* TLS of the executable (local-exec, and initial-exec against a library),
   of a library (initial-exec and general-dynamic) and of a dlopen'ed library,
   read and written in main and in pthreads. Prints only values and pass/fail,
   never addresses. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The executable's own TLS: initialised (.tdata) and zero (.tbss), several
   alignments. Local-exec. */
static __thread int le_init = 42;
static __thread int le_zero;
static __thread char le_char = 'c';
static __thread char al64[64] __attribute__((aligned(64))) = "aligned 64";
static __thread double al32[4] __attribute__((aligned(32))) = {1.5, 2.5, 3.5, 4.5};
static __thread long double al16_zero __attribute__((aligned(16)));
static __thread char al64_zero[128] __attribute__((aligned(64)));
__thread long exported_tls = -1; /* defined here, exported */

/* The library's TLS, from the executable: initial-exec. */
extern __thread int lib_ie;
extern __thread long lib_ie_zero;
extern __thread int lib_gd;
extern __thread char lib_gd_buf[100];
int *lib_ie_addr(void);
int *lib_gd_addr(void);
long *lib_ie_zero_addr(void);
char *lib_gd_buf_addr(void);
int lib_counter_next(void);

static int (*dl_get)(void);
static void (*dl_set)(int);
static char *(*dl_buf_addr)(void);
static long *(*dl_zero_addr)(void);

#define NTHREADS 4
static char report[NTHREADS + 1][1024];
static pthread_barrier_t dl_ready;

static void note(char *buf, const char *fmt, ...) {
  size_t len = strlen(buf);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + len, 1024 - len, fmt, ap);
  va_end(ap);
}

static int aligned(const void *p, uintptr_t a) { return ((uintptr_t)p & (a - 1)) == 0; }

/* Checks the initial values and alignments, then writes thread-specific values. */
static void exercise(char *out, int id, int check_initial) {
  int ok = 1;
  if (check_initial) {
    ok &= le_init == 42 && le_zero == 0 && le_char == 'c' && strcmp(al64, "aligned 64") == 0;
    ok &= al32[0] == 1.5 && al32[3] == 4.5 && al16_zero == 0 && exported_tls == -1;
    for (int i = 0; i < 128; i++) ok &= al64_zero[i] == 0;
    note(out, " exe-initial=%s", ok ? "ok" : "BAD");
    ok = lib_ie == 5 && lib_ie_zero == 0 && lib_gd == 6 && strcmp(lib_gd_buf, "lib gd buffer") == 0;
    note(out, " lib-initial=%s", ok ? "ok" : "BAD");
  }
  ok = aligned(al64, 64) && aligned(al64_zero, 64) && aligned(al32, 32) && aligned(&al16_zero, 16) &&
       aligned(lib_gd_buf, 32);
  note(out, " align=%s", ok ? "ok" : "BAD");
  ok = &lib_ie == lib_ie_addr() && &lib_gd == lib_gd_addr() && &lib_ie_zero == lib_ie_zero_addr() &&
       lib_gd_buf == lib_gd_buf_addr();
  note(out, " exe-and-lib-agree=%s", ok ? "ok" : "BAD");

  le_init = 1000 + id;
  le_zero = 2000 + id;
  le_char = (char)('A' + id);
  snprintf(al64, sizeof al64, "thread %d", id);
  al32[1] = id * 0.25;
  al16_zero = id;
  al64_zero[127] = (char)id;
  exported_tls = id * 11L;
  lib_ie = 300 + id;
  lib_ie_zero = 400 + id;
  lib_gd = 500 + id;
  snprintf(lib_gd_buf, sizeof lib_gd_buf, "lib %d", id);
  int c = 0;
  for (int i = 0; i < id + 1; i++) c = lib_counter_next();
  note(out, " counter=%d", c);
}

static void verify(char *out, int id) {
  int ok = le_init == 1000 + id && le_zero == 2000 + id && le_char == (char)('A' + id) &&
           al32[1] == id * 0.25 && al16_zero == id && al64_zero[127] == (char)id && exported_tls == id * 11L;
  char want[64];
  snprintf(want, sizeof want, "thread %d", id);
  ok &= strcmp(al64, want) == 0;
  note(out, " exe-kept=%s", ok ? "ok" : "BAD");
  snprintf(want, sizeof want, "lib %d", id);
  ok = lib_ie == 300 + id && lib_ie_zero == 400 + id && *lib_gd_addr() == 500 + id &&
       strcmp(lib_gd_buf_addr(), want) == 0;
  note(out, " lib-kept=%s", ok ? "ok" : "BAD");
}

static void exercise_dl(char *out, int id) {
  int ok = dl_get() == 99 && strcmp(dl_buf_addr(), "dl buffer") == 0 && aligned(dl_buf_addr(), 64);
  long *z = dl_zero_addr();
  for (int i = 0; i < 8; i++) ok &= z[i] == 0;
  note(out, " dl-initial=%s", ok ? "ok" : "BAD");
  dl_set(7000 + id);
  snprintf(dl_buf_addr(), 256, "dl %d", id);
  z[7] = id;
  char want[64];
  snprintf(want, sizeof want, "dl %d", id);
  ok = dl_get() == 7000 + id && strcmp(dl_buf_addr(), want) == 0 && dl_zero_addr()[7] == id;
  note(out, " dl-kept=%s", ok ? "ok" : "BAD");
}

static void *early_thread(void *arg) {
  /* Started before the dlopen; uses the dlopen'ed library's TLS after it. */
  int id = (int)(intptr_t)arg;
  exercise(report[id], id, 1);
  pthread_barrier_wait(&dl_ready);
  exercise_dl(report[id], id);
  verify(report[id], id);
  return NULL;
}

static void *late_thread(void *arg) {
  int id = (int)(intptr_t)arg;
  exercise(report[id], id, 1);
  exercise_dl(report[id], id);
  verify(report[id], id);
  return NULL;
}

int main(void) {
  char *out = report[0];
  printf("main initial: le_init %d le_zero %d le_char %c al64 '%s' al32 %.1f lib_ie %d lib_gd %d gd_buf '%s'\n",
         le_init, le_zero, le_char, al64, al32[2], lib_ie, lib_gd, lib_gd_buf);
  exercise(out, 0, 1);

  pthread_t early[2], late[2];
  pthread_barrier_init(&dl_ready, NULL, 3);
  for (int i = 0; i < 2; i++) pthread_create(&early[i], NULL, early_thread, (void *)(intptr_t)(i + 1));

  void *h = dlopen("libhost_tlsdl.so", RTLD_NOW);
  if (!h) {
    printf("dlopen libhost_tlsdl.so failed\n");
    return 1;
  }
  dl_get = (int (*)(void))dlsym(h, "dl_get");
  dl_set = (void (*)(int))dlsym(h, "dl_set");
  dl_buf_addr = (char *(*)(void))dlsym(h, "dl_buf_addr");
  dl_zero_addr = (long *(*)(void))dlsym(h, "dl_zero_addr");
  int *dl_var_sym = (int *)dlsym(h, "dl_var");
  if (!dl_get || !dl_set || !dl_buf_addr || !dl_zero_addr || !dl_var_sym) {
    printf("dlsym failed\n");
    return 1;
  }
  exercise_dl(out, 0);
  /* dlsym of a TLS symbol gives the calling thread's instance. */
  note(out, " dlsym-tls=%s", *dl_var_sym == 7000 ? "ok" : "BAD");
  pthread_barrier_wait(&dl_ready);
  for (int i = 0; i < 2; i++) pthread_join(early[i], NULL);
  for (int i = 0; i < 2; i++) pthread_create(&late[i], NULL, late_thread, (void *)(intptr_t)(i + 3));
  for (int i = 0; i < 2; i++) pthread_join(late[i], NULL);

  verify(out, 0);
  note(out, " dl-kept-after-threads=%s", dl_get() == 7000 ? "ok" : "BAD");
  for (int i = 0; i <= NTHREADS; i++) printf("%s %d:%s\n", i ? "thread" : "main", i, report[i]);
  printf("main final: le_init %d al64 '%s' exported %ld lib_ie %d lib_gd %d gd_buf '%s' dl_var %d\n", le_init,
         al64, exported_tls, lib_ie, lib_gd, lib_gd_buf, dl_get());
  printf("dlclose = %d\n", dlclose(h));
  return 0;
}
