#include "elf/error.h"

#include <cstdarg>
#include <cstdio>

namespace ldso {

std::string format(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return fmt;
  if (static_cast<size_t>(n) < sizeof buf) return std::string(buf, n);
  std::string out(n, '\0');
  va_start(ap, fmt);
  vsnprintf(out.data(), n + 1, fmt, ap);
  va_end(ap);
  return out;
}

}  // namespace ldso
