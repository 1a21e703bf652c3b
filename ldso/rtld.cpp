#include "ldso/rtld.h"

#include <elf.h>
#include <dlfcn.h>
#include <link.h>

#include <cstring>

#include "arch/arch.h"
#include "ldso/context.h"
#include "ldso/linker.h"
#include "ldso/stats.h"

namespace {

ldso::Linker* g_linker;

// glibc's struct dl_find_object (dlfcn.h, 2.35).
struct DlFindObject {
  unsigned long long dlfo_flags;
  void* dlfo_map_start;
  void* dlfo_map_end;
  struct link_map* dlfo_link_map;
  void* dlfo_eh_frame;
  unsigned long long reserved[7];
};

}  // namespace

extern "C" {
void* ldso_libc_stack_end;
struct r_debug ldso_r_debug;
uintptr_t ldso_stack_chk_guard;

// The DTV is ours (layout in ldso/tls.cpp): dtv[0] the ids it covers,
// dtv[1] its generation, dtv[2m] module m's block. Reached from the thread
// pointer (ldso_dtv_offset), so it works under the program's thread pointer.
uintptr_t ldso_tls_block(uintptr_t* dtv, size_t id);
void* ldso_tls_get_addr(tls_index_s* ti) {
  const uintptr_t tp = ldso::arch::thread_pointer_raw();
  uintptr_t* dtv = *reinterpret_cast<uintptr_t**>(tp + ldso_dtv_offset);
  uintptr_t block = 0;
  if (__builtin_expect(dtv && dtv[1] == __atomic_load_n(&ldso_tls_generation, __ATOMIC_RELAXED) &&
                           ti->module < dtv[0], 1))
    block = dtv[2 * ti->module];
  if (__builtin_expect(block == 0, 0)) block = ldso_tls_block(dtv, ti->module);
  return reinterpret_cast<void*>(block + ti->offset);
}

int ldso_dl_find_object(void* pc, void* result) {
  auto* out = static_cast<DlFindObject*>(result);
  if (!g_linker) return -1;
  const uintptr_t a = reinterpret_cast<uintptr_t>(pc);
  for (const auto& o : g_linker->objects()) {
    if (!o->ours() || a < o->image.start || a >= o->image.end) continue;
    out->dlfo_flags = 0;
    out->dlfo_map_start = reinterpret_cast<void*>(o->image.start);
    out->dlfo_map_end = reinterpret_cast<void*>(o->image.end);
    out->dlfo_link_map = &o->lm;
    out->dlfo_eh_frame = o->eh_frame ? reinterpret_cast<void*>(o->addr(o->eh_frame->vaddr)) : nullptr;
    return 0;
  }
  return -1;
}

void ldso_fini() {
  if (g_linker) {
    std::vector<ldso::Object*> order;
    {
      ldso::LdsoContext ctx;  // the sort allocates: ldso's libc, ldso's thread pointer
      order = g_linker->fini_order();
    }
    for (ldso::Object* o : order) g_linker->run_fini_of(o);
    ldso::LdsoContext ctx;
    std::vector<ldso::Object*>().swap(order);
  }
  if (ldso::stats_requested()) {
    ldso::LdsoContext ctx;
    ldso::stats_write();
  }
}

// Debuggers set a breakpoint here to follow r_map changes.
__attribute__((noinline)) void ldso_debug_state() { asm volatile(""); }
}

