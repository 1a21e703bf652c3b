#include "ldso/host/glibc_host.h"

#include <dirent.h>
#include <dlfcn.h>
#include <signal.h>
#include <sys/syscall.h>
#include <limits.h>
#include <pthread.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "arch/arch.h"
#include "elf/eh_frame.h"
#include "elf/error.h"
#include "ldso/host/overrides.h"
#include "ldso/host/tls_reserve.h"

namespace ldso::host {
namespace {

uint64_t page_size() { return static_cast<uint64_t>(sysconf(_SC_PAGESIZE)); }

// The PT_LOAD span of an object the host loaded.
std::pair<uintptr_t, uintptr_t> span_of(const dl_phdr_info* info) {
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  const uint64_t page = page_size();
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& p = info->dlpi_phdr[i];
    if (p.p_type != PT_LOAD) continue;
    lo = std::min<uintptr_t>(lo, (info->dlpi_addr + p.p_vaddr) & ~(page - 1));
    hi = std::max<uintptr_t>(hi, (info->dlpi_addr + p.p_vaddr + p.p_memsz + page - 1) & ~(page - 1));
  }
  return {lo, hi};
}

const void* eh_frame_of(const Object& o) {
  const uintptr_t hdr = o.addr(o.eh_frame->vaddr);
  const auto start = elf::eh_frame_start(reinterpret_cast<const uint8_t*>(hdr), hdr);
  return start ? reinterpret_cast<const void*>(*start) : nullptr;
}

// Whether [p, p + n) lies in the PT_GNU_RELRO of a host object.
bool in_host_relro(uintptr_t p, size_t n) {
  struct Q {
    uintptr_t p;
    size_t n;
    bool relro;
  } q{p, n, false};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        auto* q = static_cast<Q*>(arg);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          const uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
          if (ph.p_type == PT_GNU_RELRO && q->p >= lo && q->p + q->n <= lo + ph.p_memsz) q->relro = true;
        }
        return q->relro ? 1 : 0;
      },
      &q);
  return q.relro;
}

// Writes host data that may lie in RELRO (read-only once glibc started):
// `size` bytes of `data`, then zeros up to `n`.
void store_host_data(void* at, const void* data, size_t size, size_t n) {
  const uint64_t page = page_size();
  const uintptr_t a = reinterpret_cast<uintptr_t>(at);
  const uintptr_t lo = a & ~(page - 1), hi = (a + n + page - 1) & ~(page - 1);
  const bool relro = in_host_relro(a, n);
  if (relro && mprotect(reinterpret_cast<void*>(lo), hi - lo, PROT_READ | PROT_WRITE) != 0)
    throw Error("ldso-host", "PT_GNU_RELRO", std::nullopt, format("cannot write the host's data: %s", strerror(errno)));
  if (size) memcpy(at, data, size);
  memset(static_cast<uint8_t*>(at) + size, 0, n - size);
  if (relro) mprotect(reinterpret_cast<void*>(lo), hi - lo, PROT_READ);
}

using RegisterFrame = void (*)(const void*, void*);
using DeregisterFrame = void* (*)(const void*);

}  // namespace

GlibcHost::GlibcHost() {
  // ldso-host's executable is the host's first object; its TLS block must be
  // the reserve alone.
  struct Found {
    uintptr_t tls_image = 0;
    uint64_t filesz = 0, memsz = 0, max_align = kTlsReserveAlign;
    bool done = false;
  } f;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        auto* f = static_cast<Found*>(arg);
        // glibc aligns every thread pointer to the largest TLS alignment
        // of the initial modules (all of those loaded now).
        for (int i = 0; i < info->dlpi_phnum; ++i)
          if (info->dlpi_phdr[i].p_type == PT_TLS && info->dlpi_phdr[i].p_align > f->max_align)
            f->max_align = info->dlpi_phdr[i].p_align;
        if (f->done) return 0;
        f->done = true;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& p = info->dlpi_phdr[i];
          if (p.p_type == PT_TLS) {
            f->tls_image = info->dlpi_addr + p.p_vaddr;
            f->filesz = p.p_filesz;
            f->memsz = p.p_memsz;
          }
        }
        return 0;
      },
      &f);
  if (f.filesz != kTlsReserveSize || f.memsz != kTlsReserveSize)
    throw Error("ldso-host", "PT_TLS", std::nullopt,
                format("the executable's TLS block is %llu bytes (%llu initialised), not the %zu-byte reserve alone",
                       (unsigned long long)f.memsz, (unsigned long long)f.filesz, kTlsReserveSize));
  template_ = reinterpret_cast<uint8_t*>(f.tls_image);
  const intptr_t lo = reinterpret_cast<intptr_t>(&ldso_tls_reserve[0]) -
                      static_cast<intptr_t>(arch::thread_pointer_raw());
  const int64_t hi = lo + static_cast<int64_t>(kTlsReserveSize);
  block_lo_ = lo;
  // The word holding each thread's DTV pointer is placed in the reserve by
  // the linker after the initial modules (Linker::layout_tls).
  reserve_ = {lo, hi, f.max_align};
  // A thread's DTV and its dynamic blocks go when the thread does, after the
  // program's own key destructors (which may use them): glibc runs the
  // destructors in rounds while values are set, so ours puts its value back
  // until the last round (its count kept in the DTV's first word).
  static pthread_key_t key;
  if (pthread_key_create(&key, [](void* p) {
        auto* dtv = static_cast<uintptr_t*>(p);
        const uint64_t round = ++tls_dtv_host_word(dtv);
        if (round < PTHREAD_DESTRUCTOR_ITERATIONS && pthread_setspecific(key, dtv) == 0) return;
        tls_free_dtv(dtv);
      }) == 0)
    ldso_dtv_made = [](uintptr_t* dtv) { pthread_setspecific(key, dtv); };
}

