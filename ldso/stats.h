// --stats=FILE: what ldso did, as JSON, written when the program exits.
#pragma once
#include <cstdint>
#include <string>

namespace ldso {

class Linker;

// Phases of a launch, in order; times are recorded as they end.
enum class Phase { validate, load, tls, relocate, sync, start, count };
void phase_done(Phase p);

void stats_configure(const std::string& path, Linker* linker);
bool stats_requested();
// Writes the file. Runs in ldso's own context (see ldso/context.h).
void stats_write();

}  // namespace ldso
