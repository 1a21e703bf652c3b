#!/bin/sh
# patch-reloc.sh READELF FILE SYMBOL TYPE
#
# Rewrites, in place, the relocation type of the one dynamic RELA relocation
# (in .rela.dyn) of the ELF64 little-endian FILE whose r_offset is the value
# of SYMBOL in FILE's .symtab (its link-time address). TYPE is a number.
#
# Used for relocation types that no linker here emits as dynamic
# relocations (x86_64 R_X86_64_32S, aarch64 R_AARCH64_ABS32 and PREL32) and
# for R_*_NONE: the sample has the linker emit an ordinary 64-bit relocation
# (R_X86_64_32 or R_X86_64_64 / R_AARCH64_ABS64) at a labelled spot, and this
# script turns it into the type under test, keeping symbol and addend.
set -eu
[ $# -eq 4 ] || { echo "usage: patch-reloc.sh READELF FILE SYMBOL TYPE" >&2; exit 2; }
readelf=$1 file=$2 sym=$3 type=$4

addr=$("$readelf" -sW "$file" | awk -v s="$sym" '$8 == s && $2 != "" { print $2; exit }')
[ -n "$addr" ] || { echo "patch-reloc.sh: $file: no symbol $sym" >&2; exit 1; }
# .rela.dyn: [Nr] Name Type Address Off Size ES ... ("[ 5]" splits in two fields for Nr < 10)
set -- $("$readelf" -SW "$file" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1 == ".rela.dyn" { print $4, $5; exit }')
[ $# -eq 2 ] || { echo "patch-reloc.sh: $file: no .rela.dyn" >&2; exit 1; }
off=$((0x$1)) size=$((0x$2))
want=$((0x$addr))

i=0
found=-1
while [ $((i * 24)) -lt "$size" ]; do
  e=$((off + i * 24))
  lo=$(od -An -t u4 -j "$e" -N 4 "$file" | tr -d ' ')
  hi=$(od -An -t u4 -j $((e + 4)) -N 4 "$file" | tr -d ' ')
  if [ $((hi * 4294967296 + lo)) -eq "$want" ]; then
    found=$e
    break
  fi
  i=$((i + 1))
done
[ "$found" -ge 0 ] || { echo "patch-reloc.sh: $file: no .rela.dyn entry at $sym (0x$addr)" >&2; exit 1; }

# r_info low 32 bits = type (little-endian).
t=$type
bytes=
for k in 1 2 3 4; do
  bytes="$bytes\\$(printf '%03o' $((t % 256)))"
  t=$((t / 256))
done
printf "$bytes" | dd of="$file" bs=1 seek=$((found + 8)) conv=notrunc status=none
echo "patch-reloc.sh: $file: relocation at $sym (0x$addr) is now type $type"
