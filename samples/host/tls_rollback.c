/* dlopen failing in several ways that involve TLS, each twice, leaves
   nothing behind; afterwards a good TLS library opens and works in the main
   thread, in a thread that existed during the failures and in a new one:
   - initial-exec TLS that does not fit static TLS (libhost_rb_bigie)
   - a TLS library whose dependency is missing (libhost_rb_needs)
   - an undefined symbol (RTLD_NOW) in a library whose TLS, and its TLS
     dependency's, were assigned (libhost_rb_undef, libhost_rb_dep)
   - the same with initial-exec TLS that fits (libhost_rb_ieundef) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static int failures;
static long* (*good)(void);
static long* main_block;
static sem_t go;

static void check(const char* what, int ok) {
  printf("  %s: %s\n", what, ok ? "ok" : "FAIL");
  if (!ok) failures++;
}

static int loaded_cb(struct dl_phdr_info* info, size_t size, void* data) {
  (void)size;
  const char* base = strrchr(info->dlpi_name, '/');
  return base && strcmp(base + 1, (const char*)data) == 0;
}
static int loaded(const char* name) { return dl_iterate_phdr(loaded_cb, (void*)name); }

static void fails(const char* name, const char* mentions, const char* also_gone) {
  printf("dlopen %s:\n", name);
  for (int i = 0; i < 2; i++) {
    check("NULL", dlopen(name, RTLD_NOW) == 0);
    const char* e = dlerror();
    check("dlerror names the cause", e && strstr(e, mentions));
    check("dlerror cleared", dlerror() == 0);
    check("not left loaded", !loaded(name) && (!also_gone || !loaded(also_gone)));
  }
}

static void* thread(void* arg) {
  if (arg) sem_wait(&go);
  long* a = good();
  int ok = a != main_block && a[0] == 1000 && a[3] == 1003;
  a[0] = 7;
  return (void*)(long)(ok && good()[0] == 7);
}

int main(void) {
  sem_init(&go, 0, 0);
  pthread_t before, after;
  pthread_create(&before, 0, thread, (void*)1);
  fails("libhost_rb_bigie.so", "libhost_rb_bigie.so", 0);
  fails("libhost_rb_needs.so", "libhost_rb_gone.so", 0);
  fails("libhost_rb_undef.so", "rb_nobody_defines_this", "libhost_rb_dep.so");
  fails("libhost_rb_ieundef.so", "rb_nobody_defines_this", 0);

  printf("dlopen libhost_rb_good.so (dynamic TLS) afterwards:\n");
  void* h = dlopen("libhost_rb_good.so", RTLD_NOW);
  if (!h) {
    printf("  dlopen: %s\n", dlerror());
    return 2;
  }
  good = (long* (*)(void))dlsym(h, "rb_good");
  main_block = good();
  check("main thread: initial values", main_block[0] == 1000 && main_block[3] == 1003);
  main_block[0] = 5;
  void* ok;
  sem_post(&go);
  pthread_join(before, &ok);
  check("thread made before the failures: initial values, its own block", ok != 0);
  pthread_create(&after, 0, thread, 0);
  pthread_join(after, &ok);
  check("thread made after: initial values, its own block", ok != 0);
  check("main thread's value kept", good()[0] == 5);
  printf("dlopen libhost_rb_small.so (initial-exec TLS that fits) afterwards:\n");
  void* s = dlopen("libhost_rb_small.so", RTLD_NOW);
  if (!s) {
    printf("  dlopen: %s\n", dlerror());
    return 2;
  }
  long (*sum)(void) = (long (*)(void))dlsym(s, "rb_small_sum");
  printf("  rb_small_sum() = %ld\n", sum());
  check("dlclose", dlclose(h) == 0 && dlclose(s) == 0);
  return failures;
}
