/* A SIGSEGV handler installed with sigaction, reached by deliberate faults
   (the handler siglongjmps out), and signal() + raise() for SIGUSR1. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jump;
static volatile void *fault_addr;
static volatile int segv_count, usr1_count, usr1_signo;

static void on_segv(int sig, siginfo_t *info, void *ctx) {
  (void)ctx;
  segv_count++;
  fault_addr = info->si_addr;
  siglongjmp(jump, sig);
}

static void on_usr1(int sig) {
  usr1_count++;
  usr1_signo = sig;
}

static int fault_at(volatile char *p, const char *what) {
  fault_addr = NULL;
  int sig = sigsetjmp(jump, 1);
  if (sig == 0) {
    *p = 1;
    printf("%s: no fault\n", what);
    return 0;
  }
  printf("%s: caught signal %s, si_addr %s\n", what, sig == SIGSEGV ? "SIGSEGV" : "other",
         fault_addr == (void *)p ? "matches" : "differs");
  return 1;
}

int main(void) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  printf("sigaction SIGSEGV = %d\n", sigaction(SIGSEGV, &sa, NULL));
  memset(&old, 0, sizeof old);
  sigaction(SIGSEGV, NULL, &old);
  printf("sigaction reports our handler: %s, SA_SIGINFO %s\n", old.sa_sigaction == on_segv ? "yes" : "no",
         (old.sa_flags & SA_SIGINFO) ? "set" : "clear");

  long page = sysconf(_SC_PAGESIZE);
  char *guard = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (guard == MAP_FAILED) return 1;
  fault_at(guard + 16, "write to a PROT_NONE page");
  fault_at(guard + page - 1, "again (mask restored by siglongjmp)");
  fault_at((volatile char *)(unsigned long)24, "write near address 0");
  char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fault_at(ro + 100, "write to a read-only page");
  mprotect(ro, page, PROT_READ | PROT_WRITE);
  fault_at(ro + 100, "after mprotect read-write");
  printf("SIGSEGV count %d\n", segv_count);

  sigset_t mask;
  sigprocmask(SIG_SETMASK, NULL, &mask);
  printf("SIGSEGV blocked after the jumps: %s\n", sigismember(&mask, SIGSEGV) ? "yes" : "no");

  void (*prev)(int) = signal(SIGUSR1, on_usr1);
  printf("signal(SIGUSR1) previous handler was SIG_DFL: %s\n", prev == SIG_DFL ? "yes" : "no");
  raise(SIGUSR1);
  raise(SIGUSR1);
  printf("SIGUSR1 count %d, signo %s\n", usr1_count, usr1_signo == SIGUSR1 ? "SIGUSR1" : "other");
  prev = signal(SIGUSR1, SIG_IGN);
  printf("signal(SIGUSR1) previous handler was ours: %s\n", prev == on_usr1 ? "yes" : "no");
  raise(SIGUSR1);
  printf("ignored SIGUSR1: count still %d\n", usr1_count);

  /* Back to the default action: the process dies of SIGSEGV (the test
     compares the exit status of a direct run and an ldso run). */
  sa.sa_handler = SIG_DFL;
  sa.sa_flags = 0;
  sigaction(SIGSEGV, &sa, NULL);
  printf("now faulting with the default action\n");
  fflush(stdout);
  *(volatile char *)guard = 1;
  printf("not reached\n");
  return 0;
}
