// IFUNCs in a library: an exported one (ifunc_lib_pick: the executable's
// JUMP_SLOT/GLOB_DAT/64 relocations against an STT_GNU_IFUNC symbol must
// call the resolver) and a local one (R_*_IRELATIVE in the library).
#include "rt.h"
#include "resolver.h"

static int lib_wrong(int x) { return -x; }
static int lib_right(int x) { return x + 1000; }
static int local_wrong(void) { return -1; }
static int local_right(void) { return 77; }
__attribute__((visibility("hidden"))) const char* lib_selector = "right";
__attribute__((visibility("hidden"))) struct ifunc_record lib_rec, local_rec;

static void* resolve_lib(IFUNC_ARGS) {
  IFUNC_RECORD(lib_rec);
  return lib_selector[0] == 'r' ? (void*)lib_right : (void*)lib_wrong;
}
static void* resolve_local(IFUNC_ARGS) {
  IFUNC_RECORD(local_rec);
  return lib_selector[0] == 'r' ? (void*)local_right : (void*)local_wrong;
}
RT_EXPORT int ifunc_lib_pick(int) __attribute__((ifunc("resolve_lib")));
static int local_pick(void) __attribute__((ifunc("resolve_local")));
// Pointers to both, in the library's data.
RT_EXPORT int (*lib_pick_ptr)(int) = ifunc_lib_pick;
__attribute__((visibility("hidden"))) int (*local_pick_ptr)(void) = local_pick;

RT_EXPORT void* ifunc_lib_addr(void) { return (void*)ifunc_lib_pick; }
RT_EXPORT int ifunc_lib_local(void) { return local_pick() + local_pick_ptr(); }
RT_EXPORT void ifunc_lib_report(unsigned long at_hwcap) {
  ifunc_report("lib exported", &lib_rec, at_hwcap);
  ifunc_report("lib local", &local_rec, at_hwcap);
}
