#!/usr/bin/env python3
"""Cache-coherence tests of ldso (tests/sync): runs programs through ldso with
--sync=eager|written|lazy, --load=copy, --cache-geometry and --stats=FILE, and
checks the statistics, the sync ledger and the crash report against what the
ELF files say (read with readelf, independently of ldso).

    sync_test.py COMMAND [options] -- PROGRAM [ARG]...

Commands (each says what it asserts in its docstring below):
    lazy-pages   lazy faults of a run with functions S minus those of a run
                 with none == |distinct S|, and exactly their pages
    counts       eager (or written) ranges, dc_lines, ic_lines, bytes and the
                 ledger == what the executable PT_LOAD segments imply
    textrel      --sync=written syncs exactly the objects ldso wrote code in
    order        an IFUNC resolver and an initialiser run after their
                 page/segment was synced (ledger order, output order)
    crash        ldso's crash report: signal, pc, object, offset, symbol,
                 the ledger entry that synced the pc's page; death by signal
    run          a program's output and status through ldso (own handlers)

Common options: --ldso PATH, --emulator "WORDS" (aarch64: "qemu-aarch64 -L /"),
--readelf PATH, --ldso-opt=OPT (an ldso option for every run; repeatable),
--env VAR=VALUE (repeatable). crash and run take their ldso options as
--ldso-extra=OPT and run without --stats; the other commands add --stats and
their own --sync/--load/--cache-geometry options.

Every run is under a clean environment (like `env -i`) plus --env and, for
runs with --stats, RT_FINI=1: the freestanding runtime (samples/rt) then calls
the fini function ldso passed to _start at exit, which is where ldso writes
the statistics (a program that calls exit_group without it gives ldso no
chance to). Core dumps are disabled.

The JSON contract these tests read (--stats=FILE):
  objects[]: path (names the file: compared by realpath, relative paths
      against the run's working directory), segments (PT_LOADs),
      exec_segments (PT_LOADs with PF_X), bytes_copied (0 without
      --load=copy; with it and eager/written sync: sum of p_filesz of the
      PT_LOADs). Exactly the ELF objects ldso mapped: the executable and its
      libraries; not ldso itself, not the vDSO.
  sync: ranges, dc_lines, ic_lines, bytes, lazy_faults, geometry{dline,
      iline, idc, dic}, ledger[]{seq, begin, end, reason, object}; optional
      dsb, isb, dropped (checked when present).
    - ledger lists every sync in seq order, seq = 1, 2, ... (no drops in
      these small programs), [begin, end) as given to the sync, object ==
      the objects[].path of the object synced.
    - ranges == len(ledger); bytes == sum(end - begin); dc_lines == sum of
      D-lines of geometry.dline overlapping each [begin, end) (0 if idc),
      ic_lines the same with iline (0 if dic); dsb == 2 * ranges; isb ==
      ranges. geometry is the geometry REQUESTED (--cache-geometry /
      LDSO_CACHE_GEOMETRY, else the machine's): counts use it as given, even
      where the maintenance really executed is clamped to the hardware's
      lines (aarch64; qemu-aarch64 7.2 reports 32-byte lines).
    - eager: one entry per executable PT_LOAD of every object, reason
      eager_segment, [begin, end) == [bias + p_vaddr, bias + p_vaddr +
      p_memsz) exactly (not page-rounded), bias page-aligned and the same for
      all segments of an object.
    - written: an entry only for what ldso wrote; with --load=copy one per
      executable PT_LOAD, reason written_range, same ranges as eager.
    - lazy: one entry per page on its first instruction fetch, reason
      lazy_fault, [page, page + AT_PAGESZ); lazy_faults == their number
      (fill-only faults of --load=copy are not counted).
"""

import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def die(msg):
    print("sync_test.py: " + msg)
    sys.exit(2)


# ---- ELF facts, from readelf ---------------------------------------------------

