// Loading the closure and symbol lookup.
#include "ldso/linker.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <deque>
#include <fstream>
#include <sstream>

#include "ldso/code.h"
#include "ldso/rtld.h"
#include "ldso/search.h"

namespace ldso {
namespace {

// glibc's own libraries import private symbols of glibc's ld.so.
bool is_glibc_library(const std::string& name) {
  static const char* const kGlibc[] = {"libc.so.6",      "libm.so.6",    "libpthread.so.0", "libdl.so.2",
                                       "librt.so.1",     "libutil.so.1", "libresolv.so.2",  "libanl.so.1",
                                       "libmvec.so.1",   "libBrokenLocale.so.1", "libnsl.so.1", "libc_malloc_debug.so.0"};
  const std::string base = name.substr(name.rfind('/') + 1);
  for (const char* g : kGlibc)
    if (base == g) return true;
  return false;
}

std::string dirname_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string absolute(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) return path;
  return std::string(cwd) + "/" + path;
}

}  // namespace

uintptr_t Definition::address() const {
  if (!sym) return 0;
  if (obj->is_rtld) return sym->st_value;  // absolute: the rtld table holds addresses
  if (sym->st_shndx == SHN_ABS) return sym->st_value;
  return obj->addr(sym->st_value);
}

Linker::Linker(LinkOptions opts, uint64_t page_size)
    : opts_(std::move(opts)), page_(page_size), traits_(arch::native_relocs()) {}

Linker::~Linker() {
  for (auto& o : objects_)
    if (o->ours() && o->image.end > o->image.start) {
      code_forget_object(o->image.code);
      munmap(reinterpret_cast<void*>(o->image.start), o->image.end - o->image.start);
    }
}

Object* Linker::load_file(const std::string& path, const std::string& name, Object* loader, elf::File file) {
  auto o = std::make_unique<Object>();
  o->name = name;
  o->path = path;
  o->type = file.type();
  o->dev = file.dev();
  o->ino = file.ino();
  if (!file.dynamic() && loader)
    throw Error(path, "PT_DYNAMIC", std::nullopt, "shared object has no PT_DYNAMIC");
  o->image = map_image(file, page_);
  o->phdrs = file.phdrs();
  o->phdr_addr = o->image.phdr(file);
  o->tls = file.tls();
  o->relro = file.relro();
  for (const elf::Phdr& p : file.phdrs())
    if (p.type == PT_GNU_EH_FRAME) o->eh_frame = p;
  o->loader = loader;
  Object* raw = o.get();
  objects_.push_back(std::move(o));  // from here the destructor unmaps it
  if (file.dynamic()) {
    raw->dynamic_addr = raw->addr(file.dynamic()->vaddr);
    raw->dyn = elf::decode_dynamic(path, file.dyn());
    raw->symbols.init(path, raw->image.bias, raw->image.start, raw->image.end, raw->dyn);
    if (raw->dyn.symtab)
      code_set_symbols(raw->image.code, raw->symbols.sym(0), raw->symbols.str(0), raw->symbols.count());
    if (raw->dyn.soname) raw->soname = raw->str(*raw->dyn.soname);
    raw->origin = dirname_of(absolute(path));
    if (raw->dyn.rpath) raw->rpath = expand_path_list(raw->str(*raw->dyn.rpath), raw->origin, opts_.platform);
    if (raw->dyn.runpath) raw->runpath = expand_path_list(raw->str(*raw->dyn.runpath), raw->origin, opts_.platform);
  }
  return raw;
}

Object* Linker::find_loaded(const std::string& name) const {
  for (const auto& o : objects_)
    if (o->name == name || (!o->soname.empty() && o->soname == name)) return o.get();
  return nullptr;
}

