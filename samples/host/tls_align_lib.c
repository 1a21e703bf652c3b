/* libhost_tlsalign.so: a start-up library with a 4096-byte aligned TLS
   variable (static TLS). */
__thread char lib_page[100] __attribute__((aligned(4096))) = "lib-page";
char* lib_page_addr(void) { return lib_page; }