namespace ldso {

#if defined(__x86_64__)
#define BASE_VERSION "GLIBC_2.2.5"
#define TLS_VERSION "GLIBC_2.3"
const char* rtld_soname() { return "ld-linux-x86-64.so.2"; }
static const char* const kVersions[] = {"GLIBC_2.2.5", "GLIBC_2.3", "GLIBC_2.4", "GLIBC_2.34", "GLIBC_2.35",
                                        "GLIBC_PRIVATE"};
#elif defined(__aarch64__)
#define BASE_VERSION "GLIBC_2.17"
#define TLS_VERSION "GLIBC_2.17"
const char* rtld_soname() { return "ld-linux-aarch64.so.1"; }
static const char* const kVersions[] = {"GLIBC_2.17", "GLIBC_2.34", "GLIBC_2.35", "GLIBC_PRIVATE"};
#endif

std::span<const RtldSymbol> rtld_symbols() {
  static const RtldSymbol syms[] = {
      {"__tls_get_addr", TLS_VERSION, reinterpret_cast<uintptr_t>(&ldso_tls_get_addr), 0, STT_FUNC},
      {"_dl_find_object", "GLIBC_2.35", reinterpret_cast<uintptr_t>(&ldso_dl_find_object), 0, STT_FUNC},
      {"__libc_stack_end", BASE_VERSION, reinterpret_cast<uintptr_t>(&ldso_libc_stack_end), sizeof(void*), STT_OBJECT},
      {"_r_debug", BASE_VERSION, reinterpret_cast<uintptr_t>(&ldso_r_debug), sizeof(ldso_r_debug), STT_OBJECT},
#if defined(__aarch64__)
      {"__stack_chk_guard", BASE_VERSION, reinterpret_cast<uintptr_t>(&ldso_stack_chk_guard), sizeof(uintptr_t),
       STT_OBJECT},
#endif
      // The dl family (in libc.so.6 since glibc 2.34, with its versions).
      {"dlopen", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dlopen), 0, STT_FUNC},
      {"dlclose", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dlclose), 0, STT_FUNC},
      {"dlsym", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dlsym), 0, STT_FUNC},
      {"dlvsym", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dlvsym), 0, STT_FUNC},
      {"dlerror", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dlerror), 0, STT_FUNC},
      {"dladdr", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dladdr), 0, STT_FUNC},
      {"dladdr1", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dladdr1), 0, STT_FUNC},
      {"dlinfo", "GLIBC_2.34", reinterpret_cast<uintptr_t>(&ldso_dlinfo), 0, STT_FUNC},
      {"dl_iterate_phdr", BASE_VERSION, reinterpret_cast<uintptr_t>(&ldso_dl_iterate_phdr), 0, STT_FUNC},
      // The thread hook: a new thread's TLS block and TCB (see ldso(1)).
      {"__ldso_thread_create_tls", BASE_VERSION, reinterpret_cast<uintptr_t>(&__ldso_thread_create_tls_impl), 0,
       STT_FUNC},
      {"__ldso_thread_free_tls", BASE_VERSION, reinterpret_cast<uintptr_t>(&__ldso_thread_free_tls_impl), 0,
       STT_FUNC},
  };
  return syms;
}

bool rtld_has_version(const char* name) {
  for (const char* v : kVersions)
    if (strcmp(v, name) == 0) return true;
  return false;
}

static uintptr_t g_stack;

void rtld_args(int* argc, char*** argv, char*** envp) {
  *argc = static_cast<int>(*reinterpret_cast<uint64_t*>(g_stack));
  *argv = reinterpret_cast<char**>(g_stack + 8);
  *envp = *argv + *argc + 1;
}

void rtld_publish(Linker* linker, uintptr_t stack_end, const uint8_t random[16]) {
  g_linker = linker;
  g_stack = stack_end;
  dl_init(linker);
  ldso_libc_stack_end = reinterpret_cast<void*>(stack_end);
  // As glibc: the canary is AT_RANDOM's first word with a zero low byte.
  memcpy(&ldso_stack_chk_guard, random, sizeof ldso_stack_chk_guard);
  ldso_stack_chk_guard &= ~uintptr_t(0xff);
  rtld_relink(linker);
  ldso_r_debug.r_version = 1;
  ldso_r_debug.r_brk = reinterpret_cast<ElfW(Addr)>(&ldso_debug_state);
  ldso_r_debug.r_state = r_debug::RT_CONSISTENT;
  ldso_debug_state();
}

void rtld_relink(Linker* linker) {
  // The link map list for debuggers, in load order.
  struct link_map* prev = nullptr;
  for (const auto& o : linker->objects()) {
    o->lm.l_addr = o->image.bias;
    o->lm.l_name = const_cast<char*>(o->is_main ? "" : o->path.c_str());
    o->lm.l_ld = reinterpret_cast<ElfW(Dyn)*>(o->dynamic_addr);
    o->lm.l_prev = prev;
    o->lm.l_next = nullptr;
    if (prev) prev->l_next = &o->lm;
    prev = &o->lm;
  }
  ldso_r_debug.r_map = &linker->main().lm;
  ldso_debug_state();
}

}  // namespace ldso
