// ldso's own context. In self-linked and static modes the program's thread
// pointer is live once it starts, and ldso's libc must not run under it (its
// errno, locale and malloc state are reached through ldso's own TLS). Work
// that needs ldso's libc after the start (statistics at exit, dlopen) runs
// inside a LdsoContext, which switches to ldso's thread pointer and back.
#pragma once
#include <cstdint>

#include "arch/arch.h"

namespace ldso {

// ldso's own thread pointer, recorded at start-up. 0 in host mode, where
// the program runs on the host's threads and libc: nothing to switch.
extern uintptr_t g_ldso_tp;

class LdsoContext {
 public:
  LdsoContext() : saved_(arch::thread_pointer_raw()) {
    if (g_ldso_tp && saved_ != g_ldso_tp) arch::ldso_arch_set_tp(g_ldso_tp);
  }
  ~LdsoContext() {
    if (g_ldso_tp && saved_ != g_ldso_tp) arch::ldso_arch_set_tp(saved_);
  }
  // The thread pointer that was live before (the program's).
  uintptr_t saved() const { return saved_; }
  LdsoContext(const LdsoContext&) = delete;
  LdsoContext& operator=(const LdsoContext&) = delete;

 private:
  uintptr_t saved_;
};

}  // namespace ldso
