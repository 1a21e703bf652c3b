// libsync_pages.so: the library half of the lazy page-counting sample (see
// pages_main.c). Three exported functions, each alone on its own page; the
// library has no initialiser and nothing else of it runs unless the
// executable calls one of them.
#include "pages.h"

SYNC_PAGE_FN(lib_page0, 200, SYNC_PAGE_EXPORT);
SYNC_PAGE_FN(lib_page1, 201, SYNC_PAGE_EXPORT);
SYNC_PAGE_FN(lib_page2, 202, SYNC_PAGE_EXPORT);
