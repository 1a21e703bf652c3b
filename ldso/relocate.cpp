// The relocation driver: every object's RELR, REL/RELA and PLT relocations,
// each applied by its ISA's rule (arch/<isa>/relocs.cpp), dependencies first.
#include <sys/mman.h>

#include <cstring>
#include <span>

#include "arch/arch.h"
#include "elf/relocs.h"
#include "ldso/linker.h"
#include "ldso/code.h"
#include "ldso/rtld.h"

namespace ldso {
namespace {

using arch::RelocKind;

// glibc's __ifunc_arg_t for aarch64 resolvers.
struct IfuncArg {
  unsigned long size, hwcap, hwcap2;
};
constexpr uint64_t kIfuncArgHwcap = 1ull << 62;

bool fits(int64_t v, arch::Range r) {
  switch (r) {
    case arch::Range::any: return true;
    case arch::Range::u32: return static_cast<uint64_t>(v) <= UINT32_MAX;
    case arch::Range::s32: return v >= INT32_MIN && v <= INT32_MAX;
    case arch::Range::s32_or_u32: return v >= INT32_MIN && v <= static_cast<int64_t>(UINT32_MAX);
  }
  return false;
}

// Segment page range [lo, hi) of a PT_LOAD in the running image.
std::pair<uintptr_t, uintptr_t> pages(const Object& o, const elf::Phdr& p, uint64_t page) {
  return {o.addr(p.vaddr) & ~(page - 1), (o.addr(p.vaddr + p.memsz) + page - 1) & ~(page - 1)};
}

}  // namespace

uintptr_t Linker::call_ifunc(const Object& owner, uintptr_t resolver) {
  // The resolver is the first code of its object to run: its object must be
  // relocated and its code synced first (glibc would run it unrelocated).
  if (!owner.ours()) return call_ifunc(resolver);  // the host's loader prepared it
  if (!owner.relocated && !owner.relocating) relocate(const_cast<Object&>(owner));
  code_finish_object(owner.image.code);
  code_check_runnable(owner.image.code, "an IFUNC resolver");
  return call_ifunc(resolver);
}

uintptr_t Linker::call_ifunc(uintptr_t resolver) const {
  static IfuncArg arg;
  arg = {sizeof(IfuncArg), opts_.hwcap, opts_.hwcap2};
  using Fn = uintptr_t (*)(uint64_t, const IfuncArg*);
  return reinterpret_cast<Fn>(resolver)(opts_.hwcap | kIfuncArgHwcap, &arg);
}

template <class R>
Definition Linker::apply_one(Object& o, const R& rec, const Definition* known, bool defer_ifunc,
                             std::vector<std::pair<const R*, Definition>>* deferred) {
  const elf::Reloc r = elf::decode(rec);
  const arch::RelocRule rule = traits_.rule(r.type);
  const uintptr_t place = o.addr(r.offset);
  auto where = [&] {
    const char* n = traits_.name(r.type);
    return format("%s (type %u) at offset 0x%llx", n ? n : "relocation", r.type, (unsigned long long)r.offset);
  };
  if (rule.kind == RelocKind::unknown)
    throw Error(o.path, "r_info", r.offset,
                format("unknown relocation type %u (0x%x) for %s at offset 0x%llx", r.type, r.type, traits_.isa,
                       (unsigned long long)r.offset));
  if (rule.kind == RelocKind::none) {
    o.count_reloc(r.type);
    return {};
  }
  if (r.offset < o.image.start - o.image.bias || place + rule.width > o.image.end || place < o.image.start)
    throw Error(o.path, "r_offset", r.offset, format("%s is outside the object", where().c_str()));

  // REL keeps the addend in the place itself.
  int64_t addend = r.addend;
  if (!r.explicit_addend) {
    if (rule.width == 4) {
      int32_t v;
      memcpy(&v, reinterpret_cast<void*>(place), 4);
      addend = v;
    } else if (rule.width >= 8) {
      memcpy(&addend, reinterpret_cast<void*>(place), 8);
    }
  }

  // The symbol, if any.
  Definition def;
  const Elf64_Sym* ref = nullptr;
  if (r.sym) {
    if (r.sym >= o.symbols.count())
      throw Error(o.path, "r_info", r.offset, format("%s names symbol %u of %u", where().c_str(), r.sym, o.symbols.count()));
    ref = o.symbols.sym(r.sym);
    const unsigned cls = rule.kind == RelocKind::jump_slot ? kClassPlt
                         : rule.kind == RelocKind::copy    ? kClassCopy
                                                           : 0;
    def = known ? *known : resolve(o, r.sym, cls);
    if (!def.sym && ELF64_ST_BIND(ref->st_info) != STB_WEAK) {
      const uint16_t vs = o.symbols.versym(r.sym);
      const elf::Version* ver = (vs & 0x7fff) >= 2 ? o.symbols.version(vs) : nullptr;
      throw Error(o.path, "symbol", r.offset,
                  format("undefined symbol: %s%s%s (%s)", o.symbols.name(ref), ver ? "@" : "", ver ? ver->name : "",
                         where().c_str()));
    }
  } else {
    def = {&o, nullptr};
  }

  const bool ifunc = def.sym && ELF64_ST_TYPE(def.sym->st_info) == STT_GNU_IFUNC && def.sym->st_shndx != SHN_UNDEF;
  // A resolver in this object runs only once its other relocations are done.
  if (defer_ifunc && (rule.kind == RelocKind::irelative || (ifunc && def.obj == &o &&
                                                           rule.kind != RelocKind::copy &&
                                                           rule.kind != RelocKind::size))) {
    deferred->push_back({&rec, def});
    return def;
  }
  uint64_t S = def.sym ? def.address() : 0;
  if (ifunc && rule.kind != RelocKind::copy && rule.kind != RelocKind::size) S = call_ifunc(*def.obj, S);
  const uint64_t B = o.image.bias;
  int64_t value = 0;
  switch (rule.kind) {
    case RelocKind::relative: value = B + addend; break;
    case RelocKind::absolute: value = S + addend; break;
    case RelocKind::pcrel: value = S + addend - place; break;
    case RelocKind::glob_dat:
    case RelocKind::jump_slot: value = S + (rule.adds_addend ? addend : 0); break;
    case RelocKind::irelative: value = call_ifunc(o, B + addend); break;
    case RelocKind::size: value = (def.sym ? def.sym->st_size : 0) + addend; break;
    case RelocKind::copy: {
      if (!def.sym) return def;  // weak and undefined: nothing to copy
      const size_t n = def.sym->st_size < ref->st_size ? def.sym->st_size : ref->st_size;
      memcpy(reinterpret_cast<void*>(place), reinterpret_cast<const void*>(S), n);
      if (def.obj->is_host) copy_moves_.push_back({S, place, n});
      return def;
    }
    case RelocKind::dtpmod: value = def.sym ? def.obj->tls_modid : o.tls_modid; break;
    case RelocKind::dtpoff: value = (def.sym ? def.sym->st_value : 0) + addend; break;
    case RelocKind::tpoff:
    case RelocKind::tlsdesc: {
      const Object* m = def.sym ? def.obj : &o;
      if (r.sym && !def.sym) {
        if (rule.kind == RelocKind::tlsdesc) {  // undefined weak: address 0
          uint64_t words[2] = {reinterpret_cast<uint64_t>(&arch::ldso_tlsdesc_undefweak), static_cast<uint64_t>(addend)};
          memcpy(reinterpret_cast<void*>(place), words, 16);
          return def;
        }
        value = 0;
        break;
      }
      if (!m->tls_modid)
        throw Error(o.path, "symbol", r.offset,
                    format("%s refers to TLS of %s, which has no PT_TLS", where().c_str(), m->path.c_str()));
      if (!m->tls_static) {
        // A module opened later outside static TLS: its block is per thread,
        // made on first use. Initial-exec code cannot reach it.
        if (rule.kind == RelocKind::tpoff)
          throw Error(o.path, "symbol", r.offset,
                      format("%s: initial-exec TLS into %s, which is not in static TLS", where().c_str(),
                             m->path.c_str()));
        o.tls_desc_args.push_back({m->tls_modid, (def.sym ? def.sym->st_value : 0) + static_cast<uint64_t>(addend)});
        uint64_t words[2] = {reinterpret_cast<uint64_t>(&arch::ldso_tlsdesc_dynamic),
                             reinterpret_cast<uint64_t>(&o.tls_desc_args.back())};
        memcpy(reinterpret_cast<void*>(place), words, 16);
        return def;
      }
      value = m->tls_offset + (def.sym ? def.sym->st_value : 0) + addend;
      if (rule.kind == RelocKind::tlsdesc) {
        uint64_t words[2] = {reinterpret_cast<uint64_t>(&arch::ldso_tlsdesc_static), static_cast<uint64_t>(value)};
        memcpy(reinterpret_cast<void*>(place), words, 16);
        return def;
      }
      break;
    }
    case RelocKind::none:
    case RelocKind::unknown: return def;
  }
  if (!fits(value, rule.range))
    throw Error(o.path, "r_addend", r.offset,
                format("%s: value 0x%llx does not fit in %u bytes", where().c_str(), (unsigned long long)value, rule.width));
  if (rule.width == 4) {
    const uint32_t v = static_cast<uint32_t>(value);
    memcpy(reinterpret_cast<void*>(place), &v, 4);
  } else {
    memcpy(reinterpret_cast<void*>(place), &value, 8);
  }
  if (o.dyn.textrel) code_note_write(place, rule.width);
  o.count_reloc(r.type);
  return def;
}

template <class R>
void Linker::apply_table(Object& o, const R* table, size_t count,
                         std::vector<std::pair<const R*, Definition>>* deferred) {
  for (size_t i = 0; i < count; ++i) apply_one(o, table[i], nullptr, true, deferred);
}

template <class R>
void Linker::apply_plt(Object& o, const R* table, size_t count, bool lazy,
                       std::vector<std::pair<const R*, Definition>>* deferred) {
  if (!lazy) return apply_table(o, table, count, deferred);
  for (size_t i = 0; i < count; ++i) {
    const elf::Reloc r = elf::decode(table[i]);
    const bool variant_pcs = r.sym && (o.symbols.sym(r.sym)->st_other & 0x80);  // STO_AARCH64_VARIANT_PCS
    if (traits_.rule(r.type).kind != RelocKind::jump_slot || (traits_.machine == EM_AARCH64 && variant_pcs)) {
      apply_one(o, table[i], nullptr, true, deferred);
      continue;
    }
    // The slot holds the link-time address of the PLT code that calls the
    // resolver: relocate it and bind on the first call.
    const uintptr_t place = o.addr(r.offset);
    if (place < o.image.start || place + 8 > o.image.end)
      throw Error(o.path, "r_offset", r.offset, format("PLT slot at offset 0x%llx is outside the object", (unsigned long long)r.offset));
    *reinterpret_cast<uint64_t*>(place) += o.image.bias;
    o.count_reloc(r.type);
  }
}

void Linker::prepare_lazy(Object& o) {
  auto* got = o.ptr<uintptr_t>(o.dyn.pltgot);
  if (reinterpret_cast<uintptr_t>(got + 3) > o.image.end)
    throw Error(o.path, "DT_PLTGOT", std::nullopt, "DT_PLTGOT is outside the object");
  got[1] = reinterpret_cast<uintptr_t>(&o);
  got[2] = reinterpret_cast<uintptr_t>(&arch::ldso_plt_trampoline);
}

void Linker::apply_relr(Object& o) {
  if (!o.dyn.relr) return;
  const uint64_t B = o.image.bias;
  elf::for_each_relr(o.ptr<const uint64_t>(o.dyn.relr), o.dyn.relrsz / 8, [&](uint64_t vaddr) {
    const uintptr_t p = B + vaddr;
    if (p < o.image.start || p + 8 > o.image.end)
      throw Error(o.path, "DT_RELR", vaddr, format("RELR address 0x%llx is outside the object", (unsigned long long)vaddr));
    *reinterpret_cast<uint64_t*>(p) += B;
  });
}

void Linker::relocate(Object& o) {
  if (!o.ours() || o.relocated) return;
  o.relocating = true;
  const Object* outer = memo_owner_;  // relocate() nests when a resolver's object is done first
  begin_memo(o);
  // Text relocations: make the read-only segments writable for the duration.
  if (o.dyn.textrel)
    for (const elf::Phdr& p : o.phdrs)
      if (p.type == PT_LOAD && !(p.flags & PF_W)) {
        auto [lo, hi] = pages(o, p, page_);
        // Writable but never writable and executable at once.
        if (mprotect(reinterpret_cast<void*>(lo), hi - lo, (prot_of(p.flags) & ~PROT_EXEC) | PROT_WRITE) != 0)
          throw Error(o.path, "DT_TEXTREL", std::nullopt, format("cannot make text writable: %s", strerror(errno)));
      }

  apply_relr(o);
  std::vector<std::pair<const Elf64_Rela*, Definition>> deferred_a;
  std::vector<std::pair<const Elf64_Rel*, Definition>> deferred_r;
  if (o.dyn.rela) apply_table(o, o.ptr<const Elf64_Rela>(o.dyn.rela), o.dyn.relasz / sizeof(Elf64_Rela), &deferred_a);
  if (o.dyn.rel) apply_table(o, o.ptr<const Elf64_Rel>(o.dyn.rel), o.dyn.relsz / sizeof(Elf64_Rel), &deferred_r);
  if (o.dyn.jmprel) {
    // DT_JMPREL usually lies outside DT_RELA's range; if inside, it is done.
    const bool rela = o.dyn.pltrel == DT_RELA;
    const uint64_t lo = rela ? o.dyn.rela : o.dyn.rel, sz = rela ? o.dyn.relasz : o.dyn.relsz;
    const bool inside = lo && o.dyn.jmprel >= lo && o.dyn.jmprel < lo + sz;
    const bool lazy = !opts_.bind_now && !o.dyn.bind_now && o.dyn.pltgot && !o.dyn.aarch64_variant_pcs;
    if (!inside && rela) apply_plt(o, o.ptr<const Elf64_Rela>(o.dyn.jmprel), o.dyn.pltrelsz / sizeof(Elf64_Rela), lazy, &deferred_a);
    if (!inside && !rela) apply_plt(o, o.ptr<const Elf64_Rel>(o.dyn.jmprel), o.dyn.pltrelsz / sizeof(Elf64_Rel), lazy, &deferred_r);
    if (lazy) prepare_lazy(o);
  }
  if (o.dyn.textrel)
    for (const elf::Phdr& p : o.phdrs)
      if (p.type == PT_LOAD && !(p.flags & PF_W)) {
        auto [lo, hi] = pages(o, p, page_);
        mprotect(reinterpret_cast<void*>(lo), hi - lo, code_runtime_prot(prot_of(p.flags)));
      }
  // Its code is final: sync it before any of it runs (the resolvers below).
  code_finish_object(o.image.code);
  // IFUNC resolvers of this object, now that everything else is relocated.
  for (auto& [rec, def] : deferred_a) apply_one(o, *rec, &def, false, &deferred_a);
  for (auto& [rec, def] : deferred_r) apply_one(o, *rec, &def, false, &deferred_r);
  o.relocating = false;
  o.relocated = true;
  memo_owner_ = nullptr;
  if (outer) begin_memo(*outer);
}

void Linker::protect_relro(Object& o) {
  if (!o.relro || !o.ours()) return;
  const uintptr_t lo = o.addr(o.relro->vaddr) & ~(page_ - 1);
  const uintptr_t hi = o.addr(o.relro->vaddr + o.relro->memsz) & ~(page_ - 1);
  if (hi > lo && mprotect(reinterpret_cast<void*>(lo), hi - lo, PROT_READ) != 0)
    throw Error(o.path, "PT_GNU_RELRO", std::nullopt, format("cannot protect RELRO: %s", strerror(errno)));
}

void Linker::relocate_all() {
  // Dependencies before dependents, as glibc: the init order, reversed.
  for (size_t i = init_order_.size(); i-- > 0;) relocate(*init_order_[i]);
  redirect_host_copies();
  for (auto& o : objects_) protect_relro(*o);
  for (auto& o : objects_)
    if (o->ours()) {
      code_finish_object(o->image.code);
      code_check_runnable(o->image.code, o->is_main ? "the program" : "its initialisers");
    }
}

}  // namespace ldso

