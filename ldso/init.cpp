// Initialisers and finalisers, in glibc's order: the objects sorted by a
// depth-first walk of DT_NEEDED (glibc's "dfs" sort), initialised from the
// end of that order, finalised from its start.
#include "ldso/linker.h"

namespace ldso {
namespace {

void visit(Object* o, std::vector<Object*>& rpo, size_t& head) {
  if (o->visited) return;
  o->visited = true;
  for (Object* d : o->deps)
    if (!d->visited && !d->is_main) visit(d, rpo, head);
  rpo[--head] = o;
}

using InitFn = void (*)(int, char**, char**);
using FiniFn = void (*)();

}  // namespace

void Linker::sort_init_order() {
  const size_t n = objects_.size();
  std::vector<Object*> rpo(n);
  size_t head = n;
  for (auto& o : objects_) o->visited = false;
  // From the last loaded back to the first, as glibc, so that the result
  // stays close to the link order and the executable ends up first.
  for (size_t i = n; i-- > 0 && head > 0;) visit(objects_[i].get(), rpo, head);
  if (rpo[0] != &main()) {
    size_t i = 0;
    while (rpo[i] != &main()) ++i;
    for (; i > 0; --i) rpo[i] = rpo[i - 1];
    rpo[0] = &main();
  }
  init_order_ = std::move(rpo);
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

void Linker::run_finalizers() {
  for (Object* o : init_order_) run_fini_of(o);
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
