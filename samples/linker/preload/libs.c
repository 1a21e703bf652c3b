// pl_main is the executable's dependency; pl_p1 and pl_p2 are preloaded.
// No initialisers here: natively, LD_PRELOAD also reaches ldso's own
// process (ldso is a glibc program), where these libraries must do nothing.
#define EXPORT __attribute__((visibility("default")))
#if defined(PL_MAIN)
EXPORT const char* pl_fn1(void) { return "main"; }
EXPORT const char* pl_fn2(void) { return "main"; }
EXPORT const char* pl_fn3(void) { return "main"; }
EXPORT int pl_var = 0;
EXPORT const char* pl_main_calls_fn2(void) { return pl_fn2(); }
#elif defined(PL_P1)
EXPORT const char* pl_fn1(void) { return "p1"; }
EXPORT const char* pl_fn2(void) { return "p1"; }
EXPORT int pl_var = 1;
#elif defined(PL_P2)
EXPORT const char* pl_fn1(void) { return "p2"; }
EXPORT const char* pl_fn3(void) { return "p2"; }
EXPORT int pl_var = 2;
#endif
