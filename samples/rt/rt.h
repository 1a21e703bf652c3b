// rt: the tiny freestanding runtime of the linker samples (samples/linker).
//
// No libc: raw syscalls, a small printf, string helpers, and _start. Every
// object (executable or library) that needs it links its own copy of the
// static archive, with every symbol hidden, so the only symbols that cross
// object boundaries in a sample are the ones the sample means to test.
#ifndef LDSO_SAMPLES_RT_H
#define LDSO_SAMPLES_RT_H

typedef __SIZE_TYPE__ size_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef __INTPTR_TYPE__ intptr_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __INT32_TYPE__ int32_t;

#define RT_EXPORT __attribute__((visibility("default")))
#define RT_NOINLINE __attribute__((noinline))

#pragma GCC visibility push(hidden)

// Set by _start in executables (zero/NULL in libraries' copies).
extern int rt_argc;
extern char** rt_argv;
extern char** rt_environ;
extern unsigned long* rt_auxv;
// The fini function _start got from the dynamic linker.
extern void (*rt_fini)(void);
// Whether rt_exit calls rt_fini: RT_FINI=1 in the environment (see misc.c).
extern int rt_call_fini;

long rt_syscall6(long n, long a, long b, long c, long d, long e, long f);
long rt_write(int fd, const void* buf, size_t n);
// Calls the fini function the dynamic linker passed to _start (if any, and
// if RT_FINI=1: see misc.c), then exit_group(status).
__attribute__((noreturn)) void rt_exit(int status);
// exit_group(status) right away, no fini.
__attribute__((noreturn)) void rt_exit_group(int status);

// printf subset: %d %i %u %x %X %o %s %c %p %%, length l/ll/z, flags '-' '+' '0',
// field width (number or *). Output goes out in one write(2) per call (until
// 1 KiB), so lines from different objects never interleave.
int rt_printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_eprintf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_snprintf(char* buf, size_t n, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

size_t rt_strlen(const char* s);
int rt_strcmp(const char* a, const char* b);
int rt_strncmp(const char* a, const char* b, size_t n);
const char* rt_strstr(const char* hay, const char* needle);
const char* rt_basename(const char* path);
long rt_atol(const char* s);
// getenv over rt_environ (executables), or over an explicit envp (libraries'
// initialisers get envp as their third argument).
char* rt_getenv(const char* name);
char* rt_getenv_from(char** envp, const char* name);
// AT_* value from the auxiliary vector _start found (0 if absent).
unsigned long rt_getauxval(unsigned long type);

// The object's own dynamic section (linker-defined; each object that
// links rt sees its own), and a lookup in it: 1 and *val if TAG is there.
extern const long _DYNAMIC[];
int rt_dyn_get(const long* dyn, long tag, unsigned long* val);
enum {
  RT_DT_TEXTREL = 22,
  RT_DT_FLAGS = 30,
  RT_DT_RELR = 36,
  RT_DT_FLAGS_1 = 0x6ffffffb,
  RT_DF_TEXTREL = 4,
  RT_DF_BIND_NOW = 8,
  RT_DF_STATIC_TLS = 0x10,
  RT_DF_1_NOW = 1,
};

// Prints "  <what>: ok" or "  <what>: FAIL" and counts failures (per object).
int rt_check(const char* what, int ok);
extern int rt_failures;

#pragma GCC visibility pop

// The compiler may emit calls to these even with -ffreestanding.
void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);

#endif
