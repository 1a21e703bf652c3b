// dlopen and dlclose in self-linked mode: the same phases as start-up
// (load, TLS, relocate, protect, sync, init), for a closure that joins the
// process later, and their undoing.
#include <dlfcn.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <algorithm>

#include "arch/arch.h"
#include "ldso/code.h"
#include "ldso/linker.h"
#include "ldso/rtld.h"

namespace ldso {

Object* Linker::containing(uintptr_t addr) const {
  for (const auto& o : objects_)
    if (!o->is_rtld && addr >= o->image.start && addr < o->image.end) return o.get();
  return nullptr;
}

std::vector<Object*> Linker::search_list(Object* root) const {
  std::vector<Object*> list{root};
  for (size_t i = 0; i < list.size(); ++i)
    for (Object* d : list[i]->deps)
      if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
  // A filtee comes right before its filter, as in glibc's search lists.
  for (size_t i = 0; i < list.size(); ++i)
    for (Object* f : list[i]->filtees) {
      auto at = std::find(list.begin(), list.end(), f);
      if (at - list.begin() <= static_cast<ptrdiff_t>(i)) continue;
      list.erase(at);
      list.insert(list.begin() + static_cast<ptrdiff_t>(i), f);
      ++i;
    }
  return list;
}

Object* Linker::open(const std::string& name, int flags, Object* caller) {
  if (!caller) caller = &main();
  // Already here (by name, soname or path)?
  Object* found = find_loaded(name);
  if (!found && name.find('/') != std::string::npos)
    for (const auto& o : objects_)
      if (o->path == name) found = o.get();
  if (!found && (flags & RTLD_NOLOAD)) return nullptr;

  const size_t first_new = objects_.size();
  Object* root = found;
  // Relocation may meet STB_GNU_UNIQUE definitions for the first time: the
  // table may grow while ldso's own context is live (lazy binding never grows it).
  running_ = false;
  struct Running {
    bool& flag;
    ~Running() { flag = true; }
  } restore{running_};
  try {
    if (!root) root = load_needed(*caller, name);
    if (!root->ours()) {
      if (root->is_host && root->local_scope.empty()) root->local_scope = {root};
      new_init_.clear();
      return root;
    }
    load_closure(first_new);  // the same closure walk as at start-up
    for (size_t i = first_new; i < objects_.size(); ++i) {
      Object& o = *objects_[i];
      o.dlopened = true;
      o.global = false;
      if (flags & RTLD_NOW) o.dyn.bind_now = true;  // every PLT slot bound (and checked) now
      // As glibc: no object newly mapped by dlopen may carry DF_1_NOOPEN.
      if (o.dyn.flags_1 & DF_1_NOOPEN)
        throw Error(o.path, "DF_1_NOOPEN", std::nullopt, "shared object cannot be dlopen()ed");
      check_versions(o);
    }
    // An object dlopened for the first time gets its own search list (also
    // one loaded earlier as a dependency). Every object in it that dlopen
    // loaded looks it up after the global scope: the new ones, and older
    // ones already running (glibc adds the list to their l_scope too).
    if (root->local_scope.empty()) {
      root->local_scope = search_list(root);
      for (Object* o : root->local_scope)
        if (o->dlopened && std::find(o->scopes.begin(), o->scopes.end(), root) == o->scopes.end())
          o->scopes.push_back(root);
    }
    for (size_t i = first_new; i < objects_.size(); ++i) {
      Object& o = *objects_[i];
      // Its dependency closure: what keeps it alive needs no reldeps.
      const std::vector<Object*> l = search_list(&o);
      o.closure.assign(l.begin(), l.end());
    }
    for (size_t i = first_new; i < objects_.size(); ++i) {
      Object& o = *objects_[i];
      if (assign_tls(o, false) && o.tls_modid) init_static_tls_in_threads(o);
    }
    // Relocate dependencies first: depth-first post-order over the new ones.
    std::vector<Object*> order;
    for (auto& o : objects_) o->visited = false;
    auto visit = [&](auto&& self, Object* o) -> void {
      if (o->visited) return;
      o->visited = true;
      for (Object* d : o->deps) self(self, d);
      if (!o->relocated && o->ours()) order.push_back(o);
    };
    visit(visit, root);
    for (Object* o : order) relocate(*o);
    for (Object* o : order) {
      protect_relro(*o);
      code_finish_object(o->image.code);
      code_check_runnable(o->image.code, "its initialisers");
    }
    new_init_.assign(order.begin(), order.end());
    if (opts_.host)
      for (Object* o : order) opts_.host->object_added(*o);
  } catch (...) {
    // A failed dlopen leaves nothing loaded, and nothing older refers to
    // what it loaded.
    while (objects_.size() > first_new) unload(objects_.back().get());
    if (found && found->opencount == 0 && found->dlopened && !found->global) {
      for (const auto& o : objects_) std::erase(o->scopes, found);
      found->local_scope.clear();
    }
    throw;
  }
  if (flags & RTLD_NODELETE) root->nodelete = true;
  for (size_t i = first_new; i < objects_.size(); ++i)
    if (objects_[i]->dyn.flags_1 & DF_1_NODELETE) objects_[i]->nodelete = true;
  // RTLD_GLOBAL, also for an object loaded before with RTLD_LOCAL (and with
  // RTLD_NOLOAD): its search list joins the global scope.
  if (flags & RTLD_GLOBAL)
    for (Object* o : root->local_scope)
      if (!o->global) {
        o->global = true;
        const elf::SymbolTable& t = o->symbols;
        scope_.push_back({t.bloom(), t.bloom_mask(), t.bloom_shift(), o});
      }
  ++root->opencount;
  adds_ += objects_.size() - first_new;
  // New objects join the fini order before what they depend on, right after
  // the executable (the fini order runs from the front).
  init_order_.insert(init_order_.begin() + 1, new_init_.rbegin(), new_init_.rend());
  relink_debug_list();
  return root;
}

void Linker::note_binding(Object& o, const Object* def) {
  // glibc's add_dependency: a binding from `o` to an object outside its
  // closure keeps that object loaded while `o` is. An object that can never
  // go (loaded at start-up, or NODELETE) makes the definer NODELETE instead.
  Object* d = const_cast<Object*>(def);
  if (d == &o || !d->dlopened || d->nodelete) return;
  if (!o.dlopened || o.nodelete) {
    d->nodelete = true;
    return;
  }
  if (std::find(o.closure.begin(), o.closure.end(), d) != o.closure.end()) return;
  // Lazy binding runs in any thread: one writer at a time. A signal handler
  // that interrupted the writer in this thread does not wait for it: it
  // keeps the definer forever instead.
  static int owner;  // tid, 0: free
  const int me = static_cast<int>(arch::raw_syscall(SYS_gettid));
  if (__atomic_load_n(&owner, __ATOMIC_ACQUIRE) == me) {
    d->nodelete = true;
    return;
  }
  int free = 0;
  while (!__atomic_compare_exchange_n(&owner, &free, me, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
    free = 0;
    arch::raw_syscall(SYS_sched_yield);
  }
  // No memory (raw mmap failed): the definer is simply never unloaded.
  if (!o.reldeps.contains(d) && !o.reldeps.push(d)) d->nodelete = true;
  __atomic_store_n(&owner, 0, __ATOMIC_RELEASE);
}

void Linker::unload(Object* o) {
  if (o->ours()) code_forget_object(o->image.code);
  if (opts_.host && o->ours() && o->relocated) opts_.host->object_removed(*o);
  release_tls(*o);
  scope_.erase(std::remove_if(scope_.begin(), scope_.end(), [&](const ScopeEntry& e) { return e.obj == o; }),
               scope_.end());
  init_order_.erase(std::remove(init_order_.begin(), init_order_.end(), o), init_order_.end());
  for (const auto& other : objects_) std::erase(other->scopes, o);
  std::erase_if(unique_, [&](const auto& u) { return u.second.obj == o; });
  if (o->ours() && o->image.end > o->image.start)
    munmap(reinterpret_cast<void*>(o->image.start), o->image.end - o->image.start);
  for (auto it = objects_.begin(); it != objects_.end(); ++it)
    if (it->get() == o) {
      objects_.erase(it);
      break;
    }
}

void Linker::close(Object* root) {
  if (!root->dlopened || root->opencount == 0) return;  // start-up objects stay
  if (--root->opencount > 0) return;
  // As glibc's dlclose: what is still open, NODELETE or loaded at start-up
  // stays, and so does everything those use through DT_NEEDED, filters or
  // symbol bindings (reldeps); the rest goes.
  std::vector<Object*> live;
  for (const auto& o : objects_) {
    o->visited = !o->dlopened || o->opencount > 0 || o->nodelete;
    if (o->visited) live.push_back(o.get());
  }
  auto keep = [&](Object* d) {
    if (!d->visited) {
      d->visited = true;
      live.push_back(d);
    }
  };
  while (!live.empty()) {
    Object* o = live.back();
    live.pop_back();
    for (Object* d : o->deps) keep(d);
    for (size_t i = 0; i < o->reldeps.size(); ++i) keep(o->reldeps[i]);
  }
  // In fini order: dependents before their dependencies (init_order_ runs
  // that way from the front).
  dying_.clear();
  for (Object* o : init_order_)
    if (!o->visited) dying_.push_back(o);
}

void Linker::finish_close() {
  for (Object* o : dying_) {
    ++subs_;
    unload(o);
  }
  dying_.clear();
  relink_debug_list();
}

void Linker::relink_debug_list() { rtld_relink(this); }

ObjectList::~ObjectList() {
  if (items_) arch::raw_syscall(SYS_munmap, reinterpret_cast<long>(items_), static_cast<long>(capacity_ * sizeof(Object*)));
}

bool ObjectList::contains(const Object* o) const {
  for (size_t i = 0; i < size_; ++i)
    if (items_[i] == o) return true;
  return false;
}

bool ObjectList::push(Object* o) {
  if (size_ == capacity_) {
    // Raw mmap: this may run inside the program (lazy binding).
    const size_t bytes = capacity_ ? 2 * capacity_ * sizeof(Object*) : 4096;
    auto* grown = reinterpret_cast<Object**>(arch::raw_mmap_anon(bytes));
    if (!grown) return false;
    for (size_t i = 0; i < size_; ++i) grown[i] = items_[i];
    if (items_) arch::raw_syscall(SYS_munmap, reinterpret_cast<long>(items_), static_cast<long>(capacity_ * sizeof(Object*)));
    items_ = grown;
    capacity_ = bytes / sizeof(Object*);
  }
  items_[size_++] = o;
  return true;
}

}  // namespace ldso
