// The C++ host sample: exceptions across two shared libraries and the host's
// libstdc++, thread_local objects in several std::threads, a dlopen'ed plugin,
// static constructor/destructor order and atexit. Output is deterministic.
#include "cxx.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

extern "C" void host_exe_callback(const char *what) { std::printf("exe callback: %s\n", what); }

extern "C" int host_exe_throwing(int x) {
  if (x == 7) throw HostError("exe: seven", 7);
  return x;
}

namespace {
struct Noisy {
  const char *name;
  explicit Noisy(const char *n) : name(n) { std::printf("static ctor: %s\n", name); }
  ~Noisy() { std::printf("static dtor: %s\n", name); }
};
Noisy first("main first");
Noisy second("main second");

// thread_local with a constructor and a destructor. Each thread records what
// happened in its own slot; main prints the slots after joining.
constexpr int kThreads = 4;
std::mutex slots_mutex;
std::vector<std::string> slots(kThreads + 1);
std::atomic<int> constructed{0}, destroyed{0};

struct PerThread {
  int slot = -1;
  std::string log;
  PerThread() { constructed++; log = "constructed"; }
  ~PerThread() {
    destroyed++;
    if (slot > 0) {
      std::lock_guard<std::mutex> lock(slots_mutex);
      slots[slot] += log + ",destroyed";
    } else if (slot == 0) {
      std::printf("thread_local dtor: main thread (%s)\n", log.c_str());
    }
  }
};
thread_local PerThread per_thread;
thread_local int tl_counter = 100;

void thread_body(int slot) {
  per_thread.slot = slot;
  for (int i = 0; i < 1000 * slot; i++) tl_counter++;
  per_thread.log += ",counter=" + std::to_string(tl_counter);
  thrower_tls_set("thread " + std::to_string(slot));
  // An exception thrown and caught on this thread, through both libraries.
  try {
    middle_call(-slot);
  } catch (const HostError &e) {
    per_thread.log += ",caught " + std::to_string(e.code);
  }
  per_thread.log += ",lib tls=" + thrower_tls_name() + ",";
}

void section(const char *name) { std::printf("== %s\n", name); }

void atexit_first() { std::printf("atexit: registered first\n"); }
void atexit_second() { std::printf("atexit: registered second\n"); }
}  // namespace

int main() {
  section("exceptions across libraries");
  std::printf("middle_call(5) = %d\n", middle_call(5));
  try {
    middle_call(-4);
  } catch (const HostError &e) {
    std::printf("caught HostError code %d: %s\n", e.code, e.what());
  }
  try {
    middle_rethrow(11);
  } catch (const std::runtime_error &e) {
    std::printf("caught as runtime_error: %s (HostError: %s)\n", e.what(),
                dynamic_cast<const HostError *>(&e) ? "yes" : "no");
  }
  try {
    middle_translate(12);
  } catch (const std::logic_error &e) {
    std::printf("caught logic_error: %s\n", e.what());
  }

  section("exceptions from libstdc++");
  try {
    std::printf("stoi = %d\n", std::stoi("not a number"));
  } catch (const std::invalid_argument &e) {
    std::printf("caught invalid_argument: %s\n", e.what());
  }
  try {
    std::vector<int> v{1, 2, 3};
    std::printf("at = %d\n", v.at(10));
  } catch (const std::out_of_range &e) {
    std::printf("caught out_of_range: %s\n", e.what());
  }
  try {
    auto f = std::async(std::launch::async, [] { return thrower_value(-9); });
    std::printf("future = %d\n", f.get());
  } catch (const HostError &e) {
    std::printf("caught from std::async: %s\n", e.what());
  }

  section("thread_local");
  per_thread.slot = 0;
  per_thread.log += ",main";
  {
    std::vector<std::thread> threads;
    for (int i = 1; i <= kThreads; i++) threads.emplace_back(thread_body, i);
    for (auto &t : threads) t.join();
  }
  for (int i = 1; i <= kThreads; i++) std::printf("thread %d: %s\n", i, slots[i].c_str());
  std::printf("main tl_counter = %d, lib tls = %s\n", tl_counter, thrower_tls_name().c_str());
  std::printf("constructed %d, destroyed %d\n", constructed.load(), destroyed.load());

  section("plugin");
  void *h = dlopen("libhost_plugin.so", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    std::printf("dlopen failed\n");
    return 1;
  }
  auto compute = reinterpret_cast<int (*)(int)>(dlsym(h, "plugin_compute"));
  auto call_exe = reinterpret_cast<int (*)(int)>(dlsym(h, "plugin_call_exe"));
  std::printf("dlsym: compute %s, call_exe %s, missing %s\n", compute ? "found" : "null",
              call_exe ? "found" : "null", dlsym(h, "plugin_no_such_symbol") ? "found" : "null");
  if (!compute || !call_exe) return 1;
  std::printf("plugin_compute(4) = %d\n", compute(4));
  std::printf("plugin_compute(5) = %d\n", compute(5));
  try {
    compute(200);
  } catch (const std::out_of_range &) {
    std::printf("caught out_of_range from the plugin\n");
  }
  std::printf("plugin_call_exe(3) = %d\n", call_exe(3));
  try {
    call_exe(7);
  } catch (const HostError &e) {
    std::printf("caught exe's HostError through the plugin: %s\n", e.what());
  }
  std::printf("dlclose = %d\n", dlclose(h));

  section("exit");
  std::atexit(atexit_first);
  std::atexit(atexit_second);
  std::fflush(stdout);
  return 3;
}
