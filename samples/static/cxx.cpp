// cxx: the C++ runtime a loader must get right. Static constructors and
// init/preinit arrays in a visible order, an exception thrown through frames
// (needs the unwinder to find PT_GNU_EH_FRAME via dl_iterate_phdr / AT_PHDR),
// four std::threads with thread_local state (TLS layout, TLS alignment,
// thread_local destructors), and atexit handlers and static destructors at
// exit. Everything printed is deterministic. Exit status: argv[1] if it is a
// number, else 0.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cxx.h"

namespace {

// ---- initialisation order -------------------------------------------------

void preinit(int argc, char**, char**) { std::printf("preinit_array: argc=%d\n", argc); }
[[gnu::used, gnu::section(".preinit_array")]] void (*const preinit_entry)(int, char**, char**) = preinit;

[[gnu::constructor(101)]] void early() { std::printf("constructor(101)\n"); }
[[gnu::constructor(102)]] void early_with_args(int argc, char** argv, char**) {
  std::printf("constructor(102): argc=%d argv[0] %s\n", argc, argv && argv[0] ? "set" : "NULL");
}

Tracer first("global first");
std::vector<int> squares = [] {
  std::printf("dynamic initialiser of a vector\n");
  std::vector<int> v;
  for (int i = 0; i < 5; i++) v.push_back(i * i);
  return v;
}();
Tracer second("global second");

[[gnu::constructor]] void plain_constructor() { std::printf("constructor (default priority)\n"); }

// ---- exceptions -------------------------------------------------------------

[[gnu::noinline]] int thrower(int x) {
  if (x > 0) throw std::runtime_error("boom " + std::to_string(x));
  return x;
}

[[gnu::noinline]] int middle(int x) {
  Tracer local("frame local (unwound)");
  return thrower(x) + 1;
}

struct Custom {
  int code;
};

[[gnu::noinline]] void throw_custom(int code) { throw Custom{code}; }

// ---- threads and TLS --------------------------------------------------------

thread_local int tl_value = 7;
alignas(64) thread_local char tl_aligned[100] = {1};
thread_local std::string tl_string = "tls string";
std::atomic<int> tl_destructors{0};

struct TlsGuard {
  int id = -1;
  ~TlsGuard() { tl_destructors.fetch_add(1); }
};
thread_local TlsGuard tl_guard;

struct Result {
  long primes = 0;
  int tl_before = 0, tl_after = 0;
  bool aligned = false, string_ok = false;
};

long count_primes(long limit) {
  long n = 0;
  for (long i = 2; i < limit; i++) {
    bool prime = true;
    for (long d = 2; d * d <= i; d++)
      if (i % d == 0) {
        prime = false;
        break;
      }
    n += prime;
  }
  return n;
}

void worker(int id, Result* r) {
  r->tl_before = tl_value;
  tl_value = 1000 + id;
  tl_guard.id = id;
  r->aligned = reinterpret_cast<std::uintptr_t>(tl_aligned) % 64 == 0 && tl_aligned[0] == 1;
  r->string_ok = tl_string == "tls string";
  tl_string += std::to_string(id);
  r->primes = count_primes(5000 * (id + 1));
  r->tl_after = tl_value;
}

bool is_number(const char* s) {
  if (!*s) return false;
  for (; *s; s++)
    if (*s < '0' || *s > '9') return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("main: argc=%d, other TU says %s\n", argc, other_tu_message().c_str());
  std::printf("squares:");
  for (int v : squares) std::printf(" %d", v);
  std::printf("\n");

  try {
    middle(3);
    std::printf("not reached\n");
  } catch (const std::exception& e) {
    std::printf("caught std::exception: %s\n", e.what());
  }
  try {
    throw_custom(42);
  } catch (const Custom& c) {
    std::printf("caught Custom{%d}\n", c.code);
  }
  try {
    other_tu_throw();
  } catch (const std::logic_error& e) {
    std::printf("caught from other TU: %s\n", e.what());
  }

  tl_value = 1;
  std::vector<Result> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++) threads.emplace_back(worker, i, &results[i]);
  for (auto& t : threads) t.join();
  for (int i = 0; i < 4; i++)
    std::printf("thread %d: primes below %d = %ld, tl_value %d -> %d, tls aligned %s, tls string %s\n",
                i, 5000 * (i + 1), results[i].primes, results[i].tl_before, results[i].tl_after,
                results[i].aligned ? "yes" : "NO", results[i].string_ok ? "ok" : "WRONG");
  std::printf("main thread tl_value still %d, tls aligned %s\n", tl_value,
              reinterpret_cast<std::uintptr_t>(tl_aligned) % 64 == 0 ? "yes" : "NO");
  std::printf("thread_local destructors run: %d\n", tl_destructors.load());

  static Tracer function_static("function-local static");
  std::atexit([] { std::printf("atexit handler (registered last, runs first)\n"); });
  std::printf("main returns\n");
  return argc > 1 && is_number(argv[1]) ? std::atoi(argv[1]) : 0;
}
