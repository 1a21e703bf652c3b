// String and memory helpers. Built with -fno-tree-loop-distribute-patterns so
// that the compiler does not turn these loops into calls to themselves.
#include "rt.h"

size_t rt_strlen(const char* s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

int rt_strcmp(const char* a, const char* b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

int rt_strncmp(const char* a, const char* b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
    if (!*a) return 0;
  }
  return 0;
}

const char* rt_strstr(const char* hay, const char* needle) {
  size_t n = rt_strlen(needle);
  for (; *hay; hay++)
    if (rt_strncmp(hay, needle, n) == 0) return hay;
  return n ? 0 : hay;
}

const char* rt_basename(const char* path) {
  const char* b = path;
  for (const char* p = path; *p; p++)
    if (*p == '/') b = p + 1;
  return b;
}

long rt_atol(const char* s) {
  long sign = 1, v = 0;
  if (*s == '-') sign = -1, s++;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return sign * v;
}

#pragma GCC visibility push(hidden)
void* memcpy(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  while (n--) *d++ = *s++;
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else {
    while (n--) d[n] = s[n];
  }
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  unsigned char* d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x - *y;
  return 0;
}
#pragma GCC visibility pop
