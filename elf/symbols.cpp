#include "elf/symbols.h"

namespace ldso::elf {

uint32_t gnu_hash(const char* name) {
  uint32_t h = 5381;
  for (auto* p = reinterpret_cast<const unsigned char*>(name); *p; ++p) h = h * 33 + *p;
  return h;
}

uint32_t sysv_hash(const char* name) {
  uint32_t h = 0;
  for (auto* p = reinterpret_cast<const unsigned char*>(name); *p; ++p) {
    h = (h << 4) + *p;
    h ^= (h >> 24) & 0xf0;
  }
  return h & 0x0fffffff;
}

void SymbolTable::init(const std::string& file, uintptr_t base, uintptr_t lo, uintptr_t hi, const DynamicInfo& d) {
  auto fail = [&](const char* field, std::string what) { throw Error(file, field, std::nullopt, std::move(what)); };
  // Each table must lie inside the mapped image; n bytes at vaddr `v`.
  auto at = [&](const char* field, uint64_t v, uint64_t n) -> uintptr_t {
    uintptr_t a = base + v;
    if (a < lo || a > hi || n > hi - a)
      fail(field, format("%s at 0x%llx (0x%llx bytes) is outside the loaded image", field, (unsigned long long)v,
                         (unsigned long long)n));
    return a;
  };
  if (!d.symtab) return;
  syms_ = reinterpret_cast<const Elf64_Sym*>(at("DT_SYMTAB", d.symtab, sizeof(Elf64_Sym)));
  strtab_ = reinterpret_cast<const char*>(at("DT_STRTAB", d.strtab, d.strsz));
  strsz_ = d.strsz;
  if (d.gnu_hash) {
    auto* h = reinterpret_cast<const uint32_t*>(at("DT_GNU_HASH", d.gnu_hash, 16));
    gnu_nbuckets_ = h[0];
    gnu_symoffset_ = h[1];
    gnu_bloom_size_ = h[2];
    gnu_shift_ = h[3];
    if (!gnu_nbuckets_ || !gnu_bloom_size_ || (gnu_bloom_size_ & (gnu_bloom_size_ - 1)))
      fail("DT_GNU_HASH", format("GNU hash table has %u buckets and a bloom filter of %u words (a power of two is required)",
                                 gnu_nbuckets_, gnu_bloom_size_));
    const uint64_t head = 16 + uint64_t(gnu_bloom_size_) * 8 + uint64_t(gnu_nbuckets_) * 4;
    at("DT_GNU_HASH", d.gnu_hash, head);
    gnu_bloom_ = reinterpret_cast<const uint64_t*>(h + 4);
    gnu_buckets_ = reinterpret_cast<const uint32_t*>(gnu_bloom_ + gnu_bloom_size_);
    gnu_chain_ = gnu_buckets_ + gnu_nbuckets_;
    // Symbol count: past the highest bucket, follow its chain to the end.
    uint32_t last = 0;
    for (uint32_t b = 0; b < gnu_nbuckets_; ++b) last = gnu_buckets_[b] > last ? gnu_buckets_[b] : last;
    if (last >= gnu_symoffset_) {
      for (;; ++last) {
        at("DT_GNU_HASH", d.gnu_hash + head + uint64_t(last - gnu_symoffset_) * 4, 4);
        if (gnu_chain_[last - gnu_symoffset_] & 1) break;
      }
      count_ = last + 1;
    } else {
      count_ = gnu_symoffset_;
    }
  }
  if (d.hash) {
    auto* h = reinterpret_cast<const uint32_t*>(at("DT_HASH", d.hash, 8));
    sysv_nbucket_ = h[0];
    const uint32_t nchain = h[1];
    at("DT_HASH", d.hash, 8 + (uint64_t(sysv_nbucket_) + nchain) * 4);
    if (!sysv_nbucket_) fail("DT_HASH", "SysV hash table has 0 buckets");
    sysv_bucket_ = h + 2;
    sysv_chain_ = sysv_bucket_ + sysv_nbucket_;
    if (nchain > count_) count_ = nchain;  // nchain is the exact symbol count
  }
  if (!d.gnu_hash && !d.hash) fail("DT_HASH", "DT_SYMTAB without DT_GNU_HASH or DT_HASH");
  // The GNU hash table only covers defined symbols; undefined ones sit below
  // its symoffset and may all be there. ld places .dynstr right after .dynsym,
  // which bounds the table when the hash does not.
  if (d.strtab > d.symtab && (d.strtab - d.symtab) / sizeof(Elf64_Sym) > count_)
    count_ = static_cast<uint32_t>((d.strtab - d.symtab) / sizeof(Elf64_Sym));
  at("DT_SYMTAB", d.symtab, uint64_t(count_) * sizeof(Elf64_Sym));
  if (d.versym) versym_ = reinterpret_cast<const uint16_t*>(at("DT_VERSYM", d.versym, uint64_t(count_) * 2));

  // Version index space: VERDEF's vd_ndx and VERNEED's vna_other.
  auto slot = [&](uint16_t idx) -> Version& {
    idx &= 0x7fff;
    if (versions_.size() <= idx) versions_.resize(idx + 1);
    return versions_[idx];
  };
  if (d.verdef) {
    uint64_t off = d.verdef;
    for (uint64_t n = 0; n < d.verdefnum; ++n) {
      auto* vd = reinterpret_cast<const Elf64_Verdef*>(at("DT_VERDEF", off, sizeof(Elf64_Verdef)));
      if (vd->vd_version != 1) fail("DT_VERDEF", format("VERDEF entry %llu has version %u, expected 1", (unsigned long long)n, vd->vd_version));
      auto* aux = reinterpret_cast<const Elf64_Verdaux*>(at("DT_VERDEF", off + vd->vd_aux, sizeof(Elf64_Verdaux)));
      if (aux->vda_name >= strsz_) fail("DT_VERDEF", "VERDEF name outside DT_STRSZ");
      // The base version (the file's own name) is not a symbol version:
      // index 1 stays "global, unversioned", as glibc treats it.
      if (!(vd->vd_flags & VER_FLG_BASE)) {
        Version& v = slot(vd->vd_ndx);
        v.name = strtab_ + aux->vda_name;
        v.hash = vd->vd_hash;
      }
      if (!vd->vd_next) break;
      off += vd->vd_next;
    }
  }
  if (d.verneed) {
    uint64_t off = d.verneed;
    for (uint64_t n = 0; n < d.verneednum; ++n) {
      auto* vn = reinterpret_cast<const Elf64_Verneed*>(at("DT_VERNEED", off, sizeof(Elf64_Verneed)));
      if (vn->vn_version != 1) fail("DT_VERNEED", format("VERNEED entry %llu has version %u, expected 1", (unsigned long long)n, vn->vn_version));
      if (vn->vn_file >= strsz_) fail("DT_VERNEED", "VERNEED file name outside DT_STRSZ");
      uint64_t aoff = off + vn->vn_aux;
      for (uint16_t k = 0; k < vn->vn_cnt; ++k) {
        auto* a = reinterpret_cast<const Elf64_Vernaux*>(at("DT_VERNEED", aoff, sizeof(Elf64_Vernaux)));
        if (a->vna_name >= strsz_) fail("DT_VERNEED", "VERNEED version name outside DT_STRSZ");
        Version& v = slot(a->vna_other);
        v.name = strtab_ + a->vna_name;
        v.hash = a->vna_hash;
        v.file = strtab_ + vn->vn_file;
        v.hidden = (a->vna_other & 0x8000) != 0;
        if (!a->vna_next) break;
        aoff += a->vna_next;
      }
      if (!vn->vn_next) break;
      off += vn->vn_next;
    }
  }
}

}  // namespace ldso::elf
