// Second translation unit of the cxx sample: its own static object and
// dynamic initialiser, and an exception thrown from here and caught in main.
#include <stdexcept>
#include <string>

#include "cxx.h"

namespace {
Tracer other("global in other TU");
std::string message = std::string("hello from ") + "cxx_other.cpp";
}  // namespace

std::string other_tu_message() { return message; }

void other_tu_throw() { throw std::logic_error("logic_error from cxx_other.cpp"); }
