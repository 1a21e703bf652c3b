/* libhost_tlsdl.so: dlopen'ed, with dynamic TLS (TLSDESC on aarch64, and on
   x86_64 too: built with -mtls-dialect=gnu2 there). */
__thread int dl_var = 99;
__thread char dl_buf[256] __attribute__((aligned(64))) = "dl buffer";
__thread long dl_zero[8];

int dl_get(void) { return dl_var; }
void dl_set(int v) { dl_var = v; }
char *dl_buf_addr(void) { return dl_buf; }
long *dl_zero_addr(void) { return dl_zero; }
