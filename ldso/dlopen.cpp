// dlopen and dlclose in self-linked mode: the same phases as start-up
// (load, TLS, relocate, protect, sync, init), for a closure that joins the
// process later, and their undoing.
#include <dlfcn.h>
#include <sys/mman.h>

#include <algorithm>

#include "ldso/code.h"
#include "ldso/linker.h"
#include "ldso/rtld.h"

namespace ldso {

Object* Linker::containing(uintptr_t addr) const {
  for (const auto& o : objects_)
    if (!o->is_rtld && addr >= o->image.start && addr < o->image.end) return o.get();
  return nullptr;
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
    // The closure of new objects, breadth-first, as at start-up.
    for (size_t i = first_new; i < objects_.size(); ++i) {
      Object* o = objects_[i].get();
      o->dlopened = true;
      o->global = false;
      if (flags & RTLD_NOW) o->dyn.bind_now = true;  // every PLT slot bound (and checked) now
      if (o->is_host) continue;  // the host has loaded its dependencies
      for (uint64_t off : o->dyn.needed) o->deps.push_back(load_needed(*o, o->str(off)));
    }
    for (size_t i = first_new; i < objects_.size(); ++i) {
      // As glibc: no object newly mapped by dlopen may carry DF_1_NOOPEN.
      if (objects_[i]->dyn.flags_1 & DF_1_NOOPEN)
        throw Error(objects_[i]->path, "DF_1_NOOPEN", std::nullopt, "shared object cannot be dlopen()ed");
      check_versions(*objects_[i]);
    }
    if (!found) {
      // The root's local scope: itself and its dependencies, breadth-first.
      root->local_scope = {root};
      for (size_t i = 0; i < root->local_scope.size(); ++i)
        for (Object* d : root->local_scope[i]->deps)
          if (std::find(root->local_scope.begin(), root->local_scope.end(), d) == root->local_scope.end())
            root->local_scope.push_back(d);
      for (size_t i = first_new; i < objects_.size(); ++i) objects_[i]->scope_root = root;
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
    // A failed dlopen leaves nothing loaded.
    while (objects_.size() > first_new) unload(objects_.back().get());
    throw;
  }
  if (flags & RTLD_NODELETE) root->nodelete = true;
  for (size_t i = first_new; i < objects_.size(); ++i)
    if (objects_[i]->dyn.flags_1 & DF_1_NODELETE) objects_[i]->nodelete = true;
  if ((flags & RTLD_GLOBAL) && !root->global)
    for (Object* o : root->local_scope)
      if (!o->global) {
        o->global = true;
        const elf::SymbolTable& t = o->symbols;
        scope_.push_back({t.bloom(), t.bloom_mask(), t.bloom_shift(), o});
      }
  ++root->opencount;
  if (root->opencount == 1 || found == nullptr)
    for (Object* o : root->local_scope) ++o->refs;
  adds_ += objects_.size() - first_new;
  // New objects join the fini order before what they depend on, right after
  // the executable (the fini order runs from the front).
  init_order_.insert(init_order_.begin() + 1, new_init_.rbegin(), new_init_.rend());
  relink_debug_list();
  return root;
}

void Linker::unload(Object* o) {
  if (o->ours()) code_forget_object(o->image.code);
  if (opts_.host && o->ours() && o->relocated) opts_.host->object_removed(*o);
  release_tls(*o);
  scope_.erase(std::remove_if(scope_.begin(), scope_.end(), [&](const ScopeEntry& e) { return e.obj == o; }),
               scope_.end());
  init_order_.erase(std::remove(init_order_.begin(), init_order_.end(), o), init_order_.end());
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
  for (Object* o : root->local_scope) --o->refs;
  // Objects no open closure references any more, in fini order (dependents
  // before their dependencies: init_order_ runs that way from the front).
  std::vector<Object*> dead;
  for (Object* o : init_order_)
    if (o->dlopened && o->refs <= 0 && !o->nodelete && o->opencount == 0) dead.push_back(o);
  dying_ = dead;
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

}  // namespace ldso
