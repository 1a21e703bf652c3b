// Helpers of the dl samples' executables.
#ifndef LDSO_SAMPLES_DL_COMMON_H
#define LDSO_SAMPLES_DL_COMMON_H
#include "port.h"

// What dl_iterate_phdr reports about one library (by file name), and the
// load/unload counters.
struct dl_view {
  const char* name;
  int found;
  unsigned long long adds, subs;
};
static int dl_view_cb(struct dl_phdr_info* info, size_t size, void* data) {
  (void)size;
  struct dl_view* v = data;
  v->adds = info->dlpi_adds;
  v->subs = info->dlpi_subs;
  if (v->name && info->dlpi_name && rt_strcmp(rt_basename(info->dlpi_name), v->name) == 0) v->found = 1;
  return 0;
}
static inline struct dl_view dl_look(const char* name) {
  struct dl_view v = {name, 0, 0, 0};
  dl_iterate_phdr(dl_view_cb, &v);
  return v;
}
static inline int dl_loaded(const char* name) { return dl_look(name).found; }

// dlerror(): non-NULL, mentions WHAT (and WHAT2 if given), and is cleared
// by reading it. Prints a normalised line (the wording is the loader's).
static inline int dl_error_check(const char* what, const char* what2) {
  const char* e = dlerror();
  int ok = e && rt_strstr(e, what) && (!what2 || rt_strstr(e, what2));
  int cleared = dlerror() == 0;
  rt_printf("  dlerror: %s, mentions %s%s%s: %s, then cleared: %s\n", e ? "set" : "NULL", what,
            what2 ? " and " : "", what2 ? what2 : "", ok ? "ok" : "FAIL", cleared ? "ok" : "FAIL");
  if (!ok || !cleared) {
    rt_failures++;
    rt_eprintf("dlerror was: %s\n", e ? e : "(null)");
  }
  return ok;
}

static inline void* dl_must_open(const char* name, int mode) {
  void* h = dlopen(name, mode);
  if (!h) {
    const char* e = dlerror();
    rt_printf("  dlopen %s: FAIL\n", name);
    rt_eprintf("dlopen %s: %s\n", name, e ? e : "(no dlerror)");
    rt_exit_group(2);
  }
  return h;
}
static inline void* dl_must_sym(void* h, const char* name) {
  void* p = dlsym(h, name);
  if (!p) {
    const char* e = dlerror();
    rt_printf("  dlsym %s: FAIL\n", name);
    rt_eprintf("dlsym %s: %s\n", name, e ? e : "(no dlerror)");
    rt_exit_group(2);
  }
  return p;
}
#endif