std::unique_ptr<Object> Linker::make_rtld_object(std::span<const RtldSymbol> table) {
  auto o = std::make_unique<Object>();
  o->name = o->soname = o->path = rtld_soname();
  o->is_rtld = true;
  o->type = ET_DYN;
  o->rtld_table = table;
  for (const RtldSymbol& r : table) {
    Elf64_Sym s{};
    s.st_info = ELF64_ST_INFO(STB_GLOBAL, r.type);
    s.st_shndx = SHN_ABS;
    s.st_value = r.address;
    s.st_size = r.size;
    o->rtld_syms.push_back(s);
  }
  return o;
}

Object* Linker::load_needed(Object& req, const std::string& name) {
  const std::string base = name.substr(name.rfind('/') + 1);
  if (opts_.host && (is_glibc_library(name) || base == rtld_soname())) {
    // Host mode: glibc's family is the host's own copy.
    if (Object* o = find_loaded(name); o && o->is_host) return o;
    const HostLibrary h = opts_.host->glibc(name, req.path);
    for (const auto& o : objects_)
      if (o->is_host && o->image.start == h.start) return o.get();  // another name of it
    return load_host(h, name, &req);
  }
  if (is_glibc_library(name)) throw NeedsGlibc{name};
  if (base == rtld_soname()) {
    for (const auto& o : objects_)
      if (o->is_rtld) return o.get();
    objects_.push_back(make_rtld_object(rtld_symbols()));
    return objects_.back().get();
  }
  if (Object* o = find_loaded(name)) return o;
  if (name.find('$') != std::string::npos) {
    // Dynamic string tokens, as glibc expands them in DT_NEEDED, filter and
    // dlopen names ($ORIGIN: the requester's directory).
    const std::optional<std::string> expanded = expand_name(name, req.origin, opts_.platform);
    if (!expanded)
      throw Error(req.path, "DT_NEEDED", std::nullopt,
                  format("cannot load %s (needed by %s): unknown dynamic string token", name.c_str(), req.path.c_str()));
    if (*expanded != name) return load_needed(req, *expanded);
  }

  const elf::Target target = elf::host_target(page_);
  std::vector<std::string> tried;
  std::string last_error;
  // Opens a candidate. A missing file, or one of another ISA or class, is
  // skipped and remembered for the error message, as glibc does.
  auto try_path = [&](const std::string& path) -> Object* {
    std::optional<elf::File> f;
    try {
      f.emplace(elf::File::open(path, target, elf::Role::library));
    } catch (const Error& e) {
      if (e.field() == "open") {
        tried.push_back(path);
        return nullptr;
      }
      if (e.field() == "e_machine" || e.field() == "e_ident[EI_CLASS]") {
        tried.push_back(path + " (" + e.detail() + ")");
        return nullptr;
      }
      throw;
    }
    for (const auto& o : objects_)
      if (!o->is_rtld && o->dev == f->dev() && o->ino == f->ino()) return o.get();
    // Host mode: a library the host already runs is shared, not loaded twice.
    if (opts_.host)
      if (auto h = opts_.host->same_file(f->dev(), f->ino())) return load_host(*h, name, &req);
    return load_file(path, name, &req, std::move(*f));
  };
  auto try_dirs = [&](const std::vector<std::string>& dirs) -> Object* {
    for (const std::string& d : dirs)
      if (Object* o = try_path(d + "/" + name)) return o;
    return nullptr;
  };

  if (name.find('/') != std::string::npos) {
    if (Object* o = try_path(name)) return o;
  } else {
    Object* found = nullptr;
    // 1. DT_RPATH of the requester and its loaders, unless it has DT_RUNPATH.
    if (!req.dyn.runpath) {
      bool did_main = false;
      for (Object* l = &req; l && !found; l = l->loader) {
        found = try_dirs(l->rpath);
        did_main |= l->is_main;
      }
      if (!found && !did_main) found = try_dirs(main().rpath);
    }
    // 2. LD_LIBRARY_PATH / --library-path.
    if (!found) found = try_dirs(opts_.library_path);
    // 3. DT_RUNPATH of the requester only.
    if (!found) found = try_dirs(req.runpath);
    // 4. /etc/ld.so.cache.
    if (!found && !(req.dyn.flags_1 & DF_1_NODEFLIB)) {
      if (!ld_cache_read_) {
        std::ifstream in("/etc/ld.so.cache", std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        ld_cache_ = ss.str();
        ld_cache_read_ = true;
      }
      if (auto p = ld_cache_lookup(ld_cache_, name)) found = try_path(*p);
      if (!found) tried.push_back("/etc/ld.so.cache");
    }
    // 5. Default directories (not with DF_1_NODEFLIB).
    if (!found && !(req.dyn.flags_1 & DF_1_NODEFLIB)) found = try_dirs(default_dirs());
    if (found) return found;
  }
  std::string list;
  for (const std::string& t : tried) list += (list.empty() ? "" : ", ") + t;
  throw Error(req.path, "DT_NEEDED", std::nullopt,
              format("cannot find %s (needed by %s); tried: %s", name.c_str(), req.path.c_str(), list.c_str()));
}

void Linker::load(elf::File exe, const std::string& exe_path) {
  main_entry_ = exe.entry();
  Object* main = load_file(exe_path, exe_path, nullptr, std::move(exe));
  main->is_main = true;
  // $ORIGIN of the executable: glibc takes /proc/self/exe, i.e. symlinks resolved.
  char real[PATH_MAX];
  if (realpath(exe_path.c_str(), real)) {
    main->origin = dirname_of(real);
    if (main->dyn.rpath) main->rpath = expand_path_list(main->str(*main->dyn.rpath), main->origin, opts_.platform);
    if (main->dyn.runpath)
      main->runpath = expand_path_list(main->str(*main->dyn.runpath), main->origin, opts_.platform);
  }
  // Preloads come right after the executable in the scope.
  for (const std::string& p : opts_.preload) {
    // As glibc: a preload that cannot be found is reported and ignored.
    try {
      load_needed(*main, p);
    } catch (const Error& e) {
      if (e.field() != "DT_NEEDED") throw;
      fprintf(stderr, "ldso: object '%s' from LD_PRELOAD cannot be preloaded (%s): ignored\n", p.c_str(),
              e.detail().c_str());
    }
  }
  load_closure(0);
  // Room for objects dlopen adds with RTLD_GLOBAL, so that the array lazy
  // binders walk is not reallocated under them in the common case.
  scope_.reserve(objects_.size() + 256);
  for (const auto& o : objects_) {
    const elf::SymbolTable& t = o->symbols;
    scope_.push_back({t.bloom(), t.bloom_mask(), t.bloom_shift(), o.get()});
  }
  if (opts_.host) {
    add_overrides();
    check_host_malloc();
  }
  for (const auto& o : objects_) check_versions(*o);
  adds_ = objects_.size();
}

void Linker::load_closure(size_t first) {
  // Breadth-first: objects_ grows as we go.
  for (size_t i = first; i < objects_.size(); ++i) {
    Object* o = objects_[i].get();
    if (o->is_host || o->deps_loaded) continue;  // the host has loaded its dependencies
    o->deps_loaded = true;
    for (uint64_t off : o->dyn.needed) o->deps.push_back(load_needed(*o, o->str(off)));
    bool moved = false;
    for (const elf::DynamicInfo::Filtee& f : o->dyn.filters) {
      Object* t;
      try {
        t = load_needed(*o, o->str(f.name));
      } catch (const Error& e) {
        // As glibc: a missing auxiliary filtee is ignored, a filter's is not.
        if (f.auxiliary && e.field() == "DT_NEEDED") continue;
        throw;
      }
      o->deps.push_back(t);
      o->filtees.push_back(t);
      // The filtee's definitions come first: it moves right before its
      // filter in the load order (and so in the global scope), unless it
      // is there already. Never before the executable.
      size_t at = 0, me = 0;
      for (size_t k = 0; k < objects_.size(); ++k) {
        if (objects_[k].get() == t) at = k;
        if (objects_[k].get() == o) me = k;
      }
      if (at > me && me > 0) {
        std::unique_ptr<Object> keep = std::move(objects_[at]);
        objects_.erase(objects_.begin() + static_cast<ptrdiff_t>(at));
        objects_.insert(objects_.begin() + static_cast<ptrdiff_t>(me), std::move(keep));
        moved = true;
      }
    }
    if (moved) i = first - 1;  // a moved filtee's own dependencies are still to load
  }
}

Object* Linker::load_host(const HostLibrary& h, const std::string& name, Object* loader) {
  // The file gives the unrelocated dynamic section (the host's loader has
  // biased the one in memory); symbol tables are read in place.
  elf::File file = elf::File::open(h.path, elf::host_target(page_), elf::Role::library);
  auto o = std::make_unique<Object>();
  o->name = name;
  o->path = h.path;
  o->type = file.type();
  o->dev = file.dev();
  o->ino = file.ino();
  o->is_host = true;
  o->image.bias = h.bias;
  o->image.start = h.start;
  o->image.end = h.end;
  o->image.code = UINT32_MAX;  // not in the code table: ldso placed none of it
  o->phdrs = file.phdrs();
  o->phdr_addr = h.bias + file.phdr_vaddr();
  o->tls = file.tls();
  o->tls_offset = h.tls_offset;
  o->relro = file.relro();
  if (!h.has_tls) o->tls.reset();
  for (const elf::Phdr& p : file.phdrs())
    if (p.type == PT_GNU_EH_FRAME) o->eh_frame = p;
  o->loader = loader;
  if (!file.dynamic()) throw Error(h.path, "PT_DYNAMIC", std::nullopt, "shared object has no PT_DYNAMIC");
  o->dynamic_addr = o->addr(file.dynamic()->vaddr);
  o->dyn = elf::decode_dynamic(h.path, file.dyn());
  o->symbols.init(h.path, o->image.bias, o->image.start, o->image.end, o->dyn);
  if (o->dyn.soname) o->soname = o->str(*o->dyn.soname);
  o->relocated = o->init_done = true;
  objects_.push_back(std::move(o));
  return objects_.back().get();
}

void Linker::check_host_malloc() const {
  // Under glibc's loader a malloc of the program's replaces glibc's for
  // glibc's own calls too. The host's libraries were linked long before the
  // program came, so host mode cannot give them that: a block from one
  // malloc would reach the other's free. Refused before anything runs.
  for (const auto& o : objects_) {
    if (!o->ours()) continue;
    for (const char* name : {"malloc", "free", "calloc", "realloc", "memalign", "posix_memalign", "aligned_alloc",
                             "valloc", "pvalloc", "malloc_usable_size"}) {
      const Definition d = search(o.get(), elf::LookupKey(name), nullptr, nullptr, 0);
      if (d.sym && d.sym->st_shndx != SHN_UNDEF)
        throw Error(o->path, "DT_SYMTAB", std::nullopt,
                    format("defines %s, which glibc's own code would have to use; host mode runs glibc linked "
                           "before the program and cannot (run it with --interp)",
                           name));
    }
  }
}

void Linker::add_overrides() {
  // ldso's stand-ins go right before the first of glibc's libraries, so the
  // program and its libraries still interpose on them as on glibc's.
  objects_.push_back(make_rtld_object(opts_.host->overrides()));
  Object* o = objects_.back().get();
  o->name = o->path = o->soname = "ldso (host mode)";
  o->any_version = true;
  auto at = scope_.begin();
  while (at != scope_.end() && !(at->obj->is_host && is_glibc_library(at->obj->soname)) &&
         !(at->obj->is_host && at->obj->soname == rtld_soname()))
    ++at;
  scope_.insert(at, {nullptr, 0, 0, o});
}

void Linker::check_versions(const Object& o) const {
  if (!o.ours()) return;
  for (const elf::Version& v : o.symbols.versions()) {
    if (!v.name || !v.file) continue;  // unused slot or VERDEF
    const Object* def = nullptr;
    for (const Object* d : o.deps)
      if (d->soname == v.file || d->name == v.file) def = d;
    if (!def) continue;  // glibc only checks objects it can name
    bool ok;
    if (def->is_rtld && !def->any_version) {
      ok = rtld_has_version(v.name);
    } else {
      ok = false;
      for (const elf::Version& dv : def->symbols.versions())
        if (dv.name && !dv.file && dv.hash == v.hash && strcmp(dv.name, v.name) == 0) ok = true;
      // An object without VERDEF satisfies nothing but weak requirements.
      if (!ok && v.hidden) ok = true;
    }
    if (!ok)
      throw Error(def->path, "DT_VERNEED", std::nullopt,
                  format("version `%s' not found (required by %s)", v.name, o.path.c_str()));
  }
}

Definition Linker::search(const Object* o, const elf::LookupKey& key, const elf::Version* ver, const Object* req,
                          unsigned type_class) const {
  if (o->is_rtld) {
    for (const RtldSymbol& r : o->rtld_table) {
      if (strcmp(r.name, key.name) != 0) continue;
      if (ver && !o->any_version && strcmp(ver->name, r.version) != 0) continue;
      return {o, &o->rtld_syms[&r - o->rtld_table.data()]};
    }
    return {};
  }
  if (o->is_main && (type_class & kClassCopy)) return {};
  const Elf64_Sym* fallback = nullptr;
  int versioned = 0;
  const int64_t idx = o->symbols.find(key, [&](uint32_t i, const Elf64_Sym* s) {
    const unsigned stt = ELF64_ST_TYPE(s->st_info);
    if (s->st_value == 0 && s->st_shndx != SHN_ABS && stt != STT_TLS) return false;
    if ((type_class & kClassPlt) && s->st_shndx == SHN_UNDEF) return false;
    if (stt > STT_TLS && stt != STT_GNU_IFUNC) return false;
    const unsigned bind = ELF64_ST_BIND(s->st_info);
    if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE) return false;
    const unsigned vis = ELF64_ST_VISIBILITY(s->st_other);
    if ((vis == STV_HIDDEN || vis == STV_INTERNAL) && o != req) return false;
    if (!o->symbols.has_versions()) return true;
    const uint16_t vs = o->symbols.versym(i);
    if (ver) {
      const elf::Version* dv = o->symbols.version(vs);
      const bool same = dv && dv->hash == ver->hash && strcmp(dv->name, ver->name) == 0;
      // A different version is acceptable only for the base definition
      // (index 1) of a non-hidden symbol, as glibc allows.
      return same || (!ver->hidden && (!dv || dv->hash == 0) && !(vs & 0x8000));
    }
    // Unversioned reference: the base definition, or the oldest version
    // (index 2); else remember a single default versioned definition.
    // dlsym wants the newest (default) version instead: only the base
    // definition is taken directly.
    if ((vs & 0x7fff) < ((type_class & kReturnNewest) ? 2 : 3)) return true;
    if (!(vs & 0x8000) && versioned++ == 0) fallback = s;
    return false;
  });
  if (idx >= 0) return {o, o->symbols.sym(static_cast<uint32_t>(idx))};
  if (versioned == 1) return {o, fallback};
  return {};
}