const std::vector<GlibcHost::Loaded>& GlibcHost::scan() {
  // The host's list changes only when it loads or unloads something: one
  // stat per object per change, not per library ldso looks for.
  struct Ctx {
    GlibcHost* self;
    bool first = true;
  } ctx{this};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        auto* c = static_cast<Ctx*>(arg);
        const bool first = c->first;
        c->first = false;
        GlibcHost& h = *c->self;
        if (first) {
          if (h.scanned_ && info->dlpi_adds == h.adds_ && info->dlpi_subs == h.subs_) return 1;
          h.scanned_ = true;
          h.adds_ = info->dlpi_adds;
          h.subs_ = info->dlpi_subs;
          h.loaded_.clear();
          return 0;  // ldso-host itself
        }
        if (!info->dlpi_name || !*info->dlpi_name) return 0;  // the vDSO
        struct stat st;
        if (stat(info->dlpi_name, &st) != 0) return 0;
        Loaded l{};
        l.lib.path = info->dlpi_name;
        l.lib.bias = info->dlpi_addr;
        std::tie(l.lib.start, l.lib.end) = span_of(info);
        if (info->dlpi_tls_modid && info->dlpi_tls_data) {
          l.lib.has_tls = true;
          l.lib.tls_offset = reinterpret_cast<intptr_t>(info->dlpi_tls_data) -
                             static_cast<intptr_t>(arch::thread_pointer_raw());
        }
        l.dev = st.st_dev;
        l.ino = st.st_ino;
        h.loaded_.push_back(l);
        return 0;
      },
      &ctx);
  return loaded_;
}

HostLibrary GlibcHost::glibc(const std::string& name, const std::string& needed_by) {
  void* h = dlopen(name.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  if (!h) h = dlopen(name.c_str(), RTLD_LAZY);  // not loaded yet: the host opens it
  if (!h) {
    const char* why = dlerror();
    throw Error(needed_by, "DT_NEEDED", std::nullopt,
                format("host mode: the host cannot open %s: %s", name.c_str(), why ? why : "unknown error"));
  }
  struct link_map* lm = nullptr;
  if (dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm)
    for (const Loaded& l : scan())
      if (l.lib.bias == lm->l_addr) return l.lib;
  throw Error(needed_by, "DT_NEEDED", std::nullopt,
              format("host mode: %s is open in the host but not among its objects", name.c_str()));
}

std::optional<HostLibrary> GlibcHost::same_file(dev_t dev, ino_t ino) {
  for (const Loaded& l : scan())
    if (l.dev == dev && l.ino == ino) return l.lib;
  return std::nullopt;
}

std::span<const RtldSymbol> GlibcHost::overrides() { return override_symbols(); }

namespace {

// Static TLS of a library opened while other threads run: glibc writes its
// image into every thread's block itself; ldso cannot walk glibc's threads,
// so each thread writes its own, on a signal. (Its block is still zero
// there: reserve space is never reused, so only the image is missing.)
struct FillRequest {
  int64_t tp_offset;
  const void* image;
  size_t size;
  int done;
};
FillRequest g_fill;

void fill_own_tls(int) {
  memcpy(reinterpret_cast<void*>(arch::thread_pointer_raw() + g_fill.tp_offset), g_fill.image, g_fill.size);
  __atomic_add_fetch(&g_fill.done, 1, __ATOMIC_RELEASE);
}

// Whether thread `tid` blocks `sig` (its SigBlk in /proc), so that a signal
// sent now would stay pending past the request.
bool blocks(pid_t tid, int sig) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/self/task/%d/status", static_cast<int>(tid));
  FILE* f = fopen(path, "re");
  if (!f) return true;
  unsigned long long mask = ~0ull;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "SigBlk: %llx", &mask) == 1) break;
  fclose(f);
  return (mask >> (sig - 1)) & 1;
}

