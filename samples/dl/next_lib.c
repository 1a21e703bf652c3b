// libdl_next_<NAME>.so for dl_next: its own next_fn, which appends its name
// and forwards to the next definition (dlsym(RTLD_NEXT)), as an
// interposer does. Also lets the library call next_fn through its own PLT.
#include "dl.h"
#define STR2(x) #x
#define STR(x) STR2(x)
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

typedef void (*next_fn_t)(char* buf, size_t n);
RT_EXPORT void next_fn(char* buf, size_t n) {
  size_t len = rt_strlen(buf);
  rt_snprintf(buf + len, n - len, "%s%s", len ? ">" : "", STR(NAME));
  next_fn_t next = (next_fn_t)dlsym(RTLD_NEXT, "next_fn");
  if (next)
    next(buf, n);
  else
    rt_snprintf(buf + rt_strlen(buf), n - rt_strlen(buf), "|end");
}
// Calls whatever next_fn this library's PLT binds to.
RT_EXPORT void CAT(NAME, _call_next_fn)(char* buf, size_t n) { next_fn(buf, n); }