Definition Linker::lookup(const elf::LookupKey& key, const elf::Version* ver, const Object* req,
                          unsigned type_class) const {
  auto search = [&](const Object* o) { return this->search(o, key, ver, req, type_class); };
  Definition def;
  if (req && req->dyn.symbolic && !req->is_rtld) def = search(req);
  if (!def.sym) {
    const uint32_t h = key.gnu;
    for (const ScopeEntry& e : scope_) {
      if (e.bloom) {
        const uint64_t w = e.bloom[(h >> 6) & e.mask];
        if (!((w >> (h & 63)) & (w >> ((h >> e.shift) & 63)) & 1)) continue;
      }
      def = search(e.obj);
      if (def.sym) break;
    }
  }
  // Objects dlopen loaded also see the search lists of the roots they
  // belong to (RTLD_LOCAL), in the order those were opened.
  if (!def.sym && req)
    for (const Object* root : req->scopes) {
      for (const Object* o : root->local_scope)
        if ((def = search(o)).sym) break;
      if (def.sym) break;
    }
  return unique(key, def);
}

Definition Linker::unique(const elf::LookupKey& key, Definition def) const {
  if (!def.sym || ELF64_ST_BIND(def.sym->st_info) != STB_GNU_UNIQUE) return def;
  // As glibc: the object whose unique definition everybody gets is never
  // unloaded (the table keeps pointing at it).
  if (running_) {  // no allocation while the program runs
    auto it = unique_.find(std::string_view(key.name));
    if (it != unique_.end()) return it->second;
    const_cast<Object*>(def.obj)->nodelete = true;
    return def;
  }
  const Definition d = unique_.try_emplace(key.name, def).first->second;
  const_cast<Object*>(d.obj)->nodelete = true;
  return d;
}

