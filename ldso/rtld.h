// What ldso exports to the programs it links, standing in for the system
// interpreter (ld-linux-x86-64.so.2 / ld-linux-aarch64.so.1). The functions
// have ldso_ names so they never interpose on ldso's own libc.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace ldso {

class Linker;

struct RtldSymbol {
  const char* name;
  const char* version;  // the default version glibc's ld.so gives it
  uintptr_t address;
  size_t size;
  unsigned char type;  // STT_FUNC or STT_OBJECT
};

const char* rtld_soname();
std::span<const RtldSymbol> rtld_symbols();
// Every version name glibc's ld.so defines on this ISA (for VERNEED checks).
bool rtld_has_version(const char* name);

// Process state the exports need; set once before the program runs.
void rtld_publish(Linker* linker, uintptr_t stack_end, const uint8_t random[16]);

}  // namespace ldso

extern "C" {
struct tls_index_s {
  unsigned long module, offset;
};
void* ldso_tls_get_addr(tls_index_s* ti);
void ldso_fini();
}
