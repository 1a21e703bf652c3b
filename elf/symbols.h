// Symbol tables of a loaded object: GNU hash (with its bloom filter) or SysV
// hash lookup, and symbol versions (VERSYM, VERDEF, VERNEED). Reads the
// object's memory through a base address; allocates nothing per lookup.
#pragma once
#include <elf.h>

#include <cstdint>
#include <string>
#include <vector>

#include "elf/dynamic.h"

namespace ldso::elf {

uint32_t gnu_hash(const char* name);
uint32_t sysv_hash(const char* name);

// A name to look up, hashed once for the whole scope. The SysV hash is only
// computed if some object has no GNU hash table.
struct LookupKey {
  explicit LookupKey(const char* n) : name(n), gnu(gnu_hash(n)) {}
  const char* name;
  uint32_t gnu;
  uint32_t sysv() const {
    if (!sysv_done_) sysv_ = sysv_hash(name), sysv_done_ = true;
    return sysv_;
  }

 private:
  mutable uint32_t sysv_ = 0;
  mutable bool sysv_done_ = false;
};

// One entry of an object's version index space (versym values).
struct Version {
  const char* name = nullptr;  // null: unused index
  uint32_t hash = 0;
  const char* file = nullptr;  // VERNEED: the object expected to define it
  bool hidden = false;         // VERNEED: weak/hidden flag
};

class SymbolTable {
 public:
  // `base` is the load bias; [lo, hi) the object's mapped range, used to
  // refuse tables that point outside it. Throws ldso::Error naming `file`.
  void init(const std::string& file, uintptr_t base, uintptr_t lo, uintptr_t hi, const DynamicInfo& d);

  const Elf64_Sym* sym(uint32_t i) const { return syms_ + i; }
  uint32_t count() const { return count_; }
  const char* name(const Elf64_Sym* s) const { return strtab_ + s->st_name; }
  const char* str(uint64_t off) const { return strtab_ + off; }
  uint16_t versym(uint32_t i) const { return versym_ ? versym_[i] : 1; }
  bool has_versions() const { return versym_ != nullptr; }
  const Version* version(uint16_t idx) const {
    idx &= 0x7fff;
    return idx < versions_.size() && versions_[idx].name ? &versions_[idx] : nullptr;
  }
  const std::vector<Version>& versions() const { return versions_; }

  // The GNU bloom filter, for a quick "certainly not here" over a scope.
  const uint64_t* bloom() const { return gnu_buckets_ ? gnu_bloom_ : nullptr; }
  uint32_t bloom_mask() const { return gnu_bloom_size_ - 1; }
  uint32_t bloom_shift() const { return gnu_shift_; }

  // Calls accept(index, sym) for each symbol named key.name, in hash-chain
  // order, until it returns true; returns that index or -1.
  template <class Accept>
  int64_t find(const LookupKey& key, Accept&& accept) const;

 private:
  bool name_is(const Elf64_Sym* s, const char* n) const;

  const Elf64_Sym* syms_ = nullptr;
  const char* strtab_ = nullptr;
  uint64_t strsz_ = 0;
  uint32_t count_ = 0;
  const uint16_t* versym_ = nullptr;
  // GNU hash.
  uint32_t gnu_nbuckets_ = 0, gnu_symoffset_ = 0, gnu_bloom_size_ = 0, gnu_shift_ = 0;
  const uint64_t* gnu_bloom_ = nullptr;
  const uint32_t* gnu_buckets_ = nullptr;
  const uint32_t* gnu_chain_ = nullptr;
  // SysV hash.
  uint32_t sysv_nbucket_ = 0;
  const uint32_t* sysv_bucket_ = nullptr;
  const uint32_t* sysv_chain_ = nullptr;
  std::vector<Version> versions_;
};

inline bool SymbolTable::name_is(const Elf64_Sym* s, const char* n) const {
  if (s->st_name >= strsz_) return false;
  const char* a = strtab_ + s->st_name;
  while (*a && *a == *n) ++a, ++n;
  return *a == *n;
}

template <class Accept>
int64_t SymbolTable::find(const LookupKey& key, Accept&& accept) const {
  if (gnu_buckets_) {
    const uint64_t word = gnu_bloom_[(key.gnu / 64) & (gnu_bloom_size_ - 1)];
    const uint64_t mask = (uint64_t(1) << (key.gnu % 64)) | (uint64_t(1) << ((key.gnu >> gnu_shift_) % 64));
    if ((word & mask) != mask) return -1;
    uint32_t i = gnu_buckets_[key.gnu % gnu_nbuckets_];
    if (i < gnu_symoffset_) return -1;
    for (;; ++i) {
      const uint32_t h = gnu_chain_[i - gnu_symoffset_];
      if ((h | 1) == (key.gnu | 1) && name_is(syms_ + i, key.name) && accept(i, syms_ + i)) return i;
      if (h & 1) return -1;
    }
  }
  if (sysv_bucket_) {
    for (uint32_t i = sysv_bucket_[key.sysv() % sysv_nbucket_]; i != STN_UNDEF && i < count_; i = sysv_chain_[i])
      if (name_is(syms_ + i, key.name) && accept(i, syms_ + i)) return i;
  }
  return -1;
}

}  // namespace ldso::elf
