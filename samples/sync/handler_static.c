// sync_handler_static: a static glibc program that installs its own SIGSEGV
// handler with sigaction(2), then dereferences NULL; it must get its own
// fault (tests/sync, sync.handler_static.eager):
//
//   caught: code 1, address (nil)
//
// then _exit(0). Run under eager sync only: glibc's sigaction is a raw
// system call inside the program, so it replaces ldso's handler; under lazy
// sync, the handler's own first fetch (or write's, _exit's) from a page not
// yet executed would then fault with SIGSEGV blocked, and the kernel kills
// the process. See handler.c for the freestanding program that is arranged
// to work under lazy sync.
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "null_store.h"

static void on_segv(int sig, siginfo_t* si, void* uc) {
  (void)sig, (void)uc;
  char buf[96];
  int n = snprintf(buf, sizeof buf, "caught: code %d, address %p\n", si->si_code, si->si_addr);
  write(1, buf, (size_t)n);
  _exit(0);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGSEGV, &sa, 0) != 0) {
    perror("sigaction");
    return 1;
  }
  NULL_STORE(1);
  puts("not reached");
  return 1;
}
