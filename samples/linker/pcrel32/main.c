// pcrel32: 32-bit PC-relative dynamic relocations in a library's data
// against another library's symbols: R_X86_64_PC32 (made by the linker) or
// R_AARCH64_PREL32 (patched in; glibc's ld.so rejects it, so on aarch64 the
// test asserts the expected output instead of comparing).
#include "rt.h"
int pcrel32_check(void);
int main(void) {
  rt_printf("pcrel32:\n");
  return pcrel32_check();
}
