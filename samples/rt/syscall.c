// Raw Linux system calls.
#include "rt.h"

long rt_syscall6(long n, long a, long b, long c, long d, long e, long f) {
#if defined(__x86_64__)
  long ret;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
#elif defined(__aarch64__)
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc #0"
                   : "+r"(x0)
                   : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                   : "memory");
  return x0;
#else
#error "rt: unsupported ISA"
#endif
}

#if defined(__x86_64__)
enum { SYS_write = 1, SYS_exit_group = 231 };
#else
enum { SYS_write = 64, SYS_exit_group = 94 };
#endif

long rt_write(int fd, const void* buf, size_t n) {
  const char* p = buf;
  size_t done = 0;
  while (done < n) {
    long r = rt_syscall6(SYS_write, fd, (long)(p + done), (long)(n - done), 0, 0, 0);
    if (r == -4) continue;  // EINTR
    if (r <= 0) return done ? (long)done : r;
    done += (size_t)r;
  }
  return (long)done;
}

void rt_exit_group(int status) {
  for (;;) rt_syscall6(SYS_exit_group, status, 0, 0, 0, 0, 0);
}
