// Link-time stand-in for the system interpreter (its soname is
// ld-linux-x86-64.so.2 / ld-linux-aarch64.so.1; see samples/tls/helpers.cmake):
// gives the freestanding samples something to link their dlopen-family and
// thread-hook references against. Never run: ldso satisfies the soname
// itself at run time. The references it gives are unversioned, except
// __tls_get_addr, which has the interpreter's version (so that libraries
// linked against the real interpreter still link into these programs).
typedef __SIZE_TYPE__ size_t;
#define STUB(ret, name, ...) \
  __attribute__((visibility("default"))) ret name(__VA_ARGS__) { return (ret)0; }
STUB(void*, dlopen, const char* f, int m)
STUB(void*, dlsym, void* h, const char* n)
STUB(void*, dlvsym, void* h, const char* n, const char* v)
STUB(int, dlclose, void* h)
STUB(char*, dlerror, void)
STUB(int, dladdr, const void* a, void* i)
STUB(int, dladdr1, const void* a, void* i, void** e, int f)
STUB(int, dlinfo, void* h, int r, void* a)
STUB(int, dl_iterate_phdr, void* cb, void* d)
STUB(void*, __ldso_thread_create_tls, void)
__attribute__((visibility("default"))) void __ldso_thread_free_tls(void* tp) { (void)tp; }
STUB(void*, __tls_get_addr, void* ti)
