// Host mode's static TLS reserve: the whole TLS block of ldso-host's own
// executable. glibc places an executable's block where its compiler assumed
// (x86_64: ending at the thread pointer; aarch64: right after the 16-byte
// TCB), which is exactly where a program's executable expects its own, so the
// program's local-exec and initial-exec TLS, and that of every library ldso
// loads, lives here. glibc copies this block's image (ldso-host's TLS
// template) into every thread it makes: ldso writes the program's images into
// that template.
#pragma once
#include <cstddef>

namespace ldso::host {

// Enough for every program and library on a Debian system (the largest
// static TLS outside sanitizer runtimes is about 3 KiB), and small, because
// glibc refuses threads whose stack cannot hold static TLS and some ask for
// 32 KiB stacks.
inline constexpr size_t kTlsReserveSize = 16 * 1024;
// x86_64: a TLS block ending at the thread pointer and aligned to a page
// makes every thread pointer page-aligned, so a program's block with any
// alignment up to a page lies where its compiler put it, inside the reserve.
// aarch64: 16 keeps the block at TP + 16, where executables with alignment up
// to 16 expect theirs; libldso-host-tls.so aligns the thread pointer.
#if defined(__x86_64__)
inline constexpr size_t kTlsReserveAlign = 4096;
#else
inline constexpr size_t kTlsReserveAlign = 16;
#endif

}  // namespace ldso::host

// In .tdata: the template glibc copies from holds it whole (a .tbss block
// would only be zeroed), and it starts as zeros, so space no module has used
// yet is zero in every thread.
extern __thread unsigned char ldso_tls_reserve[ldso::host::kTlsReserveSize];
