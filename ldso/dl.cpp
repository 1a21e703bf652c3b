// The dl family that ldso exports to the programs it links: dlopen, dlsym,
// dlvsym, dlclose, dlerror, dladdr, dladdr1, dlinfo, dl_iterate_phdr, and the
// thread hook. Each call takes the dl lock, then runs ldso's code in ldso's
// own context (its thread pointer, so its libc works) and the program's code
// (initialisers, finalisers, callbacks, IFUNC resolvers) in the program's.
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/syscall.h>

#include <cstdio>
#include <cstring>

#include "arch/arch.h"
#include "ldso/context.h"
#include "ldso/linker.h"
#include "ldso/rtld.h"

namespace ldso {
namespace {

Linker* g_dl;
char g_error[1024];
bool g_error_set;
int g_lock_owner;  // tid, 0: free
int g_lock_depth;

int gettid_raw() { return static_cast<int>(arch::raw_syscall(SYS_gettid)); }

// Recursive: an initialiser may call dlopen.
struct DlLock {
  DlLock() {
    const int me = gettid_raw();
    if (__atomic_load_n(&g_lock_owner, __ATOMIC_ACQUIRE) == me) {
      ++g_lock_depth;
      return;
    }
    int free = 0;
    while (!__atomic_compare_exchange_n(&g_lock_owner, &free, me, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
      free = 0;
      arch::raw_syscall(SYS_sched_yield);
    }
    g_lock_depth = 1;
  }
  ~DlLock() {
    if (--g_lock_depth == 0) __atomic_store_n(&g_lock_owner, 0, __ATOMIC_RELEASE);
  }
};

// Back in the program's context for the duration (program code runs here).
struct ProgramContext {
  explicit ProgramContext(uintptr_t tp) : tp_(tp) {
    if (g_ldso_tp && tp_ != g_ldso_tp) arch::ldso_arch_set_tp(tp_);
  }
  ~ProgramContext() {
    if (g_ldso_tp && tp_ != g_ldso_tp) arch::ldso_arch_set_tp(g_ldso_tp);
  }
  uintptr_t tp_;
};

void set_error(const char* msg) {
  snprintf(g_error, sizeof g_error, "%s", msg);
  g_error_set = true;
}

Object* caller_of(const void* ret) { return g_dl->containing(reinterpret_cast<uintptr_t>(ret)); }

// The address of a definition for the calling thread.
void* address_of(const Definition& d, uintptr_t program_tp) {
  if (!d.sym) return nullptr;
  if (ELF64_ST_TYPE(d.sym->st_info) == STT_TLS) {
    ProgramContext pc(program_tp);
    return tls_address(d.obj->tls_modid, d.sym->st_value);
  }
  uintptr_t a = d.address();
  if (ELF64_ST_TYPE(d.sym->st_info) == STT_GNU_IFUNC && d.sym->st_shndx != SHN_UNDEF) {
    ProgramContext pc(program_tp);
    a = g_dl->call_ifunc(a);
  }
  return reinterpret_cast<void*>(a);
}

void* do_sym(void* handle, const char* name, const char* version, const void* ret) {
  DlLock lock;
  LdsoContext ctx;
  const uintptr_t program_tp = ctx.saved();
  elf::Version v;
  if (version) {
    v.name = version;
    v.hash = elf::sysv_hash(version);
  }
  const elf::Version* ver = version ? &v : nullptr;
  const elf::LookupKey key(name);
  Definition d;
  if (handle == RTLD_DEFAULT) {
    Object* caller = caller_of(ret);
    d = g_dl->lookup(key, ver, caller, Linker::kReturnNewest);
    // As glibc: the caller now uses the definer (a start-up caller makes it
    // NODELETE).
    if (d.obj && !d.obj->is_rtld) g_dl->note_binding(caller ? *caller : g_dl->main(), d.obj);
  } else if (handle == RTLD_NEXT) {
    d = g_dl->lookup_next(caller_of(ret), key, ver);
  } else {
    Object* o = static_cast<Object*>(handle);
    if (o->is_main) d = g_dl->lookup(key, ver, nullptr, Linker::kReturnNewest);
    else d = g_dl->lookup_in(o->local_scope.empty() ? std::vector<Object*>{o} : o->local_scope, key, ver,
                             Linker::kReturnNewest);
  }
  if (!d.sym) {
    char msg[512];
    // As glibc: the object searched, the executable for the global scope.
    snprintf(msg, sizeof msg, "%s: undefined symbol: %s%s%s",
             handle == RTLD_DEFAULT || handle == RTLD_NEXT ? g_dl->main().path.c_str()
                                                           : static_cast<Object*>(handle)->path.c_str(),
             name, version ? "@" : "", version ? version : "");
    set_error(msg);
    return nullptr;
  }
  return address_of(d, program_tp);
}

}  // namespace

void dl_init(Linker* linker) { g_dl = linker; }

}  // namespace ldso

using namespace ldso;

extern "C" {

void* ldso_dlopen(const char* file, int flags) {
  const void* ret = __builtin_return_address(0);
  DlLock lock;
  Object* root = nullptr;
  std::vector<Object*> fresh;
  {
    LdsoContext ctx;
    if (!file) return &g_dl->main();
    if (!(flags & (RTLD_LAZY | RTLD_NOW))) {
      set_error("dlopen: invalid mode: neither RTLD_LAZY nor RTLD_NOW");
      return nullptr;
    }
    try {
      root = g_dl->open(file, flags, caller_of(ret));
    } catch (const Error& e) {
      set_error(e.what());
      return nullptr;
    } catch (const NeedsGlibc& g) {
      char msg[512];
      snprintf(msg, sizeof msg, "%s: needs %s, which self-linked mode cannot load (host mode can)", file,
               g.library.c_str());
      set_error(msg);
      return nullptr;
    }
    if (root) fresh = g_dl->new_objects();
  }
  // Initialisers run in the program's context, dependencies first.
  int argc = 0;
  char** argv = nullptr;
  char** envp = nullptr;
  rtld_args(&argc, &argv, &envp);
  for (Object* o : fresh) g_dl->run_init_of(o, argc, argv, envp);
  // ldso's heap belongs to ldso's libc: free it in ldso's context.
  LdsoContext ctx;
  std::vector<Object*>().swap(fresh);
  return root;
}

int ldso_dlclose(void* handle) {
  DlLock lock;
  std::vector<Object*> dying;
  {
    LdsoContext ctx;
    if (!handle) {
      set_error("dlclose: invalid handle");
      return -1;
    }
    g_dl->close(static_cast<Object*>(handle));
    dying = g_dl->dying();
  }
  for (Object* o : dying) g_dl->run_fini_of(o);
  LdsoContext ctx;
  std::vector<Object*>().swap(dying);
  g_dl->finish_close();
  return 0;
}

void* ldso_dlsym(void* handle, const char* name) {
  return do_sym(handle, name, nullptr, __builtin_return_address(0));
}

void* ldso_dlvsym(void* handle, const char* name, const char* version) {
  return do_sym(handle, name, version, __builtin_return_address(0));
}

char* ldso_dlerror() {
  DlLock lock;
  if (!g_error_set) return nullptr;
  g_error_set = false;
  return g_error;
}

int ldso_dladdr1(const void* addr, void* out, void** extra, int flags) {
  auto* info = static_cast<Dl_info*>(out);
  DlLock lock;
  const Object* o = g_dl->containing(reinterpret_cast<uintptr_t>(addr));
  if (!o) return 0;
  info->dli_fname = o->path.c_str();
  info->dli_fbase = reinterpret_cast<void*>(o->image.start);
  info->dli_sname = nullptr;
  info->dli_saddr = nullptr;
  // glibc's rule: a defined, global, non-absolute, non-TLS symbol whose range holds
  // the address (or, without a size, that starts at it); the highest wins.
  const Elf64_Sym* best = nullptr;
  const uintptr_t a = reinterpret_cast<uintptr_t>(addr);
  for (uint32_t i = 1; i < o->symbols.count() && o->dyn.symtab; ++i) {
    const Elf64_Sym* s = o->symbols.sym(i);
    if (ELF64_ST_TYPE(s->st_info) == STT_TLS || s->st_shndx == SHN_ABS) continue;
    if (ELF64_ST_BIND(s->st_info) == STB_LOCAL) continue;  // section symbols and the like
    if (s->st_shndx == SHN_UNDEF && s->st_value == 0) continue;
    const uintptr_t v = o->addr(s->st_value);
    if (a < v) continue;
    const bool inside = ((s->st_shndx == SHN_UNDEF || s->st_size == 0) && a == v) || a < v + s->st_size;
    if (inside && (!best || best->st_value < s->st_value)) best = s;
  }
  if (best) {
    info->dli_sname = o->symbols.name(best);
    info->dli_saddr = reinterpret_cast<void*>(o->addr(best->st_value));
  }
  if (extra) {
    if (flags == RTLD_DL_SYMENT) *extra = const_cast<Elf64_Sym*>(best);
    if (flags == RTLD_DL_LINKMAP) *extra = const_cast<struct link_map*>(&o->lm);
  }
  return 1;
}

int ldso_dladdr(const void* addr, void* info) { return ldso_dladdr1(addr, info, nullptr, 0); }

int ldso_dlinfo(void* handle, int request, void* arg) {
  DlLock lock;
  Object* o = static_cast<Object*>(handle);
  switch (request) {
    case RTLD_DI_LINKMAP: *static_cast<struct link_map**>(arg) = &o->lm; return 0;
    case RTLD_DI_ORIGIN: {
      const size_t slash = o->path.rfind('/');
      if (slash == std::string::npos) {
        memcpy(arg, ".", 2);
      } else {
        memcpy(arg, o->path.data(), slash);
        static_cast<char*>(arg)[slash] = 0;
      }
      return 0;
    }
    case RTLD_DI_TLS_MODID: *static_cast<size_t*>(arg) = o->tls_modid; return 0;
    case RTLD_DI_TLS_DATA: {
      if (!o->tls_modid) {
        *static_cast<void**>(arg) = nullptr;
        return 0;
      }
      *static_cast<void**>(arg) = tls_address(o->tls_modid, 0);
      return 0;
    }
  }
  LdsoContext ctx;
  set_error("dlinfo: unsupported request");
  return -1;
}

int ldso_dl_iterate_phdr(int (*cb)(struct dl_phdr_info*, size_t, void*), void* data) {
  DlLock lock;
  int r = 0;
  for (size_t i = 0; i < g_dl->objects().size() && r == 0; ++i) {
    const Object* o = g_dl->objects()[i].get();
    if (o->is_rtld) continue;
    struct dl_phdr_info info {};
    info.dlpi_addr = o->image.bias;
    info.dlpi_name = o->is_main ? "" : o->path.c_str();
    info.dlpi_phdr = reinterpret_cast<const ElfW(Phdr)*>(o->phdr_addr);
    info.dlpi_phnum = static_cast<ElfW(Half)>(o->phdrs.size());
    info.dlpi_adds = g_dl->adds();
    info.dlpi_subs = g_dl->subs();
    info.dlpi_tls_modid = o->tls_modid;
    info.dlpi_tls_data = nullptr;
    if (o->tls_modid) {
      info.dlpi_tls_data = tls_address(o->tls_modid, 0);
    }
    r = cb(&info, sizeof info, data);
  }
  return r;
}

void* __ldso_thread_create_tls_impl() {
  DlLock lock;
  return reinterpret_cast<void*>(g_dl->create_thread_tls());
}

void __ldso_thread_free_tls_impl(void* tp) {
  DlLock lock;
  g_dl->free_thread_tls(reinterpret_cast<uintptr_t>(tp));
}

}  // extern "C"
