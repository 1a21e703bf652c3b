// sync_pages: lazy page counting (tests/sync, sync.lazy_pages.*).
//
//   sync_pages [NAME]...
//
// Four functions of the executable (e0..e3, returning 100..103) and three of
// libsync_pages.so (l0..l2, returning 200..202) each own a whole 4 KiB page
// of code (pages.h). main calls the ones named on the command line, in
// order (a name may repeat), through a table of pointers -- no PLT, so a
// call fetches instructions from the function's page and nowhere new.
//
// Everything else runs the same code whatever the arguments: the name
// lookup runs for every argument plus a final "-" that matches nothing (so
// the empty set runs it too), and the output is the same lines with the
// same formats. So under `ldso --sync=lazy` the run with names S takes
// exactly |distinct S| more lazy faults than the run with none.
//
// Output (the test reads it):
//   pagesize <AT_PAGESZ>
//   fn <name> <address>      for every function, called or not
//   calls=<n> sum=<sum of the values returned>
// Exit status 0, or 2 for an unknown name.
#include "pages.h"
#include "rt.h"

SYNC_PAGE_FN(exe_page0, 100, SYNC_PAGE_HIDDEN);
SYNC_PAGE_FN(exe_page1, 101, SYNC_PAGE_HIDDEN);
SYNC_PAGE_FN(exe_page2, 102, SYNC_PAGE_HIDDEN);
SYNC_PAGE_FN(exe_page3, 103, SYNC_PAGE_HIDDEN);

// libsync_pages.so
int lib_page0(void);
int lib_page1(void);
int lib_page2(void);

struct entry {
  const char* name;
  int (*fn)(void);
};

static const struct entry table[] = {
    {"e0", exe_page0}, {"e1", exe_page1}, {"e2", exe_page2}, {"e3", exe_page3},
    {"l0", lib_page0}, {"l1", lib_page1}, {"l2", lib_page2},
};
enum { NFUNCS = sizeof table / sizeof table[0] };

static const struct entry* lookup(const char* name) {
  for (int i = 0; i < NFUNCS; i++)
    if (rt_strcmp(table[i].name, name) == 0) return &table[i];
  return 0;
}

int main(int argc, char** argv) {
  rt_printf("pagesize %lu\n", rt_getauxval(6 /* AT_PAGESZ */));
  for (int i = 0; i < NFUNCS; i++) rt_printf("fn %s %p\n", table[i].name, (void*)table[i].fn);
  int calls = 0, sum = 0, unknown = 0;
  for (int i = 1; i <= argc; i++) {
    const char* name = i < argc ? argv[i] : "-";
    const struct entry* e = lookup(name);
    if (e) {
      sum += e->fn();
      calls++;
    } else if (i < argc) {
      unknown = i;
    }
  }
  rt_printf("calls=%d sum=%d\n", calls, sum);
  if (unknown) {
    rt_eprintf("sync_pages: no function named '%s'\n", argv[unknown]);
    return 2;
  }
  return 0;
}
