/* libhost_envlib.so: getenv/setenv/environ seen from a shared library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

const char *envlib_get(const char *name) { return getenv(name); }

int envlib_set(const char *name, const char *value) { return setenv(name, value, 1); }

/* Counts environ entries starting with prefix, as this library sees environ. */
int envlib_count(const char *prefix) {
  int n = 0;
  for (char **e = environ; e && *e; e++)
    if (strncmp(*e, prefix, strlen(prefix)) == 0) n++;
  return n;
}

char **envlib_environ(void) { return environ; }