class Elf:
    def __init__(self, readelf, path):
        self.path = path
        self.real = os.path.realpath(path)
        out = subprocess.run([readelf, "-lW", path], capture_output=True, text=True, check=True).stdout
        self.loads = []  # dicts: offset, vaddr, filesz, memsz, flags
        pat = re.compile(r"^\s*LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+"
                         r"(0x[0-9a-f]+)\s+(.*?)\s+(0x[0-9a-f]+)\s*$")
        for line in out.splitlines():
            m = pat.match(line)
            if m:
                self.loads.append(dict(offset=int(m.group(1), 16), vaddr=int(m.group(2), 16),
                                       filesz=int(m.group(4), 16), memsz=int(m.group(5), 16),
                                       flags=m.group(6).replace(" ", ""), align=int(m.group(7), 16)))
        if not self.loads:
            die("%s: readelf -lW shows no LOAD segment" % path)
        self.exec_loads = [s for s in self.loads if "E" in s["flags"]]
        dyn = subprocess.run([readelf, "-dW", path], capture_output=True, text=True, check=True).stdout
        self.textrel = bool(re.search(r"\(TEXTREL\)", dyn)) or bool(re.search(r"\(FLAGS\).*\bTEXTREL\b", dyn))
        self._readelf = readelf
        self._syms = None

    def _symbols(self):
        """{name: (st_value, st_size)} of the defined symbols (.symtab and .dynsym)."""
        if self._syms is None:
            out = subprocess.run([self._readelf, "-sW", self.path], capture_output=True, text=True,
                                 check=True).stdout
            self._syms = {}
            for line in out.splitlines():
                f = line.split()
                # Num: Value Size Type Bind Vis Ndx Name
                if len(f) >= 8 and f[0].endswith(":") and f[6] != "UND":
                    try:
                        self._syms.setdefault(f[7].split("@")[0], (int(f[1], 16), int(f[2], 0)))
                    except ValueError:
                        pass
        return self._syms

    def symbol(self, name):
        """(st_value, st_size) of the defined symbol NAME."""
        if name not in self._symbols():
            die("%s: no symbol %s" % (self.path, name))
        return self._syms[name]

    def aliases(self, name):
        """NAME and every other defined symbol with the same st_value (e.g. an
        IFUNC symbol, whose value is its resolver's address)."""
        value = self.symbol(name)[0]
        return sorted(n for n, (v, _) in self._syms.items() if v == value and n)


def lines(begin, end, line):
    """Lines of `line` bytes overlapping [begin, end) (arch/cache.h)."""
    if begin >= end:
        return 0
    return (end - 1) // line - begin // line + 1


def parse_geometry(spec):
    """The keys SPEC names (keys it does not name keep ldso's base, which these
    tests do not assume)."""
    g = {}
    for field in spec.split(","):
        k, v = field.split("=", 1)
        if k in ("dline", "iline"):
            g[k] = int(v, 0)
        else:
            g[k] = v in ("1", "true")
    return g


# ---- running -----------------------------------------------------------------

class Runner:
    def __init__(self, args):
        self.ldso = args.ldso
        self.emulator = args.emulator.split() if args.emulator else []
        if self.emulator:
            self.emulator[0] = shutil.which(self.emulator[0]) or self.emulator[0]
        self.ldso_opts = list(args.ldso_opt or [])
        self.env = {}
        for e in args.env or []:
            k, v = e.split("=", 1)
            self.env[k] = v
        if not os.access(self.ldso, os.X_OK):
            print("FAIL: ldso binary '%s' does not exist or is not executable (not built yet?)" % self.ldso)
            sys.exit(1)
        self.tmp = tempfile.mkdtemp(prefix="ldso-sync.")
        self.nruns = 0

    def run(self, program, args, opts=(), env=None, stats=True):
        """Runs `ldso [ldso-opts] [opts] [--stats=F] program args`; returns
        (status, stdout, stderr, stats or None). status: exit status, or
        -signal when killed by a signal (subprocess's convention)."""
        self.nruns += 1
        e = dict(self.env)
        if env:
            e.update(env)
        cmd = self.emulator + [self.ldso] + self.ldso_opts + list(opts)
        sfile = None
        if stats:
            sfile = os.path.join(self.tmp, "stats%d.json" % self.nruns)
            cmd.append("--stats=" + sfile)
            e.setdefault("RT_FINI", "1")
        cmd += [program] + list(args)
        print("run: %s%s" % (" ".join("%s=%s" % kv for kv in sorted(e.items())) + " " if e else "",
                             " ".join(cmd)))

        def no_core():
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        p = subprocess.run(cmd, env=e, capture_output=True, text=True, errors="replace", timeout=120,
                           preexec_fn=no_core, cwd=os.getcwd())
        print("  -> status %d" % p.returncode)
        data = None
        if sfile:
            try:
                with open(sfile) as f:
                    text = f.read()
            except OSError as ex:
                fail("--stats file %s was not written (%s)" % (sfile, ex))
                text = None
            if text is not None:
                try:
                    data = json.loads(text)
                except ValueError as ex:
                    fail("--stats file is not JSON (%s): %s" % (ex, text[:2000]))
        return p.returncode, p.stdout, p.stderr, data

    def show(self, out, err):
        print("---- stdout ----\n" + out + "---- stderr ----\n" + err + "----")

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def real(path):
    return os.path.realpath(os.path.join(os.getcwd(), path))


