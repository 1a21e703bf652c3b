// Code: every executable segment ldso placed, what ldso wrote into it, and
// when it is made safe to execute (DESIGN.md, "Why cache coherence matters").
//
//   eager (default): one ranged sync over each executable segment, after the
//            last write to it and before the first instruction in it runs;
//   written: only the ranges ldso wrote (copied bytes, text relocations);
//   lazy:    executable segments stay non-executable; the SIGSEGV handler
//            syncs each page on its first instruction fetch and makes it
//            executable (with --load=copy it also fills pages on first touch).
//
// The table is fixed-size and read by the fault handler, so everything the
// handler touches is async-signal-safe: no allocation, no libc, no errno.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

struct sigaction;

#include "arch/cache.h"

namespace ldso {

enum class SyncMode { eager, written, lazy };
enum class LoadMode { map, copy };

struct CodeOptions {
  SyncMode sync = SyncMode::eager;
  LoadMode load = LoadMode::map;
  bool crash_report = true;
  // LDSO_DEBUG_SKIP_SYNC: omit the syncs on purpose, to show the coherence
  // check catching it (a test aid, never for real use).
  bool debug_skip_sync = false;
};
CodeOptions& code_options();

struct CodeSegment {
  uintptr_t begin = 0, end = 0;            // p_vaddr .. p_vaddr + p_memsz, biased
  uintptr_t page_begin = 0, page_end = 0;  // the mapping
  uintptr_t written_lo = UINTPTR_MAX, written_hi = 0;
  // The coherence check: what was written and not yet covered by a sync.
  uintptr_t dirty_lo = UINTPTR_MAX, dirty_hi = 0;
  int final_prot = 0;       // from p_flags
  bool synced = false;      // eager/written: done
  bool demand_fill = false;  // lazy + copy: pages are filled on first touch
  const uint8_t* staging = nullptr;  // demand fill: the page contents, by page
  uint8_t* page_state = nullptr;     // lazy: 0 empty, 1 readable, 2 executable
  uint32_t object = 0;               // index into the object table
};

// An object for the crash report and statistics: name and where it lies.
struct CodeObject {
  const char* path = nullptr;
  uintptr_t start = 0, end = 0, bias = 0;
  // Dynamic symbol table, for the nearest symbol (may be null).
  const void* dynsym = nullptr;
  const char* dynstr = nullptr;
  uint32_t nsyms = 0;
  // Statistics.
  uint32_t segments = 0, exec_segments = 0;
  uint64_t bytes_mapped = 0, bytes_copied = 0;
};

// Registers an object; returns its index.
uint32_t code_add_object(const char* path, uintptr_t start, uintptr_t end, uintptr_t bias);
void code_set_symbols(uint32_t object, const void* dynsym, const char* dynstr, uint32_t nsyms);
CodeObject& code_object(uint32_t object);
// Forgets an object that was unmapped again (a load that fell back).
void code_forget_object(uint32_t object);
// Registers an executable segment of `object`; returns its index.
size_t code_add_segment(const CodeSegment& seg);
// ldso wrote [p, p + n): if that lies in an executable segment, remember it.
void code_note_write(uintptr_t p, size_t n);
// Makes every executable segment of `object` safe to run, per the mode (eager
// or written: sync what is due, once; lazy: nothing, the handler does it).
void code_finish_object(uint32_t object);
// The coherence check: before code of `object` runs (`what`: "an IFUNC
// resolver", "its initialisers", "the program"), every byte ldso wrote into
// its executable segments must have been synced since. Throws ldso::Error
// naming the range otherwise. (Lazy mode syncs each page on its first fetch
// after the last write, by construction.)
void code_check_runnable(uint32_t object, const char* what);
// The prot an executable segment has while the program runs (lazy: no X).
int code_runtime_prot(int final_prot);

// Installs the SIGSEGV/SIGBUS/SIGILL handler: lazy faults, demand fill, and
// the crash report; every other fault goes to the previous handler or takes
// the default action. Before anything of the program runs.
void install_fault_handler();
// Puts back what install_fault_handler replaced (before handing the process
// over to another loader: ldso-host installs its own).
void uninstall_fault_handler();

// Host mode's sigaction for the signals ldso's handler takes (SIGSEGV,
// SIGBUS, SIGILL): the program's action becomes the one ldso's handler
// chains to, and ldso's stays first. False for any other signal.
bool code_program_sigaction(int sig, const struct sigaction* act, struct sigaction* old);

std::span<const CodeSegment> code_segments();
std::span<const CodeObject> code_objects();

}  // namespace ldso
