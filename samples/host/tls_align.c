/* Static TLS aligned to 4096 bytes, in the executable and in a start-up
   library (ALIGN_LIB), or one 12,292-byte block of the executable alone
   (BIG): address alignment, initial value and a thread's own copy, in the
   main thread and in a new thread. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(BIG)
__thread char exe_page[12292] __attribute__((aligned(4096))) = "exe-big-page";
#else
__thread char exe_page[100] __attribute__((aligned(4096))) = "exe-page";
extern __thread char lib_page[100];
char* lib_page_addr(void);
#endif
static char* main_exe;
static int failures;

static void check(const char* who, const char* what, int ok) {
  printf("%s: %s: %s\n", who, what, ok ? "ok" : "FAIL");
  if (!ok) failures++;
}

static void look(const char* who) {
  check(who, "executable's block 4096-aligned", ((uintptr_t)exe_page & 4095) == 0);
#if defined(BIG)
  check(who, "executable's initial value", strcmp(exe_page, "exe-big-page") == 0 && exe_page[12291] == 0);
#else
  check(who, "executable's initial value", strcmp(exe_page, "exe-page") == 0);
  check(who, "library's block 4096-aligned", ((uintptr_t)lib_page & 4095) == 0);
  check(who, "library's initial value", strcmp(lib_page, "lib-page") == 0);
  check(who, "library's block, one address (IE = GD)", lib_page_addr() == lib_page);
#endif
}

static void* thread(void* arg) {
  (void)arg;
  look("thread");
  check("thread", "its own copy", exe_page != main_exe);
  exe_page[0] = 'T';
  return 0;
}

int main(void) {
  look("main");
  main_exe = exe_page;
  exe_page[1] = 'M';
  pthread_t t;
  pthread_create(&t, 0, thread, 0);
  pthread_join(t, 0);
  check("main", "own value kept", exe_page[0] == 'e' && exe_page[1] == 'M');
  return failures;
}
