/* libhost_manytls.so and its 1,100 copies (host_manytls): dynamic TLS. */
__thread long many_tls[4] = {1000, 1001, 1002, 1003};
long* many_addr(void) { return many_tls; }