# ---- checks shared by every run with --stats ------------------------------------

def check_stats(st, expected_objects=None, copy=False, copy_bytes=True):
    """The ledger/totals consistency every --stats output must have, and (if
    expected_objects, a list of Elf) the object list. Returns the sync
    object, or None if the JSON lacks it."""
    if st is None:
        return None
    if not check(isinstance(st.get("sync"), dict) and isinstance(st.get("objects"), list),
                 "--stats JSON lacks \"sync\" or \"objects\""):
        return None
    s = st["sync"]
    for k in ("ranges", "dc_lines", "ic_lines", "bytes", "lazy_faults", "geometry", "ledger"):
        if not check(k in s, "sync.%s missing" % k):
            return None
    led = s["ledger"]
    g = s["geometry"]
    if s.get("dropped", 0) != 0:
        fail("sync.dropped = %s: the ledger lost entries" % s["dropped"])
    check([e["seq"] for e in led] == list(range(1, len(led) + 1)),
          "ledger seq values are not 1..%d in order: %s" % (len(led), [e["seq"] for e in led]))
    check(s["ranges"] == len(led), "sync.ranges %d != ledger entries %d" % (s["ranges"], len(led)))
    if "syncs" in s:
        check(s["syncs"] == len(led), "sync.syncs %d != ledger entries %d" % (s["syncs"], len(led)))
    rng = [(int(e["begin"], 16), int(e["end"], 16)) for e in led]
    for e, (b, en) in zip(led, rng):
        check(b < en, "ledger entry %s is empty or reversed" % e)
    check(s["bytes"] == sum(en - b for b, en in rng),
          "sync.bytes %d != sum of ledger lengths %d" % (s["bytes"], sum(en - b for b, en in rng)))
    dc = 0 if g["idc"] else sum(lines(b, en, g["dline"]) for b, en in rng)
    ic = 0 if g["dic"] else sum(lines(b, en, g["iline"]) for b, en in rng)
    check(s["dc_lines"] == dc, "sync.dc_lines %d != %d (the ledger's ranges in %d-byte D-lines%s)"
          % (s["dc_lines"], dc, g["dline"], ", idc" if g["idc"] else ""))
    check(s["ic_lines"] == ic, "sync.ic_lines %d != %d (the ledger's ranges in %d-byte I-lines%s)"
          % (s["ic_lines"], ic, g["iline"], ", dic" if g["dic"] else ""))
    if "dsb" in s:
        check(s["dsb"] == 2 * s["ranges"], "sync.dsb %d != 2 * ranges" % s["dsb"])
    if "isb" in s:
        check(s["isb"] == s["ranges"], "sync.isb %d != ranges" % s["isb"])
    nlazy = sum(1 for e in led if e["reason"] == "lazy_fault")
    check(s["lazy_faults"] == nlazy, "sync.lazy_faults %d != lazy_fault ledger entries %d"
          % (s["lazy_faults"], nlazy))
    paths = [o.get("path") for o in st["objects"]]
    for e in led:
        check(e["reason"] in ("eager_segment", "written_range", "lazy_fault"), "ledger reason %r" % e["reason"])
        check(e["object"] in paths, "ledger entry %d: object %r is not an objects[].path" % (e["seq"], e["object"]))
    if expected_objects is not None:
        got = sorted(real(p) for p in paths)
        want = sorted(o.real for o in expected_objects)
        check(got == want, "objects: %s, expected %s" % (got, want))
        by_real = {o.real: o for o in expected_objects}
        for o in st["objects"]:
            elf = by_real.get(real(o["path"]))
            if not elf:
                continue
            check(o.get("segments") == len(elf.loads), "%s: segments %s, readelf: %d PT_LOAD"
                  % (o["path"], o.get("segments"), len(elf.loads)))
            check(o.get("exec_segments") == len(elf.exec_loads), "%s: exec_segments %s, readelf: %d"
                  % (o["path"], o.get("exec_segments"), len(elf.exec_loads)))
            if not copy:
                check(o.get("bytes_copied") == 0, "%s: bytes_copied %s without --load=copy"
                      % (o["path"], o.get("bytes_copied")))
            elif copy_bytes:
                want_b = sum(x["filesz"] for x in elf.loads)
                check(o.get("bytes_copied") == want_b, "%s: bytes_copied %s with --load=copy, expected %d "
                      "(sum of p_filesz)" % (o["path"], o.get("bytes_copied"), want_b))
    return s


