// tls_gd, tls_desc, tls_ld, tls_ld_desc, tls_ie: the TLS access models
// across an executable and two libraries loaded at startup.
//
//   libtls_<m>_def.so  defines d_data (.tdata), d_bss (.tbss), d_a64 (64-byte
//                      aligned), d_a4096 (page aligned) and local variables
//   libtls_<m>_use.so  its own u_data; reaches def's variables and the
//                      executable's
//   the executable     exe_data, exe_bss, exe_a64, exe_a4096: its own by
//                      local-exec, the libraries' by initial-exec (main.c,
//                      -fPIE); plus exe_pic.c (-fPIC, sequences relaxed by ld)
//
// Both libraries are compiled for the sample's model <m>:
//   gd       general dynamic through __tls_get_addr (x86_64 -mtls-dialect=gnu,
//            aarch64 -mtls-dialect=trad): DTPMOD64/DTPOFF64, TLS_DTPMOD/DTPREL;
//            def's local variables local dynamic
//   desc     TLS descriptors (gnu2 / desc): R_X86_64_TLSDESC, R_AARCH64_TLSDESC
//   ld       -ftls-model=local-dynamic through __tls_get_addr
//   ld_desc  local dynamic with descriptors (x86_64: _TLS_MODULE_BASE_)
//   ie       -ftls-model=initial-exec: TPOFF64 / TLS_TPREL, DF_STATIC_TLS
//
// Every variable is reached from every object that can name it; the
// addresses must agree, the initial values must be there, the alignments
// must hold, and writes through one path must be seen through the others.
// Libraries using __tls_get_addr link against the system interpreter for
// it, so the direct (oracle) run preloads libc.so.6: glibc's ld.so cannot
// start a program that has DT_NEEDED on it but no libc.
#include "models.h"

RT_EXPORT __thread int exe_data = 41;
RT_EXPORT __thread int exe_bss;
RT_EXPORT __thread long exe_a64[2] ALIGNED(64) = {42, 43};
RT_EXPORT __thread char exe_a4096[16] ALIGNED(4096) = "exe-page";
static __thread int exe_local = 44;
static __thread char exe_local_a4096[4096] ALIGNED(4096) = "exe-local-page";

static void exe_addrs(struct tls_addrs* a) {
  a->d_data = &d_data;
  a->d_bss = &d_bss;
  a->d_a64 = d_a64;
  a->d_a4096 = d_a4096;
  a->u_data = &u_data;
  a->exe_data = &exe_data;
  a->exe_bss = &exe_bss;
  a->exe_a64 = exe_a64;
  a->exe_a4096 = exe_a4096;
}

#define ALL_SAME(field)                                                      \
  (exe.field == pic.field && exe.field == use.field &&                       \
   (def.field == 0 || exe.field == def.field))
#define ALIGN_OK(p, n) (((uintptr_t)(p) & ((n) - 1)) == 0)

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  struct tls_addrs exe = {0}, pic = {0}, def = {0}, use = {0};
  exe_addrs(&exe);
  exe_pic_addrs(&pic);
  def_addrs(&def);
  use_addrs(&use);
  pic.u_data = exe.u_data;  // (def cannot name u_data nor exe_*: left 0)

  rt_printf("  initial values: d_data=%d d_bss=%d d_a64={%ld,%ld,%ld,%ld} d_a4096=\"%s\"\n",
            *use.d_data, *use.d_bss, use.d_a64[0], use.d_a64[1], use.d_a64[2], use.d_a64[3],
            use.d_a4096);
  rt_printf("  initial values: u_data=%d exe_data=%d exe_bss=%d exe_a64={%ld,%ld} exe_a4096=\"%s\"\n",
            *use.u_data, *use.exe_data, *use.exe_bss, use.exe_a64[0], use.exe_a64[1],
            use.exe_a4096);
  rt_printf("  initial values: def local=%d \"%s\", exe local=%d \"%s\"\n", def_local_value(),
            def_local_a4096(), exe_local, exe_local_a4096);
  rt_check("d_data: one address from exe (IE), exe -fPIC, def, use", ALL_SAME(d_data));
  rt_check("d_bss: one address from every object", ALL_SAME(d_bss));
  rt_check("d_a64: one address from every object", ALL_SAME(d_a64));
  rt_check("d_a4096: one address from every object", ALL_SAME(d_a4096));
  rt_check("u_data: one address from exe and use", exe.u_data == use.u_data);
  rt_check("exe_data: one address from exe (LE), exe -fPIC, use", ALL_SAME(exe_data));
  rt_check("exe_bss: one address from every object", ALL_SAME(exe_bss));
  rt_check("exe_a64: one address from every object", ALL_SAME(exe_a64));
  rt_check("exe_a4096: one address from every object", ALL_SAME(exe_a4096));
  rt_check("d_a64 64-byte aligned", ALIGN_OK(exe.d_a64, 64));
  rt_check("d_a4096 4096-byte aligned", ALIGN_OK(exe.d_a4096, 4096));
  rt_check("def's local 4096-byte aligned", ALIGN_OK(def_local_a4096(), 4096));
  rt_check("exe_a64 64-byte aligned", ALIGN_OK(exe.exe_a64, 64));
  rt_check("exe_a4096 4096-byte aligned", ALIGN_OK(exe.exe_a4096, 4096));
  rt_check("exe's local 4096-byte aligned", ALIGN_OK(exe_local_a4096, 4096));
  rt_check("def's local is its own", def_local_addr() != exe.d_data && def_local_addr() != exe.d_bss);
  int z = 0;
  for (int i = 16; i < 4096; i++) z |= exe_local_a4096[i];
  rt_check("exe's local page tail is zero", z == 0);

  d_data = 111;  // initial-exec from the executable
  rt_printf("  after exe writes d_data=111: def reads %d, use reads %d\n", def_read_data(),
            use_read_data());
  use_write_exe_data(141);
  rt_printf("  after use writes exe_data=141: exe reads %d (LE), use reads %d\n", exe_data,
            use_read_exe_data());
  d_a4096[0] = 'D';
  exe_a4096[0] = 'E';
  rt_printf("  after writes: d_a4096=\"%s\" exe_a4096=\"%s\" (read through use)\n", use.d_a4096,
            use.exe_a4096);
  return rt_failures;
}
