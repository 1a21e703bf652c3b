/* Static TLS of a library opened while threads run: a thread made before the
   dlopen, one made after, and the main thread all see its initial image. */
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static int (*get)(void);
static const char* (*text)(void);
static void (*set)(int);
static sem_t go, done;

static void report(const char* who) {
  printf("%s: %d '%s'", who, get(), text());
  set(7);
  printf(" then %d\n", get());
}

static void* before(void* arg) {
  (void)arg;
  sem_wait(&go);
  report("thread made before dlopen");
  sem_post(&done);
  return 0;
}

static void* after(void* arg) {
  (void)arg;
  report("thread made after dlopen");
  return 0;
}

int main(void) {
  sem_init(&go, 0, 0);
  sem_init(&done, 0, 0);
  pthread_t t;
  pthread_create(&t, 0, before, 0);
  void* h = dlopen("libhost_iedl.so", RTLD_NOW);
  if (!h) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  get = (int (*)(void))dlsym(h, "ie_get");
  text = (const char* (*)(void))dlsym(h, "ie_text_get");
  set = (void (*)(int))dlsym(h, "ie_set");
  report("main");
  sem_post(&go);
  sem_wait(&done);
  pthread_join(t, 0);
  pthread_create(&t, 0, after, 0);
  pthread_join(t, 0);
  report("main again");
  return 0;
}
