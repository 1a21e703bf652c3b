// dl_next: RTLD_NEXT, as interposers use it. The executable, libdl_next_a.so
// and libdl_next_b.so (its DT_NEEDED, in that order) each define next_fn,
// which appends its name and calls dlsym(RTLD_NEXT, "next_fn"):
//   - from the executable: exe>a>b|end (the global scope after the caller)
//   - libdl_next_a.so's call of next_fn binds to the executable's
//     definition (interposition), so the chain is the same
//   - libdl_next_c.so, opened RTLD_LOCAL, needs libdl_next_b.so: its
//     RTLD_NEXT searches its own scope after itself: c>b|end
//   - dlsym(RTLD_NEXT) of a name defined nowhere further: NULL
#include "common.h"

typedef void (*next_fn_t)(char* buf, size_t n);
void a_call_next_fn(char* buf, size_t n);

RT_EXPORT void next_fn(char* buf, size_t n) {
  size_t len = rt_strlen(buf);
  rt_snprintf(buf + len, n - len, "%sexe", len ? ">" : "");
  next_fn_t next = (next_fn_t)dlsym(RTLD_NEXT, "next_fn");
  if (next)
    next(buf, n);
  else
    rt_snprintf(buf + rt_strlen(buf), n - rt_strlen(buf), "|end");
}

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  char buf[128] = "";
  next_fn(buf, sizeof buf);
  rt_printf("  the executable's next_fn: %s\n", buf);
  buf[0] = 0;
  a_call_next_fn(buf, sizeof buf);
  rt_printf("  libdl_next_a.so calls next_fn: %s\n", buf);
  void* hc = dl_must_open("libdl_next_c.so", RTLD_NOW | RTLD_LOCAL);
  next_fn_t c = (next_fn_t)dl_must_sym(hc, "next_fn");
  buf[0] = 0;
  c(buf, sizeof buf);
  rt_printf("  libdl_next_c.so's next_fn (RTLD_LOCAL, needs b): %s\n", buf);
  rt_check("dlsym(RTLD_NEXT, dl_nowhere_else) is NULL", dlsym(RTLD_NEXT, "dl_nowhere_else") == 0);
  dl_error_check("dl_nowhere_else", 0);
  dlclose(hc);
  return rt_failures;
}
