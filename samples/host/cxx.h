// Shared declarations of the C++ host sample (cxx_*.cpp).
#pragma once
#include <stdexcept>
#include <string>

// Thrown in libhost_thrower.so; its key function (the destructor) is there,
// so its typeinfo and vtable live in that library.
struct HostError : std::runtime_error {
  HostError(const std::string &what, int code);
  ~HostError() override;
  int code;
};

// libhost_thrower.so
void thrower_throw(int code);           // throws HostError(code)
int thrower_value(int x);               // returns x * 3, throws HostError for x < 0
std::string thrower_tls_name();         // a thread_local std::string in the library
void thrower_tls_set(const std::string &s);

// libhost_middle.so (calls into the thrower)
int middle_call(int x);                 // RAII guard, exception passes through
int middle_rethrow(int code);           // catches, notes, rethrows with `throw;`
int middle_translate(int code);         // catches HostError, throws std::logic_error

// The executable (exported with -rdynamic, called by the plugin)
extern "C" void host_exe_callback(const char *what);
extern "C" int host_exe_throwing(int x);  // throws HostError for x == 7

// The plugin's entry points, found with dlsym.
extern "C" int plugin_compute(int x);
extern "C" int plugin_call_exe(int x);
