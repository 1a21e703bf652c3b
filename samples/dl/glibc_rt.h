// The rt and dl.h API of the dl samples over glibc (samples built with
// -DDL_GLIBC): the same sources then build as ordinary glibc programs and
// libraries, which run directly (glibc's ld.so is the oracle) and through
// ldso in host mode. Output is flushed at every call, as rt's is.
#ifndef LDSO_SAMPLES_DL_GLIBC_RT_H
#define LDSO_SAMPLES_DL_GLIBC_RT_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define RT_EXPORT __attribute__((visibility("default")))
#define RT_NOINLINE __attribute__((noinline))

static int rt_failures;
__attribute__((format(printf, 1, 2), unused)) static int rt_printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = vprintf(fmt, ap);
  va_end(ap);
  fflush(stdout);
  return n;
}
__attribute__((format(printf, 1, 2), unused)) static int rt_eprintf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const int n = vfprintf(stderr, fmt, ap);
  va_end(ap);
  return n;
}
__attribute__((unused)) static int rt_check(const char* what, int ok) {
  rt_printf("  %s: %s\n", what, ok ? "ok" : "FAIL");
  if (!ok) rt_failures++;
  return ok;
}
__attribute__((unused)) static const char* rt_basename(const char* p) {
  const char* s = strrchr(p, '/');
  return s ? s + 1 : p;
}
#define rt_strcmp strcmp
#define rt_strncmp strncmp
#define rt_strstr strstr
#define rt_strlen strlen
#define rt_exit_group _exit
#endif
