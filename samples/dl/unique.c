// dl_unique: STB_GNU_UNIQUE. libdl_uniq_a.so and libdl_uniq_b.so both
// define uniq_obj (unique) and uniq_plain (ordinary global); both are
// opened RTLD_LOCAL, a first. An RTLD_LOCAL library's lookups see the
// global scope and then its own closure, so libdl_uniq_b's uniq_plain
// binds to its own definition -- but a unique symbol is one per process:
// libdl_uniq_b's reference to uniq_obj binds to libdl_uniq_a's (the first
// definition loaded), and dlsym(b, "uniq_obj") gives that one too.
#include "common.h"

int main(int argc, char** argv) {
  (void)argc;
  rt_printf("%s:\n", rt_basename(argv[0]));
  void* ha = dl_must_open("libdl_uniq_a.so", RTLD_NOW | RTLD_LOCAL);
  void* hb = dl_must_open("libdl_uniq_b.so", RTLD_NOW | RTLD_LOCAL);
  int* (*a_addr)(void) = (int* (*)(void))dl_must_sym(ha, "a_uniq_addr");
  int* (*b_addr)(void) = (int* (*)(void))dl_must_sym(hb, "b_uniq_addr");
  int (*b_value)(void) = (int (*)(void))dl_must_sym(hb, "b_uniq_value");
  int* (*a_plain)(void) = (int* (*)(void))dl_must_sym(ha, "a_plain_addr");
  int* (*b_plain)(void) = (int* (*)(void))dl_must_sym(hb, "b_plain_addr");
  int* sa = dl_must_sym(ha, "uniq_obj");
  int* sb = dl_must_sym(hb, "uniq_obj");
  rt_printf("  uniq_plain (ordinary): b binds to its own: %s (a %d, b %d)\n",
            a_plain() != b_plain() ? "yes" : "no", *a_plain(), *b_plain());
  rt_check("uniq_obj: b's reference binds to a's definition", b_addr() == a_addr());
  rt_printf("  uniq_obj value seen by b: %d\n", b_value());
  rt_check("dlsym(a, uniq_obj) is a's", sa == a_addr());
  rt_check("dlsym(b, uniq_obj) is a's too", sb == a_addr());
  *a_addr() = 33;
  rt_printf("  after a writes 33, b sees %d\n", b_value());
  return rt_failures;
}
