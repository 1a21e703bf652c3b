// size (x86_64 only: aarch64 has no size relocations): R_X86_64_SIZE32 and
// R_X86_64_SIZE64 against objects and a function of other libraries, with
// addends, and against a symbol defined in two libraries (the size is the
// one of the definition the lookup finds first).
#include "rt.h"
extern uint32_t size32_field, size32_field_add;
extern uint64_t size64_field, size64_field_add, size64_fn, size64_dup;
int size_fn(int);
int main(void) {
  rt_printf("size:\n");
  rt_printf("  size32 %u %u\n", size32_field, size32_field_add);
  rt_printf("  size64 %lu %lu\n", (unsigned long)size64_field, (unsigned long)size64_field_add);
  rt_printf("  size_fn has a size: %s, size_dup %lu\n", size64_fn > 0 ? "yes" : "no",
            (unsigned long)size64_dup);
  return size_fn(-1);
}
