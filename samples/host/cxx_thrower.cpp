// libhost_thrower.so: defines HostError and throws it.
#include "cxx.h"
#include <cstdio>

HostError::HostError(const std::string &what, int c) : std::runtime_error(what), code(c) {}
HostError::~HostError() {}

void thrower_throw(int code) {
  throw HostError("thrower: code " + std::to_string(code), code);
}

int thrower_value(int x) {
  if (x < 0) throw HostError("thrower: negative " + std::to_string(x), x);
  return x * 3;
}

static thread_local std::string tls_name = "unnamed";
std::string thrower_tls_name() { return tls_name; }
void thrower_tls_set(const std::string &s) { tls_name = s; }

namespace {
struct Noisy {
  Noisy() { std::printf("static ctor: thrower\n"); }
  ~Noisy() { std::printf("static dtor: thrower\n"); }
} noisy;
}  // namespace

__attribute__((destructor)) static void thrower_fini() { std::printf("fini_array: thrower\n"); }