def entries_of(s, st, elf):
    """Ledger entries whose object is `elf`."""
    names = {o["path"] for o in st["objects"] if real(o["path"]) == elf.real}
    return [e for e in s["ledger"] if e["object"] in names]


def check_segment_entries(s, st, elfs, reason, page):
    """Exactly one entry per executable PT_LOAD of each object, with reason
    `reason` and [begin, end) == [bias + p_vaddr, bias + p_vaddr + p_memsz),
    one page-aligned bias per object."""
    for elf in elfs:
        ents = sorted(entries_of(s, st, elf), key=lambda e: int(e["begin"], 16))
        segs = sorted(elf.exec_loads, key=lambda x: x["vaddr"])
        if not check(len(ents) == len(segs), "%s: %d ledger entries, %d executable PT_LOAD"
                     % (elf.path, len(ents), len(segs))):
            continue
        biases = set()
        for e, seg in zip(ents, segs):
            b, en = int(e["begin"], 16), int(e["end"], 16)
            check(e["reason"] == reason, "%s: entry %d reason %s, expected %s" % (elf.path, e["seq"], e["reason"], reason))
            check(en - b == seg["memsz"], "%s: entry %d covers 0x%x bytes, the segment at p_vaddr 0x%x has "
                  "p_memsz 0x%x (expected exactly [p_vaddr, p_vaddr + p_memsz), biased)"
                  % (elf.path, e["seq"], en - b, seg["vaddr"], seg["memsz"]))
            biases.add(b - seg["vaddr"])
        check(len(biases) == 1, "%s: entries imply different load biases %s" % (elf.path, [hex(x) for x in biases]))
        for bias in biases:
            check(bias % page == 0, "%s: load bias 0x%x is not page-aligned" % (elf.path, bias))


# ---- commands --------------------------------------------------------------------

def cmd_lazy_pages(args, r):
    """`PROGRAM S...` (samples/sync/pages_main.c) with --sync=lazy, and with no
    names: lazy_faults(S) - lazy_faults(none) == |distinct S|; the S run has
    a lazy_fault entry for exactly the pages of the functions in S (one page
    each: [addr, addr + AT_PAGESZ), of the right object), neither run has one
    for any other of the functions; every entry of a lazy run is a lazy
    fault of one page, no page twice; the output is right."""
    subset = [x for x in args.subset.split(",") if x] if args.subset else []
    exe = Elf(args.readelf, args.program)
    lib = Elf(args.readelf, args.lib)
    values = {"e%d" % i: 100 + i for i in range(4)}
    values.update({"l%d" % i: 200 + i for i in range(3)})
    opts = ["--sync=lazy"]
    results = {}
    for label, names in (("none", []), ("S", subset)):
        status, out, err, st = r.run(args.program, names + args.args, opts)
        ok = check(status == 0, "run with %s: status %d" % (names or "no names", status))
        fns, page, calls = {}, None, None
        for line in out.splitlines():
            f = line.split()
            if f[:1] == ["pagesize"]:
                page = int(f[1])
            elif f[:1] == ["fn"]:
                fns[f[1]] = int(f[2], 16)
            elif line.startswith("calls="):
                calls = line
        want_calls = "calls=%d sum=%d" % (len(names), sum(values[n] for n in names))
        ok &= check(calls == want_calls, "output %r, expected %r" % (calls, want_calls))
        ok &= check(bool(page) and sorted(fns) == sorted(values), "output lacks pagesize or fn lines")
        if not ok:
            r.show(out, err)
        s = check_stats(st, [exe, lib], copy="--load=copy" in r.ldso_opts, copy_bytes=False)
        if s is None or not ok:
            return
        led = s["ledger"]
        for e in led:
            b, en = int(e["begin"], 16), int(e["end"], 16)
            check(e["reason"] == "lazy_fault", "lazy run: entry %d has reason %s" % (e["seq"], e["reason"]))
            check(b % page == 0 and en - b == page, "lazy run: entry %d is [%s, %s), not one page"
                  % (e["seq"], e["begin"], e["end"]))
        begins = [e["begin"] for e in led]
        check(len(set(begins)) == len(begins), "lazy run: a page was synced twice: %s" % begins)
        check(s["ranges"] == s["lazy_faults"], "lazy run: ranges %d != lazy_faults %d (only lazy faults expected)"
              % (s["ranges"], s["lazy_faults"]))
        check(s["lazy_faults"] >= 1, "lazy run: no lazy fault at all (the entry point's page must take one)")
        for name, addr in fns.items():
            covering = [e for e in led if int(e["begin"], 16) <= addr < int(e["end"], 16)]
            if name in names:
                if check(len(covering) == 1, "%s (%#x) was called but %d ledger entries cover it"
                         % (name, addr, len(covering))):
                    e = covering[0]
                    check(int(e["begin"], 16) == addr, "%s: entry %d begins at %s, the function's page at %#x"
                          % (name, e["seq"], e["begin"], addr))
                    want = exe if name[0] == "e" else lib
                    check(real(e["object"]) == want.real, "%s: entry %d names object %s, expected %s"
                          % (name, e["seq"], e["object"], want.path))
            else:
                check(not covering, "%s (%#x) was never called but entry %s covers its page"
                      % (name, addr, [e["seq"] for e in covering]))
        results[label] = s["lazy_faults"]
    if len(results) == 2:
        want = len(set(subset))
        print("lazy_faults: none %d, S=%s %d (difference %d, expected %d)"
              % (results["none"], subset, results["S"], results["S"] - results["none"], want))
        check(results["S"] - results["none"] == want, "lazy_faults(S) - lazy_faults(none) = %d, expected |S| = %d"
              % (results["S"] - results["none"], want))


