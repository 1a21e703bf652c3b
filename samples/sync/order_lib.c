// liborder.so (and liborder_rcrash.so, built with -DORDER_CRASH_RESOLVER):
// a library whose code runs before the program's entry point -- an IFUNC
// resolver, called while ldso relocates the library, and an initialiser
// (DT_INIT_ARRAY), called after relocation -- for checking that the
// library's executable segment is synced before either runs (tests/sync,
// sync.order.*).
//
// The resolver and the initialiser each start their own 4 KiB page, so
// under --sync=lazy each takes its own lazy fault, in the order they first
// run. Nothing of the library runs before the resolver: local_pick's
// R_*_IRELATIVE (the address of a local IFUNC in data) is resolved while
// the library is relocated, before any initialiser.
//
// ORDER_CRASH=init in the environment makes the initialiser dereference
// NULL (first thing, on its own page); -DORDER_CRASH_RESOLVER makes the
// resolver do so.
//
// Output of the initialiser:
//   init: resolver ran before: yes
//   init: local_pick() = 42
//   init: resolver <address> initialiser <address>
#include "null_store.h"
#include "rt.h"

static int resolver_calls;

static int order_impl(void) { return 42; }

typedef int (*pick_fn)(void);

__attribute__((section(".text.sync_order_resolver"), aligned(4096), used)) static pick_fn order_resolver(void) {
#ifdef ORDER_CRASH_RESOLVER
  NULL_STORE(1);  // inline: the pc must be in order_resolver
#endif
  resolver_calls++;
  return order_impl;
}

// Local: its address in data is an R_*_IRELATIVE of the library.
static int local_pick(void) __attribute__((ifunc("order_resolver")));
__attribute__((visibility("hidden"))) int (*const local_pick_ptr)(void) = local_pick;
// Exported: the executable calls it.
RT_EXPORT int order_fn(void) __attribute__((ifunc("order_resolver")));

__attribute__((section(".text.sync_order_init"), aligned(4096), used)) static void order_init(int argc, char** argv,
                                                                                                 char** envp) {
  (void)argc, (void)argv;
  const char* c = rt_getenv_from(envp, "ORDER_CRASH");
  if (c && rt_strcmp(c, "init") == 0) {
    NULL_STORE(1);  // inline: the pc must be in order_init
  }
  rt_printf("init: resolver ran before: %s\n", resolver_calls > 0 ? "yes" : "no");
  rt_printf("init: local_pick() = %d\n", local_pick_ptr());
  rt_printf("init: resolver %p initialiser %p\n", (void*)order_resolver, (void*)order_init);
}
__attribute__((section(".init_array"), used)) static void (*const order_init_entry)(int, char**, char**) = order_init;
