#include "ldso/stats.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "arch/relocs.h"
#include "ldso/code.h"
#include "ldso/linker.h"
#include "ldso/sync.h"

namespace ldso {
namespace {

std::string g_path;
Linker* g_linker;
uint64_t g_phase_ns[static_cast<int>(Phase::count)];
uint64_t g_last_ns;

uint64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + ts.tv_nsec;
}

const char* kPhaseNames[] = {"validate", "load", "tls", "relocate", "sync", "start"};

void json_string(std::string& out, const char* s) {
  out += '"';
  for (; s && *s; ++s) {
    const unsigned char c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char b[8];
      snprintf(b, sizeof b, "\\u%04x", c);
      out += b;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace

void phase_done(Phase p) {
  const uint64_t t = now_ns();
  if (!g_last_ns) g_last_ns = t;
  g_phase_ns[static_cast<int>(p)] += t - g_last_ns;
  g_last_ns = t;
}

void stats_configure(const std::string& path, Linker* linker) {
  g_path = path;
  g_linker = linker;
  if (!g_last_ns) g_last_ns = now_ns();
}

bool stats_requested() { return !g_path.empty(); }

void stats_write() {
  if (g_path.empty()) return;
  std::string out = "{\"objects\":[";
  const auto objects = code_objects();
  for (size_t i = 0; i < objects.size(); ++i) {
    const CodeObject& c = objects[i];
    if (!c.end) continue;  // forgotten (a load that fell back)
    if (out.back() != '[') out += ',';
    char b[256];
    out += "{\"path\":";
    json_string(out, c.path);
    snprintf(b, sizeof b, ",\"segments\":%u,\"exec_segments\":%u,\"bytes_mapped\":%llu,\"bytes_copied\":%llu",
             c.segments, c.exec_segments, (unsigned long long)c.bytes_mapped, (unsigned long long)c.bytes_copied);
    out += b;
    out += ",\"relocations\":{";
    if (g_linker) {
      const arch::RelocTraits& t = arch::native_relocs();
      for (const auto& o : g_linker->objects()) {
        if (o->is_rtld || o->image.code != i) continue;
        bool first = true;
        for (const auto& [type, n] : o->reloc_counts) {
          const char* name = t.name(type);
          snprintf(b, sizeof b, "%s\"%s%s\":%llu", first ? "" : ",", name ? name : "type_",
                   name ? "" : std::to_string(type).c_str(), (unsigned long long)n);
          out += b;
          first = false;
        }
      }
    }
    out += "}}";
  }
  out += "],\"sync\":";
  const int fd = open(g_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fprintf(stderr, "ldso: %s: cannot write statistics: %m\n", g_path.c_str());
    return;
  }
  bool ok = write(fd, out.data(), out.size()) == static_cast<ssize_t>(out.size());
  ok = ok && write_sync_json(fd, sync_ledger());
  out = ",\"phases_us\":{";
  for (int p = 0; p < static_cast<int>(Phase::count); ++p) {
    char b[64];
    snprintf(b, sizeof b, "%s\"%s\":%.1f", p ? "," : "", kPhaseNames[p], g_phase_ns[p] / 1000.0);
    out += b;
  }
  out += "}}\n";
  ok = ok && write(fd, out.data(), out.size()) == static_cast<ssize_t>(out.size());
  close(fd);
  if (!ok) fprintf(stderr, "ldso: %s: cannot write statistics\n", g_path.c_str());
}

}  // namespace ldso
