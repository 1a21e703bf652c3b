// Raw threads of the dl samples: clone (samples/tls/clone_<isa>.S) with TLS
// from ldso's thread hook, their stacks from mmap, joined through futex.
#ifndef LDSO_SAMPLES_DL_RAW_THREAD_H
#define LDSO_SAMPLES_DL_RAW_THREAD_H
long thr_clone(unsigned long flags, void* stack_top, int* ptid, int* ctid, void* tls,
               long (*fn)(void*), void* arg) __attribute__((visibility("hidden")));
#if defined(__x86_64__)
enum { SYS_mmap = 9, SYS_futex = 202 };
#else
enum { SYS_mmap = 222, SYS_futex = 98 };
#endif
enum {
  // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
  CLONE_FLAGS = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000 | 0x100000 | 0x200000,
  STACK_SIZE = 256 * 1024,
};
#endif
