// libhost_plugin.so: dlopen'ed by the C++ sample. A static constructor and
// destructor call back into the executable; exceptions are thrown and caught
// inside, thrown out to the executable, and thrown by the executable through
// the plugin.
#include "cxx.h"
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace {
struct Init {
  Init() { host_exe_callback("plugin static ctor"); }
  ~Init() { host_exe_callback("plugin static dtor"); }
} init;
}  // namespace

extern "C" int plugin_compute(int x) {
  try {
    if (x % 2) throw std::domain_error("odd " + std::to_string(x));
  } catch (const std::domain_error &e) {
    std::printf("plugin: caught inside: %s\n", e.what());
    x += 1;
  }
  if (x > 100) {
    std::vector<int> v(3);
    return v.at(static_cast<size_t>(x));  // std::out_of_range to the caller
  }
  return x * 10;
}

extern "C" int plugin_call_exe(int x) {
  struct Guard {
    ~Guard() { std::printf("plugin: guard released\n"); }
  } g;
  return host_exe_throwing(x) + 1000;
}
