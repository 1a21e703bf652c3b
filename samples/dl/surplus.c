// dl_tls_surplus: dlopen of a library whose initial-exec TLS (64 KiB,
// DF_STATIC_TLS) cannot fit in the static TLS surplus must fail cleanly:
// NULL, an error naming the library and mentioning TLS, nothing left
// loaded or initialised, the program's own TLS intact; a library with a
// small initial-exec block still opens afterwards and reads its initial
// values. With argument "small-only": only the small library (tells a
// broken surplus from damage done by the failed dlopen).
#include "common.h"
__thread long own_tls[4] = {101, 102, 103, 104};

static long own_sum(void) {
  long s = 0;
  for (int i = 0; i < 4; i++) s += own_tls[i];
  return s;
}

int main(int argc, char** argv) {
  rt_printf("%s:\n", rt_basename(argv[0]));
  rt_printf("  own TLS sum: %ld\n", own_sum());
  if (argc > 1 && rt_strcmp(argv[1], "small-only") == 0) goto small;
  rt_printf("dlopen libdl_bigtls.so (64 KiB initial-exec TLS):\n");
  rt_check("NULL", dlopen("libdl_bigtls.so", RTLD_NOW) == 0);
  dl_error_check("libdl_bigtls.so", "TLS");
  rt_check("not left loaded", !dl_loaded("libdl_bigtls.so"));
  rt_printf("  own TLS sum after: %ld\n", own_sum());
  rt_printf("dlopen libdl_bigtls.so again, RTLD_LAZY:\n");
  rt_check("NULL", dlopen("libdl_bigtls.so", RTLD_LAZY) == 0);
  dl_error_check("libdl_bigtls.so", "TLS");
small:
  rt_printf("dlopen libdl_smalltls.so (64 bytes initial-exec TLS):\n");
  void* h = dl_must_open("libdl_smalltls.so", RTLD_NOW);
  long (*sum)(void) = (long (*)(void))dl_must_sym(h, "small_sum");
  rt_printf("  small_sum() = %ld\n", sum());
  rt_printf("  own TLS sum at the end: %ld\n", own_sum());
  return rt_failures;
}