Definition Linker::lookup_in(const std::vector<Object*>& scope, const elf::LookupKey& key,
                             const elf::Version* ver, unsigned type_class) const {
  for (const Object* o : scope)
    if (Definition d = search(o, key, ver, nullptr, type_class); d.sym) return unique(key, d);
  return {};
}

Definition Linker::lookup_next(const Object* after, const elf::LookupKey& key, const elf::Version* ver) const {
  bool past = false;
  for (const ScopeEntry& e : scope_) {
    if (past)
      if (Definition d = search(e.obj, key, ver, nullptr, kReturnNewest); d.sym) return d;
    if (e.obj == after) past = true;
  }
  if (after)
    for (const Object* root : after->scopes) {
      past = false;
      for (const Object* o : root->local_scope) {
        if (past)
          if (Definition d = search(o, key, ver, nullptr, kReturnNewest); d.sym) return d;
        if (o == after) past = true;
      }
    }
  return {};
}

Definition Linker::resolve(Object& o, uint32_t index, unsigned type_class) {
  // While an object is relocated, each of its symbols is looked up once: a
  // memo shared by all objects (tagged with the object being relocated), so
  // it costs memory once, not per object. Lazy binding, which runs in the
  // program and in any thread, does not use it.
  ResolveMemo* memo = nullptr;
  if (&o == memo_owner_ && index < memo_.size()) {
    memo = &memo_[index];
    if (memo->gen == memo_gen_ && memo->cls == type_class) return {memo->obj, memo->sym};
  }
  const Elf64_Sym* ref = o.symbols.sym(index);
  Definition def;
  if (ELF64_ST_BIND(ref->st_info) == STB_LOCAL ||
      (ref->st_shndx != SHN_UNDEF && ELF64_ST_VISIBILITY(ref->st_other) == STV_PROTECTED)) {
    // Local symbols, and protected definitions, bind to themselves (glibc's
    // EXTERN_PROTECTED_DATA rule).
    def = {&o, ref};
  } else {
    const uint16_t vs = o.symbols.versym(index);
    const elf::Version* ver = (vs & 0x7fff) >= 2 ? o.symbols.version(vs) : nullptr;
    def = lookup(elf::LookupKey(o.symbols.name(ref)), ver, &o, type_class);
  }
  if (memo) *memo = {def.obj, def.sym, memo_gen_, type_class};
  if (def.obj && def.obj != &o) note_binding(o, def.obj);
  return def;
}

void Linker::begin_memo(const Object& o) {
  if (memo_.size() < o.symbols.count()) memo_.resize(o.symbols.count());
  ++memo_gen_;  // every entry of the previous object is stale now
  memo_owner_ = &o;
}

}  // namespace ldso
