// Host mode (DESIGN.md, "Execution modes"): ldso-host runs glibc programs the
// way OSv does. glibc's own libraries (and any library the process already
// has) are the running copies; ldso loads and links everything else, and its
// stand-ins take the place of glibc's loader for the program.
//
// GlibcHost is the linker's view of that process (ldso/linker.h's
// HostProcess): the running libraries, the static TLS reserve, unwind tables.
// The stand-ins themselves live in overrides.cpp.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

#include "ldso/linker.h"

namespace ldso::host {

class GlibcHost final : public HostProcess {
 public:
  // Checks that ldso-host's TLS reserve is where host mode needs it; throws
  // ldso::Error otherwise.
  GlibcHost();

  HostLibrary glibc(const std::string& name, const std::string& needed_by) override;
  std::optional<HostLibrary> same_file(dev_t dev, ino_t ino) override;
  std::span<const RtldSymbol> overrides() override;
  TlsReserve tls_reserve() override { return reserve_; }
  void init_tls(int64_t tp_offset, const void* image, size_t filesz, size_t memsz) override;
  void object_added(Object& o) override;
  void object_removed(Object& o) override;
  void enter(Linker* linker, const ProgramView& view, uintptr_t sp) override;

 private:
  struct Loaded {
    HostLibrary lib;
    dev_t dev;
    ino_t ino;
  };
  // The host's loaded libraries (without ldso-host and the vDSO).
  const std::vector<Loaded>& scan();
  std::vector<Loaded> loaded_;
  unsigned long long adds_ = 0, subs_ = 0;
  bool scanned_ = false;

  TlsReserve reserve_{};
  uint8_t* template_ = nullptr;      // the reserve in ldso-host's TLS image
  int64_t block_lo_ = 0;             // where the template's first byte goes, from TP
};

}  // namespace ldso::host
