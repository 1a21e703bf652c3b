// Process state _start fills in, exit, environment and auxv helpers. Kept
// apart from start.c so that libraries using these never pull in a reference
// to main.
#include "rt.h"

int rt_argc;
char** rt_argv;
char** rt_environ;
unsigned long* rt_auxv;
void (*rt_fini)(void);
int rt_call_fini;
int rt_failures;

// Calling the fini function is opt-in, through RT_FINI=1 in the environment:
// glibc 2.36's _dl_fini cannot run in a process without libc. It asserts
// (`ns != LM_ID_BASE || i == nloaded`; as far as we can tell, ld.so unlinks
// its own map from the chain when nothing has DT_NEEDED on it, but still
// counts it), and a
// program that does have DT_NEEDED on ld.so dies earlier, in ld.so's startup,
// looking up pthread_mutex_lock in a libc that is not there. So the oracle
// runs leave the fini pointer alone; tests of DT_FINI/DT_FINI_ARRAY set
// RT_FINI=1 and assert the expected output through ldso instead.
void rt_exit(int status) {
  if (rt_fini && rt_call_fini) rt_fini();
  rt_exit_group(status);
}

unsigned long rt_getauxval(unsigned long type) {
  if (!rt_auxv) return 0;
  for (unsigned long* a = rt_auxv; a[0] != 0; a += 2)
    if (a[0] == type) return a[1];
  return 0;
}

char* rt_getenv(const char* name) { return rt_getenv_from(rt_environ, name); }

char* rt_getenv_from(char** envp, const char* name) {
  if (!envp) return 0;
  size_t n = rt_strlen(name);
  for (char** e = envp; *e; e++)
    if (rt_strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  return 0;
}

int rt_check(const char* what, int ok) {
  rt_printf("  %s: %s\n", what, ok ? "ok" : "FAIL");
  if (!ok) rt_failures++;
  return ok;
}

int rt_dyn_get(const long* dyn, long tag, unsigned long* val) {
  for (; dyn[0] != 0; dyn += 2)
    if (dyn[0] == tag) {
      if (val) *val = (unsigned long)dyn[1];
      return 1;
    }
  return 0;
}
