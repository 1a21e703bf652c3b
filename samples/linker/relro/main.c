// relro: after start-up the PT_GNU_RELRO region is read-only. The program
// checks the values of a RELRO pointer of its own (.data.rel.ro, RELATIVE)
// and of the library's (.data.rel.ro, GLOB_DAT/64 against re_target), then
// installs a SIGSEGV handler with the raw rt_sigaction system call (see
// samples/sync/handler.c) and writes to one of them (argv[1]: exe or lib).
// The handler reports the fault (SEGV_ACCERR) and exits 0: "relro
// protected: yes". If the write goes through: "relro protected: NO", 1.
#include "rt.h"

#if defined(__x86_64__)
enum { SYS_rt_sigaction = 13, SYS_exit_group_nr = 231 };
#define SA_RESTORER 0x04000000
__asm__(".pushsection .text.re_restorer,\"ax\",%progbits\n"
        "re_restorer:\n\tmovl $15, %eax\n\tsyscall\n\thlt\n"
        ".popsection\n");
void re_restorer(void) __attribute__((visibility("hidden")));
#elif defined(__aarch64__)
enum { SYS_rt_sigaction = 134, SYS_exit_group_nr = 94 };
#endif
enum { SIGSEGV_NR = 11, SA_SIGINFO = 4, SEGV_ACCERR = 2 };

struct k_sigaction {
  void (*handler)(int, void*, void*);
  unsigned long flags;
  void (*restorer)(void);
  unsigned long mask;
};
struct k_siginfo {
  int si_signo, si_errno, si_code, pad;
  void* si_addr;
};

RT_EXPORT int re_target = 5;
static int re_local = 6;
int* const re_exe_ptr = &re_local;
int* const* re_lib_ptr_addr(void);

static void* volatile fault_at;
static void on_segv(int sig, void* info, void* uc) {
  (void)sig, (void)uc;
  const struct k_siginfo* si = info;
  rt_printf("  write faulted: %s, at the variable: %s\n",
            si->si_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other code",
            si->si_addr == fault_at ? "yes" : "no");
  rt_printf("  relro protected: yes\n");
  for (;;) rt_syscall6(SYS_exit_group_nr, 0, 0, 0, 0, 0, 0);
}

int main(int argc, char** argv) {
  const char* which = argc > 1 ? argv[1] : "exe";
  rt_printf("relro (%s):\n", which);
  rt_printf("  exe pointer -> %d, lib pointer -> %d\n", *re_exe_ptr, **re_lib_ptr_addr());
  struct k_sigaction sa = {on_segv, SA_SIGINFO, 0, 0};
#if defined(__x86_64__)
  sa.flags |= SA_RESTORER;
  sa.restorer = re_restorer;
#endif
  if (rt_syscall6(SYS_rt_sigaction, SIGSEGV_NR, (long)&sa, 0, sizeof sa.mask, 0, 0) != 0) {
    rt_printf("  rt_sigaction failed\n");
    return 2;
  }
  int* volatile* slot = rt_strcmp(which, "lib") == 0 ? (int* volatile*)re_lib_ptr_addr()
                                                      : (int* volatile*)&re_exe_ptr;
  fault_at = (void*)slot;
  __asm__ volatile("" ::: "memory");
  *slot = 0;
  __asm__ volatile("" ::: "memory");
  rt_printf("  the write went through\n  relro protected: NO\n");
  return 1;
}
