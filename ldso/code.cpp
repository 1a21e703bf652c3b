#include "ldso/code.h"

#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "arch/arch.h"
#include "elf/error.h"
#include "ldso/sync.h"

namespace ldso {
namespace {

// Room for programs that keep a few thousand libraries open (glibc has no
// such limit; dl_manytls opens 1,100 at once). Executable segments: about
// one per object.
constexpr size_t kMaxObjects = 4096, kMaxSegments = 4096;
constexpr uint32_t kFreeSegment = UINT32_MAX;  // CodeSegment::object of a free slot
CodeObject g_objects[kMaxObjects];
size_t g_nobjects;
CodeSegment g_segments[kMaxSegments];
size_t g_nsegments;
uintptr_t g_page = 4096;
struct sigaction g_previous[65];
bool g_program_set[65];  // host mode: the program set this signal's action

long sys(long n, long a = 0, long b = 0, long c = 0, long d = 0) { return arch::raw_syscall(n, a, b, c, d); }
int raw_mprotect(uintptr_t p, size_t n, int prot) { return static_cast<int>(sys(SYS_mprotect, p, n, prot)); }

// --- async-signal-safe formatting for the crash report -----------------------
struct Out {
  char buf[512];
  size_t n = 0;
  Out& s(const char* str) {
    while (str && *str && n < sizeof buf - 1) buf[n++] = *str++;
    return *this;
  }
  Out& hex(uint64_t v) {
    char t[19];
    int i = 18;
    t[i] = 0;
    do t[--i] = "0123456789abcdef"[v & 15]; while ((v >>= 4) && i > 2);
    t[--i] = 'x';
    t[--i] = '0';
    return s(t + i);
  }
  Out& dec(uint64_t v) {
    char t[21];
    int i = 20;
    t[i] = 0;
    do t[--i] = static_cast<char>('0' + v % 10); while ((v /= 10) && i > 0);
    return s(t + i);
  }
  void flush() {
    buf[n++] = '\n';
    sys(SYS_write, 2, reinterpret_cast<long>(buf), static_cast<long>(n));
    n = 0;
  }
};

const char* signame(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
  }
  return "signal";
}

const char* codename(int sig, int code) {
  if (sig == SIGSEGV) {
    if (code == SEGV_MAPERR) return "SEGV_MAPERR";
    if (code == SEGV_ACCERR) return "SEGV_ACCERR";
  } else if (sig == SIGBUS) {
    if (code == BUS_ADRALN) return "BUS_ADRALN";
    if (code == BUS_ADRERR) return "BUS_ADRERR";
    if (code == BUS_OBJERR) return "BUS_OBJERR";
  } else if (sig == SIGILL) {
    if (code == ILL_ILLOPC) return "ILL_ILLOPC";
    if (code == ILL_ILLOPN) return "ILL_ILLOPN";
    if (code == ILL_PRVOPC) return "ILL_PRVOPC";
  }
  if (code == SI_USER) return "SI_USER";
  if (code == SI_TKILL) return "SI_TKILL";
  return "code";
}

uintptr_t context_pc(void* uc) {
  auto* u = static_cast<ucontext_t*>(uc);
#if defined(__x86_64__)
  return u->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  return u->uc_mcontext.pc;
#endif
}

// Nearest symbol at or below `off` in the object's .dynsym, else .symtab read
// from the file with raw system calls and a fixed buffer.
bool nearest_symbol(const CodeObject& o, uintptr_t vaddr, const char** name, uint64_t* delta, char* namebuf,
                    size_t namebuf_len) {
  uint64_t best = 0;
  bool found = false;
  auto consider = [&](const Elf64_Sym& s) {
    const unsigned t = ELF64_ST_TYPE(s.st_info);
    if ((t != STT_FUNC && t != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF || s.st_value > vaddr) return false;
    // At equal addresses a function beats an IFUNC symbol (its resolver).
    if (!found || s.st_value > best || (s.st_value == best && t == STT_FUNC)) {
      best = s.st_value;
      found = true;
      return true;
    }
    return false;
  };
  if (o.dynsym) {
    auto* syms = static_cast<const Elf64_Sym*>(o.dynsym);
    for (uint32_t i = 1; i < o.nsyms; ++i)
      if (consider(syms[i])) *name = o.dynstr + syms[i].st_name;
  }
  // .symtab: local functions are not in .dynsym.
  const long fd = sys(SYS_openat, AT_FDCWD, reinterpret_cast<long>(o.path), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    Elf64_Ehdr eh;
    auto rd = [&](void* b, size_t n, uint64_t off) {
      return sys(SYS_pread64, fd, reinterpret_cast<long>(b), static_cast<long>(n), static_cast<long>(off)) ==
             static_cast<long>(n);
    };
    if (rd(&eh, sizeof eh, 0) && eh.e_shentsize == sizeof(Elf64_Shdr)) {
      for (unsigned i = 0; i < eh.e_shnum; ++i) {
        Elf64_Shdr sh;
        if (!rd(&sh, sizeof sh, eh.e_shoff + uint64_t(i) * sizeof sh) || sh.sh_type != SHT_SYMTAB) continue;
        Elf64_Shdr strsh;
        if (!rd(&strsh, sizeof strsh, eh.e_shoff + uint64_t(sh.sh_link) * sizeof strsh)) break;
        Elf64_Sym chunk[64];
        const uint64_t n = sh.sh_size / sizeof(Elf64_Sym);
        for (uint64_t k = 0; k < n; k += 64) {
          const uint64_t m = n - k < 64 ? n - k : 64;
          if (!rd(chunk, m * sizeof(Elf64_Sym), sh.sh_offset + k * sizeof(Elf64_Sym))) break;
          for (uint64_t j = 0; j < m; ++j)
            if (consider(chunk[j]) && chunk[j].st_name < strsh.sh_size) {
              namebuf[0] = 0;
              const size_t want = strsh.sh_size - chunk[j].st_name < namebuf_len - 1 ? strsh.sh_size - chunk[j].st_name
                                                                                     : namebuf_len - 1;
              if (rd(namebuf, want, strsh.sh_offset + chunk[j].st_name)) namebuf[want] = 0;
              namebuf[namebuf_len - 1] = 0;
              *name = namebuf;
            }
        }
        break;
      }
    }
    sys(SYS_close, fd);
  }
  *delta = vaddr - best;
  return found;
}

void crash_report(int sig, siginfo_t* si, void* uc) {
  const uintptr_t pc = context_pc(uc);
  Out out;
  out.s("ldso: crash: ").s(signame(sig)).s(" (").s(codename(sig, si->si_code)).s(") at pc ").hex(pc);
  out.s(", fault address ").hex(reinterpret_cast<uintptr_t>(si->si_addr)).flush();
  const CodeObject* obj = nullptr;
  for (size_t i = 0; i < g_nobjects; ++i)
    if (pc >= g_objects[i].start && pc < g_objects[i].end) obj = &g_objects[i];
  if (obj) {
    const uintptr_t vaddr = pc - obj->bias;
    const char* name = nullptr;
    uint64_t delta = 0;
    static char namebuf[256];
    out.s("ldso: crash: pc is in ").s(obj->path).s(" at offset ").hex(vaddr);
    if (nearest_symbol(*obj, vaddr, &name, &delta, namebuf, sizeof namebuf) && name)
      out.s(", in ").s(name).s("+").hex(delta);
    out.flush();
  } else {
    out.s("ldso: crash: pc is in no object ldso loaded").flush();
  }
  const SyncLedger& ledger = sync_ledger();
  if (const LedgerEntry* e = ledger.find(pc)) {
    out.s("ldso: crash: pc page was synced by ledger entry #").dec(e->seq).s(" (").s(sync_reason_name(e->reason));
    out.s(", ").hex(e->begin).s("..").hex(e->end).s(")").flush();
  } else if (!ledger.complete()) {
    out.s("ldso: crash: pc page: not in the ledger, which dropped ").dec(ledger.dropped()).s(" entries").flush();
  } else {
    out.s("ldso: crash: pc page was never synced by ldso").flush();
  }
}

// Re-delivers the signal to whatever handled it before ldso.
void chain(int sig, siginfo_t* si, void* uc) {
  const struct sigaction& prev = g_previous[sig];
  // An ignored signal sent by kill/tgkill stays ignored.
  if (prev.sa_handler == SIG_IGN && si->si_code <= 0) return;
  if (prev.sa_handler == SIG_DFL || prev.sa_handler == SIG_IGN) {
    // No report where the program chose the default action itself.
    if (code_options().crash_report && si->si_code > 0 && !g_program_set[sig]) crash_report(sig, si, uc);
    // Default action: restore it; the faulting instruction runs again and
    // faults into the default action (a core dump, the same exit status).
    struct kernel_sigaction {
      void* handler;
      unsigned long flags;
      void* restorer;
      uint64_t mask;
    } dfl{};
    sys(SYS_rt_sigaction, sig, reinterpret_cast<long>(&dfl), 0, sizeof dfl.mask);
    if (si->si_code <= 0) sys(SYS_tgkill, sys(SYS_getpid), sys(SYS_gettid), sig);
    return;
  }
  // The program's handler runs as the kernel would have run it: with its
  // sa_mask (and the signal itself unless SA_NODEFER) blocked, and reset to
  // the default first when SA_RESETHAND asks. A siglongjmp out restores the
  // mask it saved; a return restores ours.
  const struct sigaction h = prev;
  if (h.sa_flags & SA_RESETHAND) {
    g_previous[sig].sa_handler = SIG_DFL;
    g_previous[sig].sa_flags = 0;
  }
  uint64_t mask, add;
  memcpy(&mask, &static_cast<ucontext_t*>(uc)->uc_sigmask, sizeof mask);
  memcpy(&add, &h.sa_mask, sizeof add);
  mask |= add;
  if (!(h.sa_flags & SA_NODEFER)) mask |= 1ull << (sig - 1);
  uint64_t old = 0;
  sys(SYS_rt_sigprocmask, SIG_SETMASK, reinterpret_cast<long>(&mask), reinterpret_cast<long>(&old), sizeof mask);
  if (h.sa_flags & SA_SIGINFO)
    h.sa_sigaction(sig, si, uc);
  else
    h.sa_handler(sig);
  sys(SYS_rt_sigprocmask, SIG_SETMASK, reinterpret_cast<long>(&old), 0, sizeof old);
}

// Number of threads in the process, from /proc/self/stat (field 20), read
// with raw system calls; 0 if unknown.
long thread_count() {
  char buf[512];
  const long fd = sys(SYS_openat, AT_FDCWD, reinterpret_cast<long>("/proc/self/stat"), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  const long n = sys(SYS_read, fd, reinterpret_cast<long>(buf), sizeof buf - 1);
  sys(SYS_close, fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  // Fields after the command name, which is in parentheses and may hold spaces.
  long i = n - 1;
  while (i > 0 && buf[i] != ')') --i;
  int field = 2;
  long value = 0;
  for (++i; i < n; ++i) {
    if (buf[i] == ' ') {
      if (field == 20) return value;
      ++field;
      value = 0;
    } else if (buf[i] >= '0' && buf[i] <= '9') {
      value = value * 10 + (buf[i] - '0');
    }
  }
  return 0;
}

void on_fault(int sig, siginfo_t* si, void* uc) {
  const uintptr_t addr = reinterpret_cast<uintptr_t>(si->si_addr);
  if (sig == SIGSEGV && si->si_code == SEGV_ACCERR && code_options().sync == SyncMode::lazy) {
    for (size_t i = 0; i < g_nsegments; ++i) {
      CodeSegment& s = g_segments[i];
      if (addr < s.page_begin || addr >= s.page_end || !s.page_state) continue;
      const uintptr_t page = addr & ~(g_page - 1);
      uint8_t* state = &s.page_state[(page - s.page_begin) / g_page];
      // An instruction fetch faults at the pc, or on x86_64 (instructions up
      // to 15 bytes) in the next page for an instruction that straddles it.
      const uintptr_t pc = context_pc(uc);
#if defined(__x86_64__)
      const bool fetch = addr >= pc && addr - pc < 15;
#else
      const bool fetch = addr == pc;
#endif
      uint8_t st = __atomic_load_n(state, __ATOMIC_ACQUIRE);
      if (s.demand_fill && st != 1 && st != 2) {
        // First touch: fill the page from the staged file bytes. One thread
        // claims it (state 3); the others wait until it is filled.
        uint8_t empty = 0;
        if (__atomic_compare_exchange_n(state, &empty, 3, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
          raw_mprotect(page, g_page, PROT_READ | PROT_WRITE);
          const uint8_t* src = s.staging + (page - s.page_begin);
          for (size_t k = 0; k < g_page; ++k) reinterpret_cast<uint8_t*>(page)[k] = src[k];
          raw_mprotect(page, g_page, PROT_READ);
          __atomic_store_n(state, 1, __ATOMIC_RELEASE);
        } else {
          while (__atomic_load_n(state, __ATOMIC_ACQUIRE) == 3) sys(SYS_sched_yield);
        }
        if (!fetch) return;
      }
      // A fetch fault in a lazy segment: the page is not executable, even if
      // it was once (a later write dropped its X): sync it and make it so.
      if (fetch) {
        const CodeObject& o = g_objects[s.object];
        sync_ledger().sync_lazy_fault(page, page + g_page, s.object, o.path);
        raw_mprotect(page, g_page, PROT_READ | PROT_EXEC);
        __atomic_store_n(state, 2, __ATOMIC_RELEASE);
        // Other threads may already have fetched from this page: they need a
        // context synchronisation event before they run it.
        if (sync_ledger().membarrier().state == MembarrierState::registered && thread_count() != 1)
          membarrier_sync_core();
        return;
      }
      break;  // a real fault inside code: not ours
    }
  }
  chain(sig, si, uc);
}

}  // namespace

CodeOptions& code_options() {
  static CodeOptions o;
  return o;
}

uint32_t code_add_object(const char* path, uintptr_t start, uintptr_t end, uintptr_t bias) {
  // A slot an unloaded object left (path null) first: dlopen/dlclose loops.
  size_t i = 0;
  while (i < g_nobjects && g_objects[i].path) ++i;
  if (i == kMaxObjects) throw Error(path, "load", std::nullopt, "too many objects for the code table");
  g_objects[i] = CodeObject{};
  g_objects[i].path = path;
  g_objects[i].start = start;
  g_objects[i].end = end;
  g_objects[i].bias = bias;
  if (i == g_nobjects) ++g_nobjects;
  return static_cast<uint32_t>(i);
}

CodeObject& code_object(uint32_t object) { return g_objects[object]; }

void code_forget_object(uint32_t object) {
  g_objects[object].start = g_objects[object].end = 0;
  g_objects[object].path = nullptr;  // the slot is free again
  for (size_t i = 0; i < g_nsegments; ++i) {
    CodeSegment& s = g_segments[i];
    if (s.object != object) continue;
    if (s.staging) munmap(const_cast<uint8_t*>(s.staging), s.page_end - s.page_begin);
    free(s.page_state);
    s = CodeSegment{};
    s.object = kFreeSegment;  // reusable, and no object's any more
  }
}

void code_set_symbols(uint32_t object, const void* dynsym, const char* dynstr, uint32_t nsyms) {
  g_objects[object].dynsym = dynsym;
  g_objects[object].dynstr = dynstr;
  g_objects[object].nsyms = nsyms;
}

size_t code_add_segment(const CodeSegment& seg) {
  size_t i = 0;
  while (i < g_nsegments && g_segments[i].object != kFreeSegment) ++i;
  if (i == kMaxSegments)
    throw Error(g_objects[seg.object].path, "load", std::nullopt, "too many executable segments for the code table");
  g_page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  g_segments[i] = seg;
  if (i == g_nsegments) ++g_nsegments;
  return i;
}

void code_note_write(uintptr_t p, size_t n) {
  for (size_t i = 0; i < g_nsegments; ++i) {
    CodeSegment& s = g_segments[i];
    if (p + n <= s.page_begin || p >= s.page_end) continue;
    if (p < s.written_lo) s.written_lo = p;
    if (p + n > s.written_hi) s.written_hi = p + n;
    // Only bytes of the segment can run as code.
    const uintptr_t lo = p < s.begin ? s.begin : p, hi = p + n > s.end ? s.end : p + n;
    if (lo < hi) {
      if (lo < s.dirty_lo) s.dirty_lo = lo;
      if (hi > s.dirty_hi) s.dirty_hi = hi;
    }
    // Lazy: a page written after it was made executable must be synced on
    // its next fetch again (ldso has dropped its X with the write).
    if (s.page_state)
      for (uintptr_t pg = (p & ~(g_page - 1)); pg < p + n && pg < s.page_end; pg += g_page)
        if (pg >= s.page_begin) __atomic_store_n(&s.page_state[(pg - s.page_begin) / g_page], 1, __ATOMIC_RELEASE);
  }
}

void code_check_runnable(uint32_t object, const char* what) {
  if (code_options().sync == SyncMode::lazy) return;
  for (size_t i = 0; i < g_nsegments; ++i) {
    const CodeSegment& s = g_segments[i];
    if (s.object != object || s.dirty_hi <= s.dirty_lo) continue;
    throw Error(g_objects[object].path, "coherence", std::nullopt,
                format("coherence check: code written at 0x%llx..0x%llx was never synced before %s ran",
                       (unsigned long long)s.dirty_lo, (unsigned long long)s.dirty_hi, what));
  }
}

int code_runtime_prot(int final_prot) {
  return code_options().sync == SyncMode::lazy ? (final_prot & ~PROT_EXEC) : final_prot;
}

void code_finish_object(uint32_t object) {
  const SyncMode mode = code_options().sync;
  if (mode == SyncMode::lazy) return;
  SyncLedger& ledger = sync_ledger();
  for (size_t i = 0; i < g_nsegments; ++i) {
    CodeSegment& s = g_segments[i];
    if (s.object != object || s.synced) continue;
    s.synced = true;
    if (code_options().debug_skip_sync) continue;
    uintptr_t lo = 0, hi = 0;
    if (mode == SyncMode::eager) {
      lo = s.begin, hi = s.end;
      ledger.sync(lo, hi, SyncReason::eager_segment, object, g_objects[object].path);
    } else if (s.written_hi > s.written_lo) {
      lo = s.written_lo, hi = s.written_hi;
      ledger.sync(lo, hi, SyncReason::written_range, object, g_objects[object].path);
    }
    // What this sync covered is clean again.
    if (lo <= s.dirty_lo && s.dirty_hi <= hi) s.dirty_lo = UINTPTR_MAX, s.dirty_hi = 0;
  }
}

void install_fault_handler() {
  struct sigaction sa {};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGILL}) sigaction(sig, &sa, &g_previous[sig]);
}

bool code_program_sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
  if (sig != SIGSEGV && sig != SIGBUS && sig != SIGILL) return false;
  const struct sigaction prev = g_previous[sig];
  if (act) {
    g_previous[sig] = *act;
    g_program_set[sig] = true;
  }
  if (old) *old = prev;
  return true;
}

void uninstall_fault_handler() {
  for (int sig : {SIGSEGV, SIGBUS, SIGILL}) sigaction(sig, &g_previous[sig], nullptr);
}

std::span<const CodeSegment> code_segments() { return {g_segments, g_nsegments}; }
std::span<const CodeObject> code_objects() { return {g_objects, g_nobjects}; }

}  // namespace ldso
