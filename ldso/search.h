// Where libraries are found: DT_RPATH/DT_RUNPATH with $ORIGIN, $LIB and
// $PLATFORM expanded, LD_LIBRARY_PATH, /etc/ld.so.cache, default directories.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ldso {

// Splits a colon- (or semicolon-) separated path list and expands the
// dynamic string tokens; `origin` is the directory of the object that holds
// the list. Entries with an unknown token are dropped, as glibc drops them.
std::vector<std::string> expand_path_list(const std::string& list, const std::string& origin,
                                          const std::string& platform);

// Expands the dynamic string tokens ($ORIGIN, $LIB, $PLATFORM) of one name
// or directory; nullopt when it has an unknown token.
std::optional<std::string> expand_name(const std::string& item, const std::string& origin,
                                       const std::string& platform);

// Looks `name` up in an ld.so.cache image for this ISA. Returns the path.
std::optional<std::string> ld_cache_lookup(const std::string& cache_bytes, const std::string& name);

// The ISA's default directories, in glibc's (Debian multiarch) order.
const std::vector<std::string>& default_dirs();

// "$LIB" for this ISA ("lib/x86_64-linux-gnu").
const char* lib_token();

}  // namespace ldso
