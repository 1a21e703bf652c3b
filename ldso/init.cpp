// Initialisers and finalisers, in glibc's order: the objects sorted by a
// depth-first walk of DT_NEEDED (glibc's "dfs" sort), initialised from the
// end of that order, finalised from its start.
#include "ldso/linker.h"

namespace ldso {
namespace {

using InitFn = void (*)(int, char**, char**);
using FiniFn = void (*)();

}  // namespace

std::vector<Object*> Linker::dfs_sort(std::span<Object* const> objs, bool with_reldeps) const {
  // glibc's "dfs" sort: from the last loaded back to the first, each object
  // after everything it uses through DT_NEEDED, so that the result stays
  // close to the load order. For finalisers, symbol bindings (reldeps) count
  // too, as glibc counts them: in a first pass whose order a second pass,
  // without them, then sorts again. Only the given objects take part; the
  // executable stays first.
  const size_t n = objs.size();
  auto pass = [&](std::span<Object* const> in, bool reldeps, bool* saw_reldeps) {
    std::vector<Object*> rpo(n);
    size_t head = n;
    for (const auto& o : objects_) o->visited = true;
    for (Object* o : in) o->visited = false;
    auto visit = [&](auto&& self, Object* o) -> void {
      if (o->visited) return;
      o->visited = true;
      for (Object* d : o->deps)
        if (!d->is_main) self(self, d);
      if (reldeps && o->reldeps.size()) {
        *saw_reldeps = true;
        for (size_t i = o->reldeps.size(); i-- > 0;)
          if (!o->reldeps[i]->is_main) self(self, o->reldeps[i]);
      }
      rpo[--head] = o;
    };
    for (size_t i = n; i-- > 0 && head > 0;) visit(visit, in[i]);
    return rpo;
  };
  bool saw_reldeps = false;
  std::vector<Object*> order = pass(objs, with_reldeps, &saw_reldeps);
  if (saw_reldeps) order = pass(std::vector<Object*>(order), false, nullptr);
  for (size_t i = 0; i < n; ++i)
    if (order[i]->is_main) {
      for (; i > 0; --i) order[i] = order[i - 1];
      order[0] = &main();
      break;
    }
  return order;
}

void Linker::sort_init_order() {
  std::vector<Object*> all;
  for (const auto& o : objects_) all.push_back(o.get());
  init_order_ = dfs_sort(all, false);
}

std::vector<Object*> Linker::fini_order() const {
  std::vector<Object*> all;
  for (const auto& o : objects_) all.push_back(o.get());
  return dfs_sort(all, true);
}

void Linker::run_initializers(int argc, char** argv, char** envp) {
  Object& exe = main();
  if (exe.dyn.preinit_array) {
    auto* fns = exe.ptr<InitFn>(exe.dyn.preinit_array);
    for (size_t i = 0; i < exe.dyn.preinit_arraysz / sizeof(InitFn); ++i) fns[i](argc, argv, envp);
  }
  for (size_t i = init_order_.size(); i-- > 0;) {
    Object* o = init_order_[i];
    if (o->init_done) continue;
    o->init_done = true;
    // The executable's own DT_INIT and DT_INIT_ARRAY belong to its start code
    // (crt1's __libc_start_main in glibc programs), as with glibc's ld.so.
    if (o->is_main || !o->ours()) {
      // Host mode runs the executable's with run_init_of(main()), later.
      o->init_done = !(o->is_main && opts_.host);
      continue;
    }
    if (o->dyn.init) reinterpret_cast<InitFn>(o->addr(o->dyn.init))(argc, argv, envp);
    if (o->dyn.init_array) {
      auto* fns = o->ptr<InitFn>(o->dyn.init_array);
      for (size_t k = 0; k < o->dyn.init_arraysz / sizeof(InitFn); ++k) {
        const uintptr_t f = reinterpret_cast<uintptr_t>(fns[k]);
        if (f != 0 && f != ~uintptr_t(0)) fns[k](argc, argv, envp);
      }
    }
  }
}

void Linker::run_init_of(Object* o, int argc, char** argv, char** envp) {
  if (o->init_done || !o->ours()) return;
  o->init_done = true;
  if (o->dyn.init) reinterpret_cast<InitFn>(o->addr(o->dyn.init))(argc, argv, envp);
  if (o->dyn.init_array) {
    auto* fns = o->ptr<InitFn>(o->dyn.init_array);
    for (size_t k = 0; k < o->dyn.init_arraysz / sizeof(InitFn); ++k) {
      const uintptr_t f = reinterpret_cast<uintptr_t>(fns[k]);
      if (f != 0 && f != ~uintptr_t(0)) fns[k](argc, argv, envp);
    }
  }
}


void Linker::run_fini_of(Object* o) {
  {
    if (!o->init_done || !o->ours()) return;
    o->init_done = false;  // once
    if (o->dyn.fini_array) {
      auto* fns = o->ptr<FiniFn>(o->dyn.fini_array);
      for (size_t k = o->dyn.fini_arraysz / sizeof(FiniFn); k-- > 0;) {
        const uintptr_t f = reinterpret_cast<uintptr_t>(fns[k]);
        if (f != 0 && f != ~uintptr_t(0)) fns[k]();
      }
    }
    if (o->dyn.fini) reinterpret_cast<FiniFn>(o->addr(o->dyn.fini))();
  }
}

}  // namespace ldso