namespace ldso {

namespace {

// Calls fn(record) for every DT_RELA and DT_REL record of `o` (not DT_JMPREL:
// the PLT holds no data references and no TLS offsets).
template <class F>
void for_each_data_reloc(const Object& o, F&& fn) {
  if (o.dyn.rela)
    for (const Elf64_Rela& r : std::span(o.ptr<const Elf64_Rela>(o.dyn.rela), o.dyn.relasz / sizeof(Elf64_Rela)))
      fn(elf::decode(r));
  if (o.dyn.rel)
    for (const Elf64_Rel& r : std::span(o.ptr<const Elf64_Rel>(o.dyn.rel), o.dyn.relsz / sizeof(Elf64_Rel)))
      fn(elf::decode(r));
}

}  // namespace

bool Linker::has_tpoff_relocs(const Object& o) const {
  bool any = false;
  for_each_data_reloc(o, [&](const elf::Reloc& r) { any |= traits_.rule(r.type).kind == RelocKind::tpoff; });
  return any;
}

void Linker::redirect_host_copies() {
  // glibc's loader gets this for free (the executable comes first in every
  // scope); here the host's libraries were linked before the program came.
  // Their data references to a variable the program copied move to the copy:
  // a GOT or data word holding an address inside the old variable.
  if (copy_moves_.empty()) return;
  // Pointers inside the copies to any copied variable move too: a live
  // object copied out of a running library (std::cout on x86_64) points into
  // itself (ios_base::_M_word) and at its peers (cerr's and cin's tie).
  for (const CopyMove& c : copy_moves_)
    for (uintptr_t p = (c.to + 7) & ~uintptr_t(7); p + 8 <= c.to + c.size; p += 8) {
      auto* word = reinterpret_cast<uintptr_t*>(p);
      *word = live_address(*word);
    }
  for (auto& op : objects_) {
    const Object& o = *op;
    if (!o.is_host) continue;
    for_each_data_reloc(o, [&](const elf::Reloc& r) {
      const arch::RelocRule rule = traits_.rule(r.type);
      if (!r.sym || (rule.kind != RelocKind::glob_dat && rule.kind != RelocKind::absolute) || rule.width != 8) return;
      auto* word = o.ptr<uintptr_t>(r.offset);
      const uintptr_t moved = live_address(*word);
      if (moved == *word) return;
      // The word may lie in RELRO: writable for the one store.
      const uintptr_t page = reinterpret_cast<uintptr_t>(word) & ~(page_ - 1);
      const bool in_relro = o.relro && r.offset >= o.relro->vaddr && r.offset < o.relro->vaddr + o.relro->memsz;
      if (in_relro && mprotect(reinterpret_cast<void*>(page), page_, PROT_READ | PROT_WRITE) != 0)
        throw Error(o.path, "PT_GNU_RELRO", r.offset,
                    format("cannot redirect a reference to the program's copy: %s", strerror(errno)));
      *word = moved;
      if (in_relro) mprotect(reinterpret_cast<void*>(page), page_, PROT_READ);
    });
  }
}

}  // namespace ldso