def cmd_counts(args, r):
    """PROGRAM with --sync=MODE [--load=copy] [--cache-geometry=G or
    LDSO_CACHE_GEOMETRY=G]: the totals and the ledger against the executable
    PT_LOAD segments of --object files (see the module docstring)."""
    elfs = [Elf(args.readelf, p) for p in args.object]
    opts = ["--sync=" + args.mode]
    env = {}
    if args.copy:
        opts.append("--load=copy")
    if args.geometry:
        if args.geometry_env:
            env["LDSO_CACHE_GEOMETRY"] = args.geometry
        else:
            opts.append("--cache-geometry=" + args.geometry)
    status, out, err, st = r.run(args.program, args.args, opts, env)
    if not check(status == args.status, "status %d, expected %d" % (status, args.status)):
        r.show(out, err)
    s = check_stats(st, elfs, copy=args.copy)
    if s is None:
        return
    if args.geometry:
        want = parse_geometry(args.geometry)
        got = {k: s["geometry"].get(k) for k in want}
        check(got == want, "sync.geometry %s, requested %s" % (got, want))
    g = s["geometry"]
    page = 4096
    segs = [seg for elf in elfs for seg in elf.exec_loads]
    nexec = len(segs)
    check(s["lazy_faults"] == 0, "lazy_faults %d without --sync=lazy" % s["lazy_faults"])
    if args.mode == "written" and not args.copy:
        for elf in elfs:
            if elf.textrel:
                die("%s has text relocations: not a sample for --sync=written without copying" % elf.path)
        check(s["ranges"] == 0 and not s["ledger"], "--sync=written, nothing written: ranges %d, ledger %s"
              % (s["ranges"], s["ledger"]))
        check(s["dc_lines"] == 0 and s["ic_lines"] == 0 and s["bytes"] == 0,
              "--sync=written, nothing written: dc_lines %d ic_lines %d bytes %d"
              % (s["dc_lines"], s["ic_lines"], s["bytes"]))
        return
    reason = "eager_segment" if args.mode == "eager" else "written_range"
    if args.mode == "written":
        for seg in segs:
            if seg["filesz"] != seg["memsz"]:
                die("an executable segment has p_filesz != p_memsz: what is written is ambiguous")
    want_dc = 0 if g["idc"] else sum(lines(x["vaddr"], x["vaddr"] + x["memsz"], g["dline"]) for x in segs)
    want_ic = 0 if g["dic"] else sum(lines(x["vaddr"], x["vaddr"] + x["memsz"], g["iline"]) for x in segs)
    want_bytes = sum(x["memsz"] for x in segs)
    print("expected from readelf: %d executable PT_LOAD, dc_lines %d, ic_lines %d, bytes %d (geometry %s)"
          % (nexec, want_dc, want_ic, want_bytes, g))
    check(s["ranges"] == nexec, "ranges %d, expected %d (one per executable PT_LOAD)" % (s["ranges"], nexec))
    # Lines counted from the unbiased p_vaddr equal the biased ones: the bias
    # is page-aligned, so a multiple of any line size up to the page.
    check(s["dc_lines"] == want_dc, "dc_lines %d, expected %d" % (s["dc_lines"], want_dc))
    check(s["ic_lines"] == want_ic, "ic_lines %d, expected %d" % (s["ic_lines"], want_ic))
    check(s["bytes"] == want_bytes, "bytes %d, expected %d (sum of p_memsz)" % (s["bytes"], want_bytes))
    check_segment_entries(s, st, elfs, reason, page)


