// Static TLS: module ids, offsets from the thread pointer, and the main
// thread's block with its TCB and DTV.
#include <sys/mman.h>

#include <cstring>

#include "arch/arch.h"
#include "ldso/linker.h"

namespace ldso {
namespace {

uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

// Room kept past the initial modules for initial-exec TLS of libraries opened
// later (glibc reserves a similar surplus).
constexpr uint64_t kStaticTlsSurplus = 1664;

}  // namespace

void Linker::layout_tls() {
  uint64_t offset = arch::kTlsBelowTp ? 0 : arch::kTlsTcbSize;
  for (auto& o : objects_) {
    if (!o->tls || o->tls->memsz == 0) continue;
    const uint64_t align = o->tls->align ? o->tls->align : 1;
    if (align > page_)
      throw Error(o->path, "PT_TLS", std::nullopt,
                  format("TLS alignment 0x%llx is larger than the page size", (unsigned long long)align));
    o->tls_modid = ++tls_modules_;
    if (align > tls_static_align_) tls_static_align_ = align;
    if (arch::kTlsBelowTp) {
      // Variant II: the block ends where the previous one starts; the
      // executable's block is at tp - roundup(memsz, align), as ld assumes.
      offset = round_up(offset + o->tls->memsz, align);
      o->tls_offset = -static_cast<int64_t>(offset);
    } else {
      // Variant I: after the TCB, each block at its alignment.
      offset = round_up(offset, align);
      o->tls_offset = static_cast<int64_t>(offset);
      offset += o->tls->memsz;
    }
  }
  tls_static_size_ = offset;
}

uintptr_t Linker::make_main_thread(const uint8_t random[16]) {
  const uint64_t align = tls_static_align_;
  const uint64_t blocks = round_up(tls_static_size_ + kStaticTlsSurplus, align);
  const uint64_t dtv_size = (tls_modules_ + 1) * sizeof(uintptr_t);
  const uint64_t total = round_up(blocks + arch::kTcbAllocSize + dtv_size + 2 * align, page_);
  void* mem = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED)
    throw Error(main().path, "PT_TLS", std::nullopt, format("cannot allocate the thread block: %s", strerror(errno)));
  const uintptr_t base = reinterpret_cast<uintptr_t>(mem);
  uintptr_t tp, dtv_at;
  if (arch::kTlsBelowTp) {
    tp = round_up(base + blocks, align);  // blocks below, TCB at tp
    dtv_at = tp + arch::kTcbAllocSize;
  } else {
    tp = round_up(base, align);  // TCB at tp, blocks after
    dtv_at = round_up(tp + blocks, 16);
  }
  auto* dtv = reinterpret_cast<uintptr_t*>(dtv_at);
  dtv[0] = tls_modules_;
  for (auto& o : objects_) {
    if (!o->tls_modid) continue;
    const uintptr_t block = tp + o->tls_offset;
    memcpy(reinterpret_cast<void*>(block), reinterpret_cast<const void*>(o->addr(o->tls->vaddr)), o->tls->filesz);
    dtv[o->tls_modid] = block;
  }
  auto* tcb = reinterpret_cast<uintptr_t*>(tp);
#if defined(__x86_64__)
  tcb[0] = tp;  // %fs:0 points to itself
  tcb[1] = dtv_at;
  tcb[2] = tp;
  uintptr_t guard, pointer_guard;
  memcpy(&guard, random, 8);
  memcpy(&pointer_guard, random + 8, 8);
  tcb[arch::kTcbStackGuardOffset / 8] = guard & ~uintptr_t(0xff);  // as glibc: a zero low byte
  tcb[arch::kTcbStackGuardOffset / 8 + 1] = pointer_guard;
#else
  (void)random;
  tcb[0] = dtv_at;
  tcb[1] = 0;
#endif
  return tp;
}

}  // namespace ldso
