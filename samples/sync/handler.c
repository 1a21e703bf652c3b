// sync_handler: a freestanding program that installs its own SIGSEGV
// handler with the raw rt_sigaction system call, then dereferences NULL. It
// must get its own fault (tests/sync, sync.handler.*):
//
//   ready: code 0, address 0x0
//   caught: code 1, address 0x0        (SEGV_MAPERR at address 0)
//
// and exit 0 from the handler. Without the handler's "caught" line the run
// fails (ldso's crash report, or death by SIGSEGV).
//
// Under `ldso --sync=lazy`: a raw rt_sigaction REPLACES ldso's SIGSEGV
// handler (ldso cannot see or wrap a system call made from inside the
// program), so from then on nothing serves lazy faults: the first fetch
// from a page not yet executed would raise a SIGSEGV that goes to this
// handler -- or, if that page is the handler's own, a nested SIGSEGV while
// SIGSEGV is blocked, which the kernel turns into death. So the program
// makes sure that everything the handler runs has already been fetched
// before the handler is installed:
//   - main, the handler and report() share one page: they are the only
//     functions in section .text.sync_handler, which is page-aligned and
//     smaller than a page;
//   - report() runs once from main ("ready") before the handler is
//     installed, with the same format, so rt_printf's path is fetched;
//   - the handler leaves through rt_syscall6 (exit_group), which rt_printf
//     (through rt_write) has already run.
// That is how a freestanding program with a raw-syscall handler works under
// lazy sync; a glibc static program cannot be arranged that way as easily
// (handler_static.c).
#include "null_store.h"
#include "rt.h"

#if defined(__x86_64__)
enum { SYS_rt_sigaction = 13, SYS_exit_group_nr = 231 };
#define SA_RESTORER 0x04000000
// x86_64 requires SA_RESTORER; never used, the handler does not return.
__asm__(".pushsection .text.sync_handler_restorer,\"ax\",%progbits\n"
        "sync_restorer:\n\tmovl $15, %eax\n\tsyscall\n\thlt\n"
        ".popsection\n");
void sync_restorer(void) __attribute__((visibility("hidden")));
#elif defined(__aarch64__)
enum { SYS_rt_sigaction = 134, SYS_exit_group_nr = 94 };
#endif
enum { SIGSEGV_NR = 11, SA_SIGINFO = 4 };

// The kernel's struct sigaction (not glibc's).
struct k_sigaction {
  void (*handler)(int, void*, void*);
  unsigned long flags;
  void (*restorer)(void);
  unsigned long mask;
};
// The start of siginfo_t on 64-bit Linux.
struct k_siginfo {
  int si_signo, si_errno, si_code, pad;
  void* si_addr;
};

#define PAGE_TEXT __attribute__((section(".text.sync_handler"), noinline))
// Makes section .text.sync_handler page-aligned, wherever this lands in it.
__asm__(".pushsection .text.sync_handler,\"ax\",%progbits\n\t.p2align 12\n.popsection\n");

PAGE_TEXT static void report(const char* what, int code, void* addr) {
  rt_printf("%s: code %d, address %p\n", what, code, addr);
}

PAGE_TEXT static void on_segv(int sig, void* info, void* uc) {
  (void)sig, (void)uc;
  const struct k_siginfo* si = info;
  report("caught", si->si_code, si->si_addr);
  for (;;) rt_syscall6(SYS_exit_group_nr, 0, 0, 0, 0, 0, 0);
}

PAGE_TEXT int main(void) {
  report("ready", 0, 0);
  struct k_sigaction sa = {on_segv, SA_SIGINFO, 0, 0};
#if defined(__x86_64__)
  sa.flags |= SA_RESTORER;
  sa.restorer = sync_restorer;
#endif
  long r = rt_syscall6(SYS_rt_sigaction, SIGSEGV_NR, (long)&sa, 0, sizeof sa.mask, 0, 0);
  if (r != 0) {
    rt_printf("rt_sigaction failed: %ld\n", r);
    return 1;
  }
  NULL_STORE(1);
  rt_printf("not reached\n");
  return 1;
}
