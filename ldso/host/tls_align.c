/* libldso-host-tls.so (aarch64): glibc aligns every thread pointer to the
   largest TLS alignment among the initial modules. ldso-host's own block
   (the reserve) must stay 16-aligned to sit at TP + 16, where executables
   expect theirs; this library's 64-aligned block makes the thread pointer
   64-aligned, so programs whose TLS needs 64 find it at TP + 64. */
__thread char ldso_host_tls_align[1] __attribute__((aligned(64)));
