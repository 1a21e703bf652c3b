// auxv: prints what a program sees at startup (argc, argv, envp, auxiliary
// vector, initial stack layout) in a form that is identical across runs and
// across ASLR, so a run through ldso can be compared byte for byte with a
// direct run. Exit status: argv[1] if it is a number, else 0.
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern const char __ehdr_start[];  // defined by the linker: our ELF header
extern char** environ;

#if UINTPTR_MAX == 0xffffffffffffffffu
typedef Elf64_auxv_t auxv_t;
typedef Elf64_Ehdr ehdr_t;
#else
typedef Elf32_auxv_t auxv_t;
typedef Elf32_Ehdr ehdr_t;
#endif

static uintptr_t base(void) { return (uintptr_t)__ehdr_start; }

// getauxval, telling "absent" from a zero value.
static int aux(unsigned long type, unsigned long* value) {
  errno = 0;
  *value = getauxval(type);
  return !(*value == 0 && errno == ENOENT);
}

static void print_num(const char* name, unsigned long type) {
  unsigned long v;
  if (aux(type, &v))
    printf("%s=%#lx\n", name, v);
  else
    printf("%s absent\n", name);
}

static void print_rel(const char* name, unsigned long type) {
  unsigned long v;
  if (aux(type, &v))
    printf("%s=base%+ld\n", name, (long)(v - base()));
  else
    printf("%s absent\n", name);
}

static void print_str(const char* name, unsigned long type) {
  unsigned long v;
  if (!aux(type, &v))
    printf("%s absent\n", name);
  else if (v == 0)
    printf("%s=NULL\n", name);
  else
    printf("%s=\"%s\"\n", name, (const char*)v);
}

static int is_number(const char* s) {
  if (*s == '\0') return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

static int cmp_ulong(const void* a, const void* b) {
  unsigned long x = *(const unsigned long*)a, y = *(const unsigned long*)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char** argv, char** envp) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=\"%s\"\n", i, argv[i]);
  printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  int envc = 0;
  for (char** e = envp; *e; e++, envc++) printf("envp[%d]=\"%s\"\n", envc, *e);
  printf("envc=%d\n", envc);

  // The initial stack as the kernel lays it out: argc at sp, then argv[],
  // NULL, envp[], NULL, auxv[]. glibc hands main pointers into that stack.
  const long* sp = (const long*)argv - 1;
  printf("stack: argc slot %s\n", *sp == argc ? "ok" : "WRONG");
  printf("stack: sp at entry 16-byte aligned: %s\n", ((uintptr_t)sp & 15) == 0 ? "yes" : "NO");
  printf("stack: envp follows argv: %s\n", envp == argv + argc + 1 ? "yes" : "NO");
  printf("environ is envp: %s\n", environ == envp ? "yes" : "NO");

  const auxv_t* av = (const auxv_t*)(envp + envc + 1);
  unsigned long keys[256];
  int nkeys = 0, terminated = 0, phdr_ok = 0, pagesz_ok = 0;
  for (int i = 0; i < 256; i++) {
    if (av[i].a_type == AT_NULL) {
      terminated = 1;
      break;
    }
    keys[nkeys++] = av[i].a_type;
    if (av[i].a_type == AT_PHDR) phdr_ok = av[i].a_un.a_val == getauxval(AT_PHDR);
    if (av[i].a_type == AT_PAGESZ) pagesz_ok = av[i].a_un.a_val == getauxval(AT_PAGESZ);
  }
  printf("stack: auxv follows envp and ends with AT_NULL: %s\n", terminated ? "yes" : "NO");
  printf("stack: auxv AT_PHDR and AT_PAGESZ agree with getauxval: %s\n",
         phdr_ok && pagesz_ok ? "yes" : "NO");
  qsort(keys, nkeys, sizeof keys[0], cmp_ulong);
  printf("auxv keys:");
  for (int i = 0; i < nkeys; i++) printf(" %lu", keys[i]);
  printf("\n");

  const ehdr_t* eh = (const ehdr_t*)__ehdr_start;
  printf("e_type=%s\n", eh->e_type == ET_EXEC ? "ET_EXEC" : eh->e_type == ET_DYN ? "ET_DYN" : "other");
  if (eh->e_type == ET_EXEC) printf("load address=%#lx\n", (unsigned long)base());
  printf("load address page aligned: %s\n", base() % getauxval(AT_PAGESZ) == 0 ? "yes" : "NO");
  {
    // The kernel (and ldso) place the image at the largest PT_LOAD p_align:
    // 64 KiB for aarch64 binaries, and for the x86_64 samples linked so.
    const Elf64_Phdr* ph = (const Elf64_Phdr*)getauxval(AT_PHDR);
    unsigned long align = 1;
    for (unsigned long i = 0; i < getauxval(AT_PHNUM); i++)
      if (ph[i].p_type == PT_LOAD && ph[i].p_align > align) align = ph[i].p_align;
    printf("largest p_align=%#lx, load address aligned to it: %s\n", align, base() % align == 0 ? "yes" : "NO");
  }

  print_num("AT_PHENT", AT_PHENT);
  print_num("AT_PHNUM", AT_PHNUM);
  print_num("AT_PAGESZ", AT_PAGESZ);
  print_num("AT_FLAGS", AT_FLAGS);
  print_num("AT_UID", AT_UID);
  print_num("AT_EUID", AT_EUID);
  print_num("AT_GID", AT_GID);
  print_num("AT_EGID", AT_EGID);
  print_num("AT_SECURE", AT_SECURE);
  print_num("AT_HWCAP", AT_HWCAP);
  print_num("AT_HWCAP2", AT_HWCAP2);
  print_num("AT_CLKTCK", AT_CLKTCK);
#ifdef AT_MINSIGSTKSZ
  print_num("AT_MINSIGSTKSZ", AT_MINSIGSTKSZ);
#endif
  print_str("AT_PLATFORM", AT_PLATFORM);
  print_str("AT_EXECFN", AT_EXECFN);
  print_rel("AT_PHDR", AT_PHDR);
  print_rel("AT_ENTRY", AT_ENTRY);

  unsigned long v;
  if (!aux(AT_RANDOM, &v))
    printf("AT_RANDOM absent\n");
  else
    printf("AT_RANDOM %s\n", v ? "nonzero" : "zero");
  if (!aux(AT_SYSINFO_EHDR, &v))
    printf("AT_SYSINFO_EHDR absent\n");
  else if (v == 0)
    printf("AT_SYSINFO_EHDR zero\n");
  else
    printf("AT_SYSINFO_EHDR nonzero, %s\n",
           memcmp((const void*)v, ELFMAG, SELFMAG) == 0 ? "points at \\177ELF" : "NOT an ELF header");
  if (!aux(AT_BASE, &v))
    printf("AT_BASE absent\n");
  else
    printf("AT_BASE %s\n", v ? "nonzero" : "zero");

  return argc > 1 && is_number(argv[1]) ? atoi(argv[1]) : 0;
}