void fill_other_threads(int64_t tp_offset, const void* image, size_t size) {
  DIR* d = opendir("/proc/self/task");
  if (!d) return;
  const pid_t self = static_cast<pid_t>(syscall(SYS_gettid));
  std::vector<pid_t> others;
  while (dirent* e = readdir(d))
    if (e->d_name[0] != '.' && atoi(e->d_name) != self) others.push_back(atoi(e->d_name));
  closedir(d);
  if (others.empty()) return;
  // A real-time signal programs seldom use (qemu-user cannot deliver the
  // last two).
  const int sig = SIGRTMAX - 4;
  struct sigaction sa {}, old {};
  sa.sa_handler = fill_own_tls;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  if (sigaction(sig, &sa, &old) != 0) return;
  g_fill = {tp_offset, image, size, 0};
  int sent = 0;
  // A thread glibc is starting blocks every signal for a moment: retry those
  // a while. One that keeps it blocked is left out (see ldso(1)).
  for (int round = 0; round < 20 && !others.empty(); ++round) {
    for (size_t i = 0; i < others.size();) {
      if (blocks(others[i], sig)) {
        ++i;
        continue;
      }
      if (syscall(SYS_tgkill, getpid(), others[i], sig) == 0) ++sent;
      others[i] = others.back();
      others.pop_back();
    }
    if (!others.empty()) usleep(1000);
  }
  // Threads exit or stop meanwhile: wait a bounded time, then go on.
  for (int i = 0; i < 2000 && __atomic_load_n(&g_fill.done, __ATOMIC_ACQUIRE) < sent; ++i) usleep(1000);
  sigaction(sig, &old, nullptr);
}

}  // namespace

void GlibcHost::init_tls(int64_t tp_offset, const void* image, size_t filesz, size_t memsz) {
  // This thread's copy, and that of every other thread running (a library
  // opened later; at start-up there is only this thread).
  auto* here = reinterpret_cast<uint8_t*>(arch::thread_pointer_raw() + tp_offset);
  if (filesz) memcpy(here, image, filesz);
  memset(here + filesz, 0, memsz - filesz);
  // The template, for threads made from now on (in ldso-host's RELRO), then
  // the threads that were made before.
  uint8_t* t = template_ + (tp_offset - block_lo_);
  store_host_data(t, image, filesz, memsz);
  if (filesz) fill_other_threads(tp_offset, image, filesz);
}

void GlibcHost::object_added(Object& o) {
  // C++ exceptions unwind through ldso's objects: the host's unwinder learns
  // their .eh_frame (it asks registered frames before glibc's loader).
  static auto reg = reinterpret_cast<RegisterFrame>(dlsym(RTLD_DEFAULT, "__register_frame_info"));
  if (!reg || !o.eh_frame || o.frame_object) return;
  const void* eh = eh_frame_of(o);
  if (!eh) return;
  o.frame_object = std::make_unique<uint64_t[]>(16);  // libgcc's struct object, zeroed
  reg(eh, o.frame_object.get());
}

void GlibcHost::object_removed(Object& o) {
  static auto dereg = reinterpret_cast<DeregisterFrame>(dlsym(RTLD_DEFAULT, "__deregister_frame_info"));
  if (!o.frame_object || !dereg) return;
  dereg(eh_frame_of(o));
  o.frame_object.reset();
}

void GlibcHost::enter(Linker* linker, const ProgramView& view, uintptr_t sp) {
  for (const auto& o : linker->objects())
    if (o->ours()) object_added(*o);
  overrides_start(linker, view, sp);
  // glibc finds the main thread's stack (pthread_getattr_np, for garbage
  // collectors and guard pages) from __libc_stack_end: the program's stack
  // now. It lies in ld.so's RELRO.
  if (auto* end = static_cast<void**>(dlsym(RTLD_DEFAULT, "__libc_stack_end"))) {
    const void* value = reinterpret_cast<void*>(sp);
    store_host_data(end, &value, sizeof value, sizeof value);
  }
}

}  // namespace ldso::host
