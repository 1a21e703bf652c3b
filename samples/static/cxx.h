// Shared by the two translation units of the cxx sample.
#pragma once
#include <cstdio>
#include <string>

struct Tracer {
  const char* name;
  explicit Tracer(const char* n) : name(n) { std::printf("construct %s\n", name); }
  ~Tracer() { std::printf("destroy %s\n", name); }
};

std::string other_tu_message();
[[noreturn]] void other_tu_throw();
