/* A program that needs an executable stack (GCC's nested functions put a
   trampoline on it), in the main thread and in a thread glibc makes. */
#include <pthread.h>
#include <stdio.h>

static int apply(int (*f)(int), int x) { return f(x); }

static int run(int base) {
  int add(int v) { return v + base; } /* its address is a trampoline on the stack */
  return apply(add, 5);
}

static void* thread(void* arg) {
  (void)arg;
  printf("thread: %d\n", run(2));
  return 0;
}

int main(void) {
  printf("main: %d\n", run(-3));
  pthread_t t;
  pthread_create(&t, 0, thread, 0);
  pthread_join(t, 0);
  return 0;
}
