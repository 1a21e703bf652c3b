// libhost_middle.so: exceptions from libhost_thrower.so pass through here.
#include "cxx.h"
#include <cstdio>

namespace {
struct Guard {
  const char *name;
  explicit Guard(const char *n) : name(n) {}
  ~Guard() { std::printf("middle: guard %s released\n", name); }
};
struct Noisy {
  Noisy() { std::printf("static ctor: middle\n"); }
  ~Noisy() { std::printf("static dtor: middle\n"); }
} noisy;
}  // namespace

int middle_call(int x) {
  Guard g("call");
  return thrower_value(x) + 1;
}

int middle_rethrow(int code) {
  try {
    Guard g("rethrow");
    thrower_throw(code);
  } catch (const HostError &e) {
    std::printf("middle: saw '%s', rethrowing\n", e.what());
    throw;
  }
  return 0;
}

int middle_translate(int code) {
  try {
    thrower_throw(code);
  } catch (const HostError &e) {
    throw std::logic_error(std::string("middle translated: ") + e.what());
  }
  return 0;
}

__attribute__((constructor)) static void middle_init() { std::printf("init_array: middle\n"); }
