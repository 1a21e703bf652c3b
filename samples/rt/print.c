// A small printf into a 1 KiB buffer, written with one write(2) per call.
#include "rt.h"

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)

struct out {
  char* buf;
  size_t cap;  // bytes buf can hold
  size_t len;  // bytes in buf
  size_t total;
  int fd;      // -1: string output (truncate), else flush to fd when full
};

static void put(struct out* o, char c) {
  if (o->len == o->cap) {
    if (o->fd < 0) {
      o->total++;
      return;
    }
    rt_write(o->fd, o->buf, o->len);
    o->len = 0;
  }
  o->buf[o->len++] = c;
  o->total++;
}

static void put_padded(struct out* o, const char* s, size_t n, int width, int left, char pad) {
  int fill = width > (int)n ? width - (int)n : 0;
  // Zero padding goes after a sign or 0x prefix.
  if (!left && pad == '0') {
    size_t pre = 0;
    if (n && (s[0] == '-' || s[0] == '+')) pre = 1;
    else if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) pre = 2;
    for (size_t i = 0; i < pre; i++) put(o, s[i]);
    s += pre, n -= pre;
  }
  if (!left)
    while (fill-- > 0) put(o, pad);
  for (size_t i = 0; i < n; i++) put(o, s[i]);
  if (left)
    while (fill-- > 0) put(o, ' ');
}

static void vformat(struct out* o, const char* fmt, va_list ap) {
  for (const char* f = fmt; *f; f++) {
    if (*f != '%') {
      put(o, *f);
      continue;
    }
    f++;
    int left = 0, plus = 0;
    char pad = ' ';
    for (;; f++) {
      if (*f == '-') left = 1;
      else if (*f == '+') plus = 1;
      else if (*f == '0') pad = '0';
      else break;
    }
    int width = 0;
    if (*f == '*') {
      width = va_arg(ap, int);
      f++;
    } else {
      while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    }
    int lng = 0;
    while (*f == 'l' || *f == 'z') lng = 1, f++;
    char tmp[40];
    char* end = tmp + sizeof tmp;
    char* p = end;
    switch (*f) {
      case 'd':
      case 'i': {
        long v = lng ? va_arg(ap, long) : va_arg(ap, int);
        unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
        do *--p = (char)('0' + u % 10); while (u /= 10);
        if (v < 0) *--p = '-';
        else if (plus) *--p = '+';
        put_padded(o, p, (size_t)(end - p), width, left, pad);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o':
      case 'p': {
        unsigned long u;
        if (*f == 'p') u = (unsigned long)va_arg(ap, void*);
        else u = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
        unsigned base = *f == 'u' ? 10 : *f == 'o' ? 8 : 16;
        const char* digits = *f == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        do *--p = digits[u % base]; while (u /= base);
        if (*f == 'p') *--p = 'x', *--p = '0';
        put_padded(o, p, (size_t)(end - p), width, left, pad);
        break;
      }
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (!s) s = "(null)";
        put_padded(o, s, rt_strlen(s), width, left, ' ');
        break;
      }
      case 'c':
        tmp[0] = (char)va_arg(ap, int);
        put_padded(o, tmp, 1, width, left, ' ');
        break;
      case '%':
        put(o, '%');
        break;
      case 0:
        return;
      default:
        put(o, '%');
        put(o, *f);
        break;
    }
  }
}

static int vfdprintf(int fd, const char* fmt, va_list ap) {
  char buf[1024];
  struct out o = {buf, sizeof buf, 0, 0, fd};
  vformat(&o, fmt, ap);
  if (o.len) rt_write(fd, buf, o.len);
  return (int)o.total;
}

int rt_printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfdprintf(1, fmt, ap);
  va_end(ap);
  return n;
}

int rt_eprintf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfdprintf(2, fmt, ap);
  va_end(ap);
  return n;
}

int rt_snprintf(char* buf, size_t n, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  struct out o = {buf, n ? n - 1 : 0, 0, 0, -1};
  vformat(&o, fmt, ap);
  if (n) buf[o.len] = 0;
  va_end(ap);
  return (int)o.total;
}
