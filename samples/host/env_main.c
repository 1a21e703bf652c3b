/* setenv in the executable, getenv in a library, and the other way round;
   environ, program_invocation_name, program_invocation_short_name and
   __progname. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;
extern char *__progname;
const char *envlib_get(const char *name);
int envlib_set(const char *name, const char *value);
int envlib_count(const char *prefix);
char **envlib_environ(void);

static int count(const char *prefix) {
  int n = 0;
  for (char **e = environ; e && *e; e++)
    if (strncmp(*e, prefix, strlen(prefix)) == 0) n++;
  return n;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void show(const char *what, const char *v) { printf("%s: %s\n", what, v ? v : "(null)"); }

int main(int argc, char **argv) {
  (void)argc;
  printf("argv[0] == program_invocation_name: %s\n",
         strcmp(argv[0], program_invocation_name) == 0 ? "yes" : "no");
  const char *slash = strrchr(argv[0], '/');
  const char *base = slash ? slash + 1 : argv[0];
  printf("program_invocation_short_name: %s (basename of argv[0]: %s)\n", program_invocation_short_name,
         strcmp(base, program_invocation_short_name) == 0 ? "yes" : "no");
  printf("__progname: %s (same as short name: %s)\n", __progname,
         strcmp(__progname, program_invocation_short_name) == 0 ? "yes" : "no");

  /* The initial environment, sorted. */
  int n = 0;
  while (environ[n]) n++;
  char **copy = malloc(sizeof(char *) * (n + 1));
  memcpy(copy, environ, sizeof(char *) * (n + 1));
  qsort(copy, n, sizeof(char *), cmp);
  printf("environ has %d entries:\n", n);
  for (int i = 0; i < n; i++) printf("  %s\n", copy[i]);
  free(copy);
  printf("library sees the same environ: %s\n", envlib_environ() == environ ? "yes" : "no");

  printf("== exe setenv, library getenv\n");
  setenv("HOST_FROM_EXE", "exe value", 1);
  show("lib getenv HOST_FROM_EXE", envlib_get("HOST_FROM_EXE"));
  printf("exe environ has HOST_FROM_EXE: %d, lib environ: %d\n", count("HOST_FROM_EXE="),
         envlib_count("HOST_FROM_EXE="));
  printf("library sees the same environ after setenv: %s\n", envlib_environ() == environ ? "yes" : "no");

  printf("== library setenv, exe getenv\n");
  envlib_set("HOST_FROM_LIB", "lib value");
  show("exe getenv HOST_FROM_LIB", getenv("HOST_FROM_LIB"));
  printf("exe environ has HOST_FROM_LIB: %d\n", count("HOST_FROM_LIB="));

  printf("== overwrite, putenv, unsetenv\n");
  setenv("FOO", "changed", 1);
  show("lib getenv FOO", envlib_get("FOO"));
  setenv("FOO", "not overwritten", 0);
  show("lib getenv FOO (no overwrite)", envlib_get("FOO"));
  static char put[] = "HOST_PUT=put value";
  putenv(put);
  show("lib getenv HOST_PUT", envlib_get("HOST_PUT"));
  put[9] = 'P';
  show("lib getenv HOST_PUT after editing the putenv string", envlib_get("HOST_PUT"));
  unsetenv("HOST_FROM_EXE");
  show("lib getenv HOST_FROM_EXE after unsetenv", envlib_get("HOST_FROM_EXE"));
  printf("lib environ has HOST_FROM_EXE: %d\n", envlib_count("HOST_FROM_EXE="));
  errno = 0;
  int bad = setenv("BAD=NAME", "x", 1);
  printf("setenv with '=' in the name: %d (EINVAL %s)\n", bad, errno == EINVAL ? "yes" : "no");

  printf("== clearenv\n");
  clearenv();
  show("lib getenv FOO after clearenv", envlib_get("FOO"));
  envlib_set("AFTER_CLEAR", "1");
  printf("exe environ after clearenv + lib setenv: %d entries, %s\n", count(""),
         environ && environ[0] ? environ[0] : "(none)");
  return 0;
}
