// The dlopen family and ldso's thread hook, declared by hand for the
// freestanding samples (no libc headers). The programs link against the rtld
// stub (rtld_stub.c), whose soname is the system interpreter's: at run time
// ldso satisfies that soname itself, with its own implementations. The
// constants and structures are glibc's (identical on x86_64 and aarch64).
#ifndef LDSO_SAMPLES_DL_H
#define LDSO_SAMPLES_DL_H
#include "rt.h"
typedef __UINT16_TYPE__ uint16_t;

#define RTLD_LAZY 0x00001
#define RTLD_NOW 0x00002
#define RTLD_NOLOAD 0x00004
#define RTLD_GLOBAL 0x00100
#define RTLD_LOCAL 0
#define RTLD_NODELETE 0x01000
#define RTLD_NEXT ((void*)-1l)
#define RTLD_DEFAULT ((void*)0)

#define RTLD_DI_LINKMAP 2
#define RTLD_DL_SYMENT 1
#define RTLD_DL_LINKMAP 2

typedef struct {
  const char* dli_fname;
  void* dli_fbase;
  const char* dli_sname;
  void* dli_saddr;
} Dl_info;

struct link_map {
  unsigned long l_addr;
  char* l_name;
  void* l_ld;
  struct link_map *l_next, *l_prev;
};

typedef struct {
  uint32_t p_type, p_flags;
  uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;

typedef struct {
  uint32_t st_name;
  unsigned char st_info, st_other;
  uint16_t st_shndx;
  uint64_t st_value, st_size;
} Elf64_Sym;

typedef struct {
  unsigned char e_ident[16];
  uint16_t e_type, e_machine;
  uint32_t e_version;
  uint64_t e_entry, e_phoff, e_shoff;
  uint32_t e_flags;
  uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

struct dl_phdr_info {
  uint64_t dlpi_addr;
  const char* dlpi_name;
  const Elf64_Phdr* dlpi_phdr;
  uint16_t dlpi_phnum;
  unsigned long long dlpi_adds, dlpi_subs;
  size_t dlpi_tls_modid;
  void* dlpi_tls_data;
};

enum { PT_LOAD = 1, PT_DYNAMIC = 2, PT_TLS = 7, PF_X = 1 };

void* dlopen(const char* file, int mode);
void* dlsym(void* handle, const char* name);
void* dlvsym(void* handle, const char* name, const char* version);
int dlclose(void* handle);
char* dlerror(void);
int dladdr(const void* addr, Dl_info* info);
int dladdr1(const void* addr, Dl_info* info, void** extra, int flags);
int dlinfo(void* handle, int request, void* arg);
int dl_iterate_phdr(int (*callback)(struct dl_phdr_info*, size_t, void*), void* data);

// ldso's thread hook: allocates and initialises a new thread's static TLS
// and TCB, and returns the value for its thread pointer (CLONE_SETTLS: %fs
// base on x86_64, TPIDR_EL0 on aarch64); frees them after the thread ended.
void* __ldso_thread_create_tls(void);
void __ldso_thread_free_tls(void* tp);

#endif
