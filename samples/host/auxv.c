/* getauxval against the program's own values, and dl_iterate_phdr. Prints
   only pass/fail and counts that a correct loader keeps the same. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

extern const ElfW(Ehdr) __ehdr_start;
extern void _start(void);
int auxlib_answer(void);

struct walk {
  int index, objects, with_load, exe_first, auxlib_seen, auxlib_after_exe, libc_seen;
  const ElfW(Phdr) *exe_phdr;
  ElfW(Half) exe_phnum;
  ElfW(Addr) exe_addr;
};

static const char *base(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static int visit(struct dl_phdr_info *info, size_t size, void *data) {
  struct walk *w = data;
  (void)size;
  int has_load = 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_LOAD) has_load = 1;
  if (w->index == 0) {
    w->exe_phdr = info->dlpi_phdr;
    w->exe_phnum = info->dlpi_phnum;
    w->exe_addr = info->dlpi_addr;
    /* The executable is first: its program headers are ours. */
    w->exe_first = info->dlpi_phdr == (const ElfW(Phdr) *)((const char *)&__ehdr_start + __ehdr_start.e_phoff);
  }
  const char *name = info->dlpi_name ? base(info->dlpi_name) : "";
  if (strcmp(name, "libhost_auxlib.so") == 0) {
    w->auxlib_seen++;
    w->auxlib_after_exe = w->index > 0;
  }
  if (strcmp(name, "libc.so.6") == 0) w->libc_seen++;
  w->objects++;
  w->with_load += has_load;
  w->index++;
  return 0;
}

static void check(const char *what, int ok) { printf("%-60s %s\n", what, ok ? "pass" : "FAIL"); }

int main(void) {
  const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)((const char *)&__ehdr_start + __ehdr_start.e_phoff);
  unsigned long at_phdr = getauxval(AT_PHDR), at_phnum = getauxval(AT_PHNUM), at_entry = getauxval(AT_ENTRY);
  check("AT_PHDR is the executable's program header table", at_phdr == (unsigned long)phdr);
  check("AT_PHNUM is the executable's e_phnum", at_phnum == __ehdr_start.e_phnum);
  check("AT_ENTRY is &_start", at_entry == (unsigned long)&_start);
  unsigned long bias = __ehdr_start.e_type == ET_DYN ? (unsigned long)&__ehdr_start : 0;
  check("AT_ENTRY is load bias + e_entry", at_entry == bias + __ehdr_start.e_entry);
  check("AT_PHENT is sizeof(Phdr)", getauxval(AT_PHENT) == sizeof(ElfW(Phdr)));
  check("AT_PAGESZ is a power of two >= 4096",
        getauxval(AT_PAGESZ) >= 4096 && (getauxval(AT_PAGESZ) & (getauxval(AT_PAGESZ) - 1)) == 0);
  const char *execfn = (const char *)getauxval(AT_EXECFN);
  check("AT_EXECFN is set", execfn != NULL && execfn[0] != 0);

  struct walk w;
  memset(&w, 0, sizeof w);
  dl_iterate_phdr(visit, &w);
  check("dl_iterate_phdr: the executable comes first", w.exe_first);
  check("dl_iterate_phdr: its dlpi_phdr is AT_PHDR", (unsigned long)w.exe_phdr == at_phdr);
  check("dl_iterate_phdr: its dlpi_phnum is AT_PHNUM", w.exe_phnum == at_phnum);
  check("dl_iterate_phdr: dlpi_addr is 0 for ET_EXEC, the base for ET_DYN",
        w.exe_addr == bias);
  check("dl_iterate_phdr: libhost_auxlib.so seen once, after the executable",
        w.auxlib_seen == 1 && w.auxlib_after_exe);
  check("dl_iterate_phdr: libc.so.6 seen once", w.libc_seen == 1);
  check("dl_iterate_phdr: at least 3 objects, each with a PT_LOAD", w.objects >= 3 && w.with_load == w.objects);
  printf("auxlib_answer() = %d\n", auxlib_answer());
  return 0;
}