def cmd_textrel(args, r):
    """PROGRAM with --sync=written: ldso syncs only what it wrote, so the
    ledger has written_range entries for exactly the objects with text
    relocations (DT_TEXTREL / DF_TEXTREL), at least one each, none longer
    than the object's largest executable segment."""
    elfs = [Elf(args.readelf, p) for p in args.object]
    status, out, err, st = r.run(args.program, args.args, ["--sync=written"])
    if not check(status == args.status, "status %d, expected %d" % (status, args.status)):
        r.show(out, err)
    s = check_stats(st, elfs)
    if s is None:
        return
    textrel = [e for e in elfs if e.textrel]
    if not textrel:
        die("no --object has text relocations")
    for elf in elfs:
        ents = entries_of(s, st, elf)
        for e in ents:
            check(e["reason"] == "written_range", "entry %d: reason %s" % (e["seq"], e["reason"]))
            n = int(e["end"], 16) - int(e["begin"], 16)
            check(n <= max(x["memsz"] for x in elf.exec_loads),
                  "%s: entry %d covers 0x%x bytes, more than any executable segment" % (elf.path, e["seq"], n))
        if elf.textrel:
            check(len(ents) >= 1, "%s has text relocations but no written_range entry" % elf.path)
        else:
            check(not ents, "%s has no text relocations but entries %s" % (elf.path, [e["seq"] for e in ents]))


def page_of(a, page):
    return a - a % page


def find_entry(led, addr):
    """The latest entry covering addr (as SyncLedger::find)."""
    found = None
    for e in led:
        if int(e["begin"], 16) <= addr < int(e["end"], 16):
            found = e
    return found


def cmd_order(args, r):
    """samples/sync/order_*.c with --sync=MODE. Output: the initialiser's
    lines (after the resolver ran) before main's, right values. lazy: the
    ledger has lazy_fault entries for the resolver's page R, the
    initialiser's page I and the entry point's page E, with seq(R) <
    seq(I) < seq(E); R is the library's first fault and E the executable's
    first -- so the fault handler was armed before the library's first
    instruction and each page was synced before its first instruction ran.
    eager: the resolver's and the initialiser's addresses are covered by
    eager_segment entries of the library (the timing is checked by the
    crash tests: sync.order.crash_*)."""
    exe = Elf(args.readelf, args.program)
    lib = Elf(args.readelf, args.lib)
    status, out, err, st = r.run(args.program, args.args, ["--sync=" + args.mode])
    ok = check(status == 0, "status %d" % status)
    ol = out.splitlines()
    m = [re.match(r"^init: resolver (0x[0-9a-f]+) initialiser (0x[0-9a-f]+)$", x) for x in ol]
    m = [x for x in m if x]
    s_ = [re.match(r"^main: _start (0x[0-9a-f]+)$", x) for x in ol]
    s_ = [x for x in s_ if x]
    ok &= check(len(m) == 1 and len(s_) == 1, "output lacks the address lines")
    pg = [re.match(r"^main: pagesize (\d+)$", x) for x in ol]
    pg = [x for x in pg if x]
    want = ["init: resolver ran before: yes", "init: local_pick() = 42", None, None, None, "main: order_fn() = 42"]
    ok &= check(len(ol) == 6 and len(pg) == 1 and all(w is None or w == x for w, x in zip(want, ol)),
                "output, expected (in this order) %s" % want)
    if not ok:
        r.show(out, err)
        return
    s = check_stats(st, [exe, lib])
    if s is None:
        return
    resolver, init, start = int(m[0].group(1), 16), int(m[0].group(2), 16), int(s_[0].group(1), 16)
    led = s["ledger"]
    page = int(pg[0].group(1))
    er, ei, es = find_entry(led, resolver), find_entry(led, init), find_entry(led, start)
    for what, e, obj in (("resolver", er, lib), ("initialiser", ei, lib), ("_start", es, exe)):
        if check(e is not None, "no ledger entry covers the %s" % what):
            check(real(e["object"]) == obj.real, "the %s's entry %d names %s" % (what, e["seq"], e["object"]))
    if None in (er, ei, es):
        return
    if args.mode == "lazy":
        for what, e, a in (("resolver", er, resolver), ("initialiser", ei, init), ("_start", es, start)):
            check(e["reason"] == "lazy_fault" and int(e["begin"], 16) == page_of(a, page),
                  "the %s's entry %d: %s [%s, %s)" % (what, e["seq"], e["reason"], e["begin"], e["end"]))
        check(er["seq"] < ei["seq"] < es["seq"], "lazy fault order: resolver #%d, initialiser #%d, _start #%d; "
              "expected resolver < initialiser < _start" % (er["seq"], ei["seq"], es["seq"]))
        lib_first = min(e["seq"] for e in entries_of(s, st, lib))
        exe_first = min(e["seq"] for e in entries_of(s, st, exe))
        check(er["seq"] == lib_first, "the library's first lazy fault is #%d, not the resolver's #%d"
              % (lib_first, er["seq"]))
        check(es["seq"] == exe_first, "the executable's first lazy fault is #%d, not _start's #%d"
              % (exe_first, es["seq"]))
    else:
        for what, e in (("resolver", er), ("initialiser", ei)):
            check(e["reason"] == "eager_segment", "the %s's entry %d: %s" % (what, e["seq"], e["reason"]))


