// ldso's stand-ins for glibc's loader in host mode: what the program and the
// libraries ldso loads bind to instead of glibc's (issue 7's list).
#pragma once
#include <cstdint>
#include <span>

#include "ldso/rtld.h"

namespace ldso {
class Linker;
struct ProgramView;
}  // namespace ldso

namespace ldso::host {

std::span<const RtldSymbol> override_symbols();
// Everything is linked; `sp` is the program's initial stack (its auxv).
void overrides_start(Linker* linker, const ProgramView& view, uintptr_t sp);

}  // namespace ldso::host
