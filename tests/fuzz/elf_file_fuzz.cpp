// libFuzzer entry point for elf::File::parse: any input must be accepted or
// rejected with ldso::Error, for both ISAs and two page sizes, without a
// crash, a sanitizer report or another exception. Not wired into the build:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
//     tests/fuzz/elf_file_fuzz.cpp elf/file.cpp elf/error.cpp -lelf -o elf_file_fuzz
//   ./elf_file_fuzz -max_len=70000 corpus/
// A seed corpus: any executables, e.g. build/*/samples/* and /bin/true.
#include <elf.h>

#include <cstddef>
#include <cstdint>
#include <span>

#include "elf/error.h"
#include "elf/file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const unsigned char> image(data, size);
  for (uint16_t machine : {uint16_t(EM_X86_64), uint16_t(EM_AARCH64)}) {
    for (uint64_t page : {uint64_t(0x1000), uint64_t(0x10000)}) {
      for (auto role : {ldso::elf::Role::program, ldso::elf::Role::library}) {
        try {
          ldso::elf::File f = ldso::elf::File::parse("fuzz", image, ldso::elf::Target{machine, page}, role);
          // Touch what the loader would use first.
          volatile uint64_t sink = f.min_vaddr() + f.max_vaddr() + f.phdr_vaddr() + f.interp().size() + f.dyn().size();
          (void)sink;
        } catch (const ldso::Error&) {
        }
      }
    }
  }
  return 0;
}
