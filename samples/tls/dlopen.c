// tls_dlopen: TLS of libraries opened with dlopen.
//
//   libtls_dyn.so    dynamic TLS: .tdata, .tbss, 64- and 4096-byte aligned
//                    variables and a hidden one, reached by general dynamic
//                    (__tls_get_addr) and by TLS descriptors; the block is
//                    allocated on first use; after dlclose and a new dlopen
//                    the variables have their initial values again
//   libtls_dynie.so  initial-exec in a library opened later (DF_STATIC_TLS:
//                    its block comes from the static TLS surplus); it also
//                    reaches the executable's exe_tls by initial-exec
//   libtls_dynie_gd.so  general dynamic to the same variables, opened next
// and dl_iterate_phdr's view: module ids, dlpi_tls_data.
//
// The system dynamic linker is the oracle, with libc.so.6 preloaded (glibc
// 2.34+ has dlopen in libc; its ld.so cannot start a program that has
// DT_NEEDED on it but no libc). Through ldso the program's DT_NEEDED on the
// interpreter (the rtld stub) gets ldso's own dlopen.
#include "dyn.h"
#include "dl.h"

RT_EXPORT __thread int exe_tls = 71;

struct find {
  const char* name;
  int found;
  size_t modid;
  void* tls_data;
  uint64_t tls_memsz;
};
static int find_cb(struct dl_phdr_info* info, size_t size, void* data) {
  (void)size;
  struct find* f = data;
  const char* n = info->dlpi_name ? info->dlpi_name : "";
  if (f->name[0] != 0 && rt_strcmp(rt_basename(n), f->name) != 0) return 0;
  f->found = 1;
  f->modid = info->dlpi_tls_modid;
  f->tls_data = info->dlpi_tls_data;
  f->tls_memsz = 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_TLS) f->tls_memsz = info->dlpi_phdr[i].p_memsz;
  return 1;
}
// name "" finds the first object reported: the executable.
static struct find find_object(const char* name) {
  struct find f = {name, 0, 0, 0, 0};
  dl_iterate_phdr(find_cb, &f);
  return f;
}

static void* sym(void* h, const char* name) {
  void* p = dlsym(h, name);
  if (!p) {
    rt_printf("  dlsym %s failed: %s\n", name, dlerror());
    rt_exit_group(3);
  }
  return p;
}

static void* open_or_die(const char* name) {
  void* h = dlopen(name, RTLD_NOW);
  if (!h) {
    rt_printf("  dlopen %s failed\n", name);
    rt_eprintf("dlopen %s: %s\n", name, dlerror());
    rt_exit_group(2);
  }
  rt_printf("  %s opened\n", name);
  return h;
}

#define ALIGN_OK(p, n) (((uintptr_t)(p) & ((n) - 1)) == 0)
#define IN_BLOCK(p, f) \
  ((char*)(p) >= (char*)(f).tls_data && (char*)(p) < (char*)(f).tls_data + (f).tls_memsz)

static void check_dyn(void* h, int expect_data) {
  struct dyn_addrs gd, desc;
  ((dyn_addrs_fn)sym(h, "dyn_addrs_gd"))(&gd);
  ((dyn_addrs_fn)sym(h, "dyn_addrs_desc"))(&desc);
  int z = 0;
  for (int i = 0; i < 256; i++) z |= gd.bss[i];
  rt_printf("  values: y_data=%d y_bss zero=%s y_a64={%ld,%ld} y_a4096=\"%s\" y_local=%d\n",
            *gd.data, z ? "no" : "yes", gd.a64[0], gd.a64[1], gd.a4096, *gd.local);
  rt_check("y_data as expected", *desc.data == expect_data);
  if (!rt_check("one address for y_data, y_bss, y_a64, y_a4096, y_local via GD and TLSDESC",
                gd.data == desc.data && gd.bss == desc.bss && gd.a64 == desc.a64 &&
                    gd.a4096 == desc.a4096 && gd.local == desc.local))
    rt_eprintf("GD: data %p bss %p a64 %p a4096 %p local %p\nTLSDESC: data %p bss %p a64 %p a4096 %p local %p\n",
               (void*)gd.data, (void*)gd.bss, (void*)gd.a64, (void*)gd.a4096, (void*)gd.local,
               (void*)desc.data, (void*)desc.bss, (void*)desc.a64, (void*)desc.a4096, (void*)desc.local);
  rt_check("y_a64 64-byte aligned", ALIGN_OK(gd.a64, 64));
  rt_check("y_a4096 4096-byte aligned", ALIGN_OK(gd.a4096, 4096));
  struct find f = find_object("libtls_dyn.so");
  struct find e = find_object("");
  rt_check("dl_iterate_phdr: libtls_dyn.so has a TLS module id, not the executable's",
           f.found && f.modid != 0 && f.modid != e.modid);
  rt_check("dl_iterate_phdr: its dlpi_tls_data is the block holding its variables",
           f.tls_data && IN_BLOCK(gd.data, f) && IN_BLOCK(gd.a4096, f) && IN_BLOCK(gd.local, f));
  *gd.data = 99;
  gd.a4096[0] = 'D';
  rt_printf("  after writing 99 and 'D' through GD pointers: TLSDESC sees %d \"%s\"\n",
            *desc.data, desc.a4096);
}

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  struct find e = find_object("");
  rt_check("dl_iterate_phdr: the executable comes first, module id 1, block holds exe_tls",
           e.found && e.modid == 1 && e.tls_data && IN_BLOCK(&exe_tls, e));

  void* h = open_or_die("libtls_dyn.so");
  check_dyn(h, 51);
  rt_printf("  dlclose: %d\n", dlclose(h));
  rt_check("libtls_dyn.so is gone", !find_object("libtls_dyn.so").found);
  h = open_or_die("libtls_dyn.so");
  check_dyn(h, 51);  // a fresh block: the initial image again

  exe_tls = 72;
  void* hie = open_or_die("libtls_dynie.so");
  void* hgd = open_or_die("libtls_dynie_gd.so");
  struct ie_addrs ie, gd;
  ((ie_addrs_fn)sym(hie, "dynie_addrs_ie"))(&ie);
  ((ie_addrs_fn)sym(hgd, "dynie_addrs_gd"))(&gd);
  rt_printf("  values: e_data=%d e_bss=%d e_a16={%ld,%ld} exe_tls=%d\n", *ie.data, *ie.bss,
            ie.a16[0], ie.a16[1], *ie.exe_tls);
  rt_check("one address for e_data, e_bss, e_a16 via IE and GD",
           ie.data == gd.data && ie.bss == gd.bss && ie.a16 == gd.a16);
  rt_check("e_a16 16-byte aligned", ALIGN_OK(ie.a16, 16));
  rt_check("exe_tls from the library (IE, GD) is the executable's",
           ie.exe_tls == &exe_tls && gd.exe_tls == &exe_tls);
  struct find f = find_object("libtls_dynie.so");
  // (glibc leaves dlpi_tls_data NULL here: its DTV generation for this
  // thread is behind, although the block is in static TLS.)
  rt_check("dl_iterate_phdr: libtls_dynie.so has its own module id (and block, if reported)",
           f.found && f.modid != 0 && f.modid != e.modid && (!f.tls_data || IN_BLOCK(ie.data, f)));
  *ie.data = 64;
  rt_printf("  after writing 64 by IE: GD sees %d\n", *gd.data);
  return rt_failures;
}
