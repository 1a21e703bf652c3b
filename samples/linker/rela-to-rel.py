#!/usr/bin/env python3
"""rela-to-rel.py FILE: rewrites, in place, the DT_RELA table of an ELF64
little-endian object as a DT_REL table: each addend moves into the place it
applies to (8 or 4 bytes, as the relocation type writes), the entries shrink
to 16 bytes, and DT_RELA/DT_RELASZ/DT_RELAENT/DT_RELACOUNT become
DT_REL/DT_RELSZ/DT_RELENT/DT_RELCOUNT. DT_JMPREL is left as it is.

No linker here emits REL on x86_64 or aarch64, and glibc's ld.so does not
accept it there; ldso handles REL like RELA, and this makes a sample of it.
"""
import struct
import sys

DT_NULL, DT_RELA, DT_RELASZ, DT_RELAENT, DT_REL, DT_RELSZ, DT_RELENT = 0, 7, 8, 9, 17, 18, 19
DT_RELACOUNT, DT_RELCOUNT = 0x6FFFFFF9, 0x6FFFFFFA
EM_X86_64, EM_AARCH64 = 62, 183
# Bytes each type writes at its place (where a REL addend lives); 0: none.
WIDTH = {
    EM_X86_64: {0: 0, 1: 8, 2: 4, 5: 0, 6: 8, 8: 8, 10: 4, 11: 4, 16: 8, 17: 8, 18: 8, 24: 8, 32: 4, 33: 8, 37: 8},
    EM_AARCH64: {0: 0, 256: 0, 257: 8, 258: 4, 260: 8, 261: 4, 1024: 0, 1025: 8, 1027: 8, 1028: 8, 1029: 8,
                 1030: 8, 1032: 8},
}


def main(path):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        machine = struct.unpack_from("<H", data, 18)[0]
        phoff, = struct.unpack_from("<Q", data, 32)
        phnum, = struct.unpack_from("<H", data, 56)
        loads, dynamic = [], None
        for i in range(phnum):
            p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ = struct.unpack_from("<IIQQQQQQ", data, phoff + i * 56)
            if p_type == 1:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == 2:
                dynamic = (p_offset, p_filesz)

        def offset_of(vaddr, n):
            for v, o, size in loads:
                if v <= vaddr and vaddr + n <= v + size:
                    return o + vaddr - v
            sys.exit(f"rela-to-rel.py: {path}: 0x{vaddr:x} is not in the file")

        tags = {}
        for k in range(dynamic[1] // 16):
            tag, val = struct.unpack_from("<qQ", data, dynamic[0] + k * 16)
            if tag == DT_NULL:
                break
            tags[tag] = (val, dynamic[0] + k * 16)
        if DT_RELA not in tags:
            sys.exit(f"rela-to-rel.py: {path}: no DT_RELA")
        table = offset_of(tags[DT_RELA][0], tags[DT_RELASZ][0])
        count = tags[DT_RELASZ][0] // 24
        entries = [struct.unpack_from("<QQq", data, table + i * 24) for i in range(count)]
        for r_offset, r_info, addend in entries:
            width = WIDTH[machine].get(r_info & 0xFFFFFFFF)
            if width is None:
                sys.exit(f"rela-to-rel.py: {path}: relocation type {r_info & 0xFFFFFFFF} not handled")
            if width == 8:
                struct.pack_into("<q", data, offset_of(r_offset, 8), addend)
            elif width == 4:
                struct.pack_into("<i", data, offset_of(r_offset, 4), addend)
        data[table:table + count * 24] = bytes(count * 24)
        for i, (r_offset, r_info, _) in enumerate(entries):
            struct.pack_into("<QQ", data, table + i * 16, r_offset, r_info)
        for old, new, value in ((DT_RELA, DT_REL, None), (DT_RELASZ, DT_RELSZ, count * 16),
                                (DT_RELAENT, DT_RELENT, 16), (DT_RELACOUNT, DT_RELCOUNT, None)):
            if old in tags:
                val, at = tags[old]
                struct.pack_into("<qQ", data, at, new, val if value is None else value)
        f.seek(0)
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
