// IFUNC resolvers: what they are passed, and what they can see. On aarch64
// the dynamic linker passes AT_HWCAP | _IFUNC_ARG_HWCAP (1 << 62) and a
// pointer to { size, hwcap, hwcap2 } (glibc's __ifunc_arg_t); on x86_64
// nothing. A resolver runs during relocation, so it records what it saw for
// main to print later.
#pragma GCC diagnostic ignored "-Wattribute-alias"
#ifdef __aarch64__
#define IFUNC_ARGS unsigned long hwcap, const unsigned long* arg
#define IFUNC_RECORD(rec)                                         \
  do {                                                            \
    (rec).hwcap = hwcap;                                          \
    (rec).arg_size = (hwcap & (1UL << 62)) && arg ? arg[0] : 0;   \
    (rec).arg_hwcap = (hwcap & (1UL << 62)) && arg ? arg[1] : 0;  \
    (rec).calls++;                                                \
  } while (0)
#else
#define IFUNC_ARGS void
#define IFUNC_RECORD(rec) ((rec).calls++)
#endif

struct ifunc_record {
  unsigned long hwcap, arg_size, arg_hwcap;
  int calls;
};

// at_hwcap: AT_HWCAP as the executable's _start found it (a library's own
// copy of rt has no auxv).
static inline void ifunc_report(const char* who, const struct ifunc_record* r, unsigned long at_hwcap) {
#ifdef __aarch64__
  rt_printf("  %s resolver: called %s, hwcap arg %s, _IFUNC_ARG_HWCAP %s, arg size %lu, arg hwcap %s\n",
            who, r->calls ? "yes" : "no",
            (r->hwcap & ~(1UL << 62)) == at_hwcap ? "== AT_HWCAP" : "!= AT_HWCAP",
            (r->hwcap & (1UL << 62)) ? "set" : "clear", r->arg_size,
            r->arg_hwcap == at_hwcap ? "== AT_HWCAP" : "!= AT_HWCAP");
#else
  (void)at_hwcap;
  rt_printf("  %s resolver: called %s\n", who, r->calls ? "yes" : "no");
#endif
}