CRASH_SIG = re.compile(r"^ldso: crash: (?P<sig>SIG[A-Z]+) \((?P<code>[A-Z_]+)\) at pc (?P<pc>0x[0-9a-f]+), "
                       r"fault address (?P<addr>0x[0-9a-f]+)$")
CRASH_WHERE = re.compile(r"^ldso: crash: pc is in (?P<path>.+) at offset (?P<off>0x[0-9a-f]+), "
                         r"in (?P<sym>[^+\s]+)\+(?P<delta>0x[0-9a-f]+)$")
CRASH_SYNCED = re.compile(r"^ldso: crash: pc page was synced by ledger entry #(?P<seq>\d+) "
                          r"\((?P<reason>[a-z_]+), (?P<begin>0x[0-9a-f]+)\.\.(?P<end>0x[0-9a-f]+)\)$")
CRASH_NEVER = re.compile(r"^ldso: crash: pc page was never synced by ldso$")


def cmd_crash(args, r):
    """PROGRAM crashes (NULL store in --symbol, in --object) under ldso with
    the given options (--ldso-extra): the process dies by SIGSEGV (not an
    exit status); stderr has ldso's report, lines
      ldso: crash: SIGSEGV (SEGV_MAPERR) at pc 0x<pc>, fault address 0x0
      ldso: crash: pc is in <path> at offset 0x<off>, in <symbol>+0x<delta>
      ldso: crash: pc page was synced by ledger entry #<seq> (<reason>, 0x<begin>..0x<end>)
        or: ldso: crash: pc page was never synced by ldso
    with <path> the object (by realpath), <symbol> --symbol or an alias
    (same st_value: an IFUNC symbol names its resolver's address), <off> =
    pc - bias = st_value + <delta> inside the symbol, bias page-aligned, and per --synced-by: the
    entry's reason, [begin, end) containing pc and == the pc's page (lazy)
    or == the executable PT_LOAD containing it, biased (eager, written)."""
    obj = Elf(args.readelf, args.object[0])
    status, out, err, _ = r.run(args.program, args.args, args.ldso_extra or [], stats=False)
    page = 4096
    ok = check(status == -signal.SIGSEGV, "status %d, expected death by SIGSEGV (-%d)" % (status, signal.SIGSEGV))
    if args.line is not None:
        want = "".join(x + "\n" for x in args.line)
        ok &= check(out == want, "stdout %r, expected %r" % (out, want))
    rep = [x for x in err.splitlines() if x.startswith("ldso: crash: ")]
    ms = [CRASH_SIG.match(x) for x in rep]
    mw = [CRASH_WHERE.match(x) for x in rep]
    sy = [CRASH_SYNCED.match(x) for x in rep]
    nv = [CRASH_NEVER.match(x) for x in rep]
    ms, mw, sy, nv = ([x for x in l if x] for l in (ms, mw, sy, nv))
    ok &= check(len(ms) == 1, "no (single) line 'ldso: crash: SIGSEGV (SEGV_MAPERR) at pc 0x.., fault address 0x..'")
    ok &= check(len(mw) == 1, "no (single) line 'ldso: crash: pc is in PATH at offset 0x.., in SYMBOL+0x..'")
    ok &= check(len(sy) + len(nv) == 1, "no (single) line saying whether/by which ledger entry the pc's page was synced")
    if not ok:
        r.show(out, err)
        return
    ms, mw = ms[0], mw[0]
    pc = int(ms.group("pc"), 16)
    check(ms.group("sig") == "SIGSEGV" and ms.group("code") == "SEGV_MAPERR", "signal %s (%s), expected SIGSEGV "
          "(SEGV_MAPERR)" % (ms.group("sig"), ms.group("code")))
    check(int(ms.group("addr"), 16) == 0, "fault address %s, expected 0x0" % ms.group("addr"))
    check(real(mw.group("path")) == obj.real, "object %s, expected %s" % (mw.group("path"), obj.path))
    names = obj.aliases(args.symbol)
    check(mw.group("sym") in names, "symbol %s, expected %s" % (mw.group("sym"), " or ".join(names)))
    off, delta = int(mw.group("off"), 16), int(mw.group("delta"), 16)
    value, size = obj.symbol(args.symbol)
    check(off == value + delta, "offset %#x != %s's st_value %#x + %#x" % (off, args.symbol, value, delta))
    check(value <= off < value + max(size, 1), "offset %#x is outside %s [%#x, %#x)" % (off, args.symbol, value,
                                                                                      value + size))
    bias = pc - off
    check(bias % page == 0, "pc - offset = %#x is not a page-aligned load bias" % bias)
    if args.synced_by == "never":
        check(len(nv) == 1, "the report says the pc's page was synced (%s), expected never"
              % (sy[0].group(0) if sy else ""))
        return
    if not check(len(sy) == 1, "the report says the pc's page was never synced, expected by a %s entry"
                 % args.synced_by):
        return
    e = sy[0]
    b, en = int(e.group("begin"), 16), int(e.group("end"), 16)
    check(e.group("reason") == args.synced_by, "synced by a %s entry, expected %s" % (e.group("reason"),
                                                                                     args.synced_by))
    check(b <= pc < en, "the entry [%#x, %#x) does not contain the pc %#x" % (b, en, pc))
    check(int(e.group("seq")) >= 1, "entry #0")
    if args.synced_by == "lazy_fault":
        n = en - b  # the page size (the program does not print AT_PAGESZ)
        check(n >= 4096 and n & (n - 1) == 0 and b % n == 0, "lazy entry [%#x, %#x) is not a page" % (b, en))
    else:
        segs = [x for x in obj.exec_loads if x["vaddr"] <= off < x["vaddr"] + x["memsz"]]
        if check(len(segs) == 1, "no executable PT_LOAD of %s contains offset %#x" % (obj.path, off)):
            x = segs[0]
            check((b, en) == (bias + x["vaddr"], bias + x["vaddr"] + x["memsz"]),
                  "entry [%#x, %#x), expected the segment [%#x, %#x)" % (b, en, bias + x["vaddr"],
                                                                        bias + x["vaddr"] + x["memsz"]))


