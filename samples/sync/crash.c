// sync_crash: dies by a NULL dereference in crash_here (tests/sync,
// sync.crash.*). ldso's crash report must name SIGSEGV, the pc's object,
// offset and symbol (crash_here+0x...), and the ledger entry that synced the
// pc's page; then the process dies by SIGSEGV.
//
// crash_here is exported (--export-dynamic-symbol) so that it is in .dynsym
// as well as .symtab: the report may use either.
//
// Output: "about to crash" (stdout), then nothing.
#include "null_store.h"
#include "rt.h"

RT_EXPORT __attribute__((noinline)) int crash_here(int v) {
  NULL_STORE(v);
  return v;
}

int main(void) {
  rt_printf("about to crash\n");
  crash_here(1);
  rt_printf("not reached\n");
  return 1;
}
