/* libldso-host-tls.so (aarch64): glibc aligns every thread pointer to the
   largest TLS alignment among the initial modules. ldso-host's own block
   (the reserve) must stay 16-aligned to sit at TP + 16, where executables
   expect theirs; this library's page-aligned block makes the thread pointer
   page-aligned, so a program whose TLS needs alignment A (up to a page)
   finds its block at TP + A, inside the reserve. */
__thread char ldso_host_tls_align[1] __attribute__((aligned(4096)));