def cmd_run(args, r):
    """PROGRAM under ldso with the given options (--ldso-extra): status
    --status, stdout exactly the --line lines, and no crash report on
    stderr (the program handled its own fault)."""
    status, out, err, _ = r.run(args.program, args.args, args.ldso_extra or [], stats=False)
    ok = check(status == args.status, "status %d, expected %d" % (status, args.status))
    if args.line is not None:
        want = "".join(x + "\n" for x in args.line)
        ok &= check(out == want, "stdout %r, expected %r" % (out, want))
    ok &= check("ldso: crash:" not in err, "ldso printed a crash report")
    if not ok:
        r.show(out, err)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["lazy-pages", "counts", "textrel", "order", "crash", "run"])
    ap.add_argument("--ldso", required=True)
    ap.add_argument("--emulator", default="")
    ap.add_argument("--readelf", default="readelf")
    ap.add_argument("--ldso-opt", action="append", help="an ldso option for every run")
    ap.add_argument("--ldso-extra", action="append", help="crash/run: an ldso option")
    ap.add_argument("--env", action="append")
    ap.add_argument("--object", action="append", default=[],
                    help="counts/textrel: every object the program loads (the executable too); crash: the "
                         "object the crash is in")
    ap.add_argument("--lib", help="lazy-pages/order: the sample's library")
    ap.add_argument("--subset", help="lazy-pages: comma-separated function names (e0..e3, l0..l2)")
    ap.add_argument("--mode", choices=["eager", "written", "lazy"], default="eager")
    ap.add_argument("--copy", action="store_true", help="counts: --load=copy")
    ap.add_argument("--geometry", help="counts: a --cache-geometry spec")
    ap.add_argument("--geometry-env", action="store_true", help="counts: pass it as LDSO_CACHE_GEOMETRY")
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--line", action="append", help="crash/run: the expected stdout, line by line")
    ap.add_argument("--symbol", help="crash: the function the crash is in")
    ap.add_argument("--synced-by", choices=["eager_segment", "written_range", "lazy_fault", "never"])
    ap.add_argument("program")
    ap.add_argument("args", nargs="*")
    args = ap.parse_args()
    r = Runner(args)
    try:
        {"lazy-pages": cmd_lazy_pages, "counts": cmd_counts, "textrel": cmd_textrel, "order": cmd_order,
         "crash": cmd_crash, "run": cmd_run}[args.command](args, r)
    finally:
        r.cleanup()
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
