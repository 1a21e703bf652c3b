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
// The program's argc, argv, envp (for initialisers of objects opened later).
void rtld_args(int* argc, char*** argv, char*** envp);
void dl_init(Linker* linker);
// Rebuilds the link_map list after dlopen/dlclose.
void rtld_relink(Linker* linker);
// The address of `offset` in TLS module `module` for the calling thread
// (self-linked or host mode).
void* tls_address(size_t module, uint64_t offset);
// Host mode: frees the calling thread's DTV (the one `dtv` grew into), the
// DTVs it replaced and the dynamic blocks it holds.
void tls_free_dtv(uintptr_t* dtv);
// A word of the DTV the host may use for itself (its destructor rounds).
inline uintptr_t& tls_dtv_host_word(uintptr_t* dtv) { return dtv[-4]; }

}  // namespace ldso

extern "C" {
struct tls_index_s {
  unsigned long module, offset;
};
void* ldso_tls_get_addr(tls_index_s* ti);
// Where each thread's DTV pointer lies, from the thread pointer: in the TCB
// (self-linked), or in a slot of host mode's TLS reserve.
extern int64_t ldso_dtv_offset;
// Bumped whenever a TLS module id is freed (dlclose): a DTV of an older
// generation may hold blocks of a module that is gone (ldso/tls.cpp).
extern uint64_t ldso_tls_generation;
// Host mode: called when a thread's DTV is made (the host frees it, and the
// dynamic blocks in it, with tls_free_dtv when the thread ends).
extern void (*ldso_dtv_made)(uintptr_t* dtv);
struct dl_phdr_info;
void* ldso_dlopen(const char* file, int flags);
int ldso_dlclose(void* handle);
void* ldso_dlsym(void* handle, const char* name);
void* ldso_dlvsym(void* handle, const char* name, const char* version);
char* ldso_dlerror();
int ldso_dladdr(const void* addr, void* info);
int ldso_dladdr1(const void* addr, void* info, void** extra, int flags);
int ldso_dlinfo(void* handle, int request, void* arg);
int ldso_dl_iterate_phdr(int (*cb)(struct dl_phdr_info*, size_t, void*), void* data);
void* __ldso_thread_create_tls_impl();
void __ldso_thread_free_tls_impl(void* tp);
void ldso_fini();
int ldso_dl_find_object(void* pc, void* result);  // result: struct dl_find_object
}
