// dl_syminfo: dlvsym, dladdr, dladdr1, dlinfo, on libdl_info.so:
//   - vs_fn@VERS_1, vs_fn@@VERS_2 (default), vs_old@VERS_1 (non-default
//     only): dlsym gives the default version and does not see vs_old;
//     dlvsym gives each
//   - dladdr of an address inside a function and inside a data object of
//     the library: file (its name), base (its ELF header), symbol and its
//     address; of a hidden function: the file, no symbol; of an exported
//     function of the executable: the executable's base and the symbol; of
//     a stack address: 0; of each version of vs_fn: the name vs_fn
//   - dladdr1 RTLD_DL_SYMENT (the symbol's size and type), RTLD_DL_LINKMAP
//   - dlinfo RTLD_DI_LINKMAP: the same link_map (l_addr, l_name, l_ld), in
//     the chain that starts with the executable's
#include "common.h"

extern const char __ehdr_start[] __attribute__((visibility("hidden")));
RT_EXPORT int exe_fn(int x) { return x - 1; }

typedef int (*int_fn)(void);

static int names(const char* s, const char* want) { return s && rt_strcmp(s, want) == 0; }

// rt_check, and on failure what dladdr said, on stderr (addresses there only).
static void check_info(const char* what, int ok, int r, const Dl_info* d) {
  if (!rt_check(what, ok))
    rt_eprintf("%s: dladdr returned %d: dli_fname %s, dli_fbase %p, dli_sname %s, dli_saddr %p\n", what,
               r, d->dli_fname ? d->dli_fname : "(null)", d->dli_fbase,
               d->dli_sname ? d->dli_sname : "(null)", d->dli_saddr);
}

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  void* h = dl_must_open("libdl_info.so", RTLD_NOW);

  rt_printf("versions:\n");
  int_fn v1 = (int_fn)dlvsym(h, "vs_fn", "VERS_1");
  int_fn v2 = (int_fn)dlvsym(h, "vs_fn", "VERS_2");
  int_fn vd = (int_fn)dlsym(h, "vs_fn");
  rt_printf("  dlvsym vs_fn VERS_1: %d, VERS_2: %d, dlsym vs_fn: %d\n", v1 ? v1() : -1, v2 ? v2() : -1,
            vd ? vd() : -1);
  rt_check("dlsym(handle, vs_old) is NULL (non-default version only)", dlsym(h, "vs_old") == 0);
  (void)dlerror();
  int_fn old = (int_fn)dlvsym(h, "vs_old", "VERS_1");
  rt_printf("  dlvsym vs_old VERS_1: %d\n", old ? old() : -1);

  rt_printf("dladdr:\n");
  const char* fn = (const char*)dl_must_sym(h, "info_fn");
  long* arr = (long*)dl_must_sym(h, "info_array");
  const void* base = ((const void* (*)(void))dl_must_sym(h, "info_base"))();
  const void* dyn = ((const void* (*)(void))dl_must_sym(h, "info_dynamic"))();
  void* hidden = ((void* (*)(void))dl_must_sym(h, "info_hidden_addr"))();
  Dl_info d;
  int r = dladdr(fn + 2, &d);
  check_info("inside info_fn: file, base, symbol, symbol address",
           r && names(rt_basename(d.dli_fname), "libdl_info.so") && d.dli_fbase == base &&
               names(d.dli_sname, "info_fn") && d.dli_saddr == fn, r, &d);
  r = dladdr(&arr[3], &d);
  check_info("inside info_array: file, base, symbol, symbol address",
           r && names(rt_basename(d.dli_fname), "libdl_info.so") && d.dli_fbase == base &&
               names(d.dli_sname, "info_array") && d.dli_saddr == arr, r, &d);
  r = dladdr(hidden, &d);
  check_info("a hidden function: file and base, no symbol",
           r && names(rt_basename(d.dli_fname), "libdl_info.so") && d.dli_fbase == base &&
               d.dli_sname == 0 && d.dli_saddr == 0, r, &d);
  r = dladdr((const char*)exe_fn + 1, &d);
  check_info("inside the executable's exe_fn: its base, the symbol",
           r && d.dli_fbase == __ehdr_start && names(d.dli_sname, "exe_fn") && d.dli_saddr == (void*)exe_fn, r, &d);
  int on_stack = 0;
  rt_check("a stack address: 0", dladdr(&on_stack, &d) == 0);
  r = dladdr((void*)v1, &d);
  int r2 = dladdr((void*)v2, &d) && names(d.dli_sname, "vs_fn");
  rt_check("vs_fn@VERS_1 and vs_fn@@VERS_2: named vs_fn", r && r2 && names(d.dli_sname, "vs_fn"));

  rt_printf("dladdr1:\n");
  const Elf64_Sym* sym = 0;
  r = dladdr1(&arr[7], &d, (void**)&sym, RTLD_DL_SYMENT);
  rt_check("RTLD_DL_SYMENT: info_array's symbol (size 64, STT_OBJECT)",
           r && sym && sym->st_size == 8 * sizeof(long) && (sym->st_info & 0xf) == 1 &&
               names(d.dli_sname, "info_array"));
  struct link_map* lm = 0;
  r = dladdr1(fn, &d, (void**)&lm, RTLD_DL_LINKMAP);
  rt_check("RTLD_DL_LINKMAP: l_addr is the base, l_name the file, l_ld its dynamic section",
           r && lm && (const void*)lm->l_addr == base && names(rt_basename(lm->l_name), "libdl_info.so") &&
               lm->l_ld == dyn);

  rt_printf("dlinfo:\n");
  struct link_map* lm2 = 0;
  r = dlinfo(h, RTLD_DI_LINKMAP, &lm2);
  rt_check("RTLD_DI_LINKMAP: 0, the same link_map", r == 0 && lm2 == lm);
  struct link_map* head = lm2;
  while (head && head->l_prev) head = head->l_prev;
  int in_chain = 0;
  for (struct link_map* l = head; l; l = l->l_next)
    if (l == lm2) in_chain = 1;
  rt_check("the chain starts with the executable (l_addr its base) and holds the library",
           head && head->l_addr == (uintptr_t)__ehdr_start && in_chain);
  void* main_h = dl_must_open(0, RTLD_NOW);
  struct link_map* lm_main = 0;
  rt_check("dlinfo(dlopen(NULL)): the head of the chain",
           dlinfo(main_h, RTLD_DI_LINKMAP, &lm_main) == 0 && lm_main == head);
  dlclose(main_h);
  dlclose(h);
  return rt_failures;
}
