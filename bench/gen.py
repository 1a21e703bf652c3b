#!/usr/bin/env python3
"""Generate and build the ldso linking workload: a freestanding program and N
shared libraries full of symbolic relocations.

Shape (every number is a parameter, see --help):

  libbenchNNN.so, N of them.  Library i exports M functions
  bench_lNNN_fMMMM(unsigned long) and one table bench_lNNN_table[T] of function
  pointers.  Library i depends (DT_NEEDED) on up to D libraries with a higher
  index (a layered DAG, like a real software stack: the last library is a leaf),
  and only references functions of those libraries:

    - the table holds T pointers to their functions      -> R_X86_64_64 / R_AARCH64_ABS64
    - each function takes the address of one of them     -> R_*_GLOB_DAT
      (loaded from the GOT and called through a pointer)
    - each function calls another one through the PLT    -> R_*_JUMP_SLOT

  Each function runs exactly one of its two calls (chosen by the argument's low
  bit), so a call chain is at most N deep.  Functions of a leaf library (no
  dependencies) compute a value and return.

  The executable `app` needs every library (so the global scope is exe, lib0 ..
  libN-1 and a lookup walks on average half of it), has its own `_start`
  (inline asm per ISA), calls C entries of the tables and a few functions
  directly (PLT), compares the result with the value this generator computed,
  and leaves through exit_group: status 0 if the result is right, 1 (and a
  message on stderr) if not.  No libc anywhere: -nostdlib -ffreestanding -fPIC.

  Every object has DT_RUNPATH=$ORIGIN, so the system linker, musl's and ldso
  find the libraries next to the program without LD_LIBRARY_PATH.

Two link variants share the objects: `lazy` (-z lazy) and `now` (-z now,
DF_BIND_NOW).  They live in <out>/lazy/ and <out>/now/.

Usable as a module (run.py imports it) or on its own:

  bench/gen.py --isa x86_64 --out build/bench/x86_64/manual
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys

MASK = (1 << 64) - 1

ISAS = {
    "x86_64": {
        "cc": "gcc",
        "interp": "/lib64/ld-linux-x86-64.so.2",
        "musl": "/lib/ld-musl-x86_64.so.1",
        "emulator": [],
    },
    "aarch64": {
        "cc": "aarch64-linux-gnu-gcc",
        "interp": "/lib/ld-linux-aarch64.so.1",
        "musl": "/lib/ld-musl-aarch64.so.1",
        "emulator": ["qemu-aarch64", "-L", "/"],
    },
}

VARIANTS = {"lazy": ["-Wl,-z,lazy"], "now": ["-Wl,-z,now"]}

# Calls must go through the PLT (JUMP_SLOT), so no -fno-plt.
CFLAGS = ["-O1", "-fPIC", "-ffreestanding", "-fno-builtin", "-nostdlib",
          "-fno-stack-protector", "-fno-asynchronous-unwind-tables",
          "-fno-unwind-tables"]


def default_params():
    return {
        "libs": 50,        # N
        "funcs": 200,      # M exported functions per library
        "table": 400,      # T pointers per library table
        "deps": 8,         # D dependencies per library (fewer near the end)
        "calls": 16,       # table entries the program calls
        "direct": 4,       # functions the program calls directly (PLT)
        "seed": 1,
        "hash_style": "gnu",
    }


def fname(lib, fn):
    return "bench_l%03d_f%04d" % (lib, fn)


def tname(lib):
    return "bench_l%03d_table" % lib


def libname(lib):
    return "libbench%03d.so" % lib


class Model:
    """The workload as data, so its result can be computed here."""

    def __init__(self, p):
        n, m = p["libs"], p["funcs"]
        if n < 1 or m < 1 or p["table"] < 0 or p["deps"] < 0:
            raise ValueError("libs and funcs must be >= 1, table and deps >= 0")
        rng = random.Random(p["seed"])
        self.p = p
        self.deps = []      # deps[i]: sorted list of libraries i needs
        self.funcs = []     # funcs[i][j]: (k1, c1, c2, c3, c4, plt_target, got_target)
        self.tables = []    # tables[i]: list of (lib, fn)
        for i in range(n):
            higher = list(range(i + 1, n))
            deps = sorted(rng.sample(higher, min(p["deps"], len(higher))))
            self.deps.append(deps)
            fl = []
            for _ in range(m):
                k1 = rng.randrange(1 << 31) | 1
                c = [rng.randrange(1 << 31) for _ in range(4)]
                if deps:
                    plt = (rng.choice(deps), rng.randrange(m))
                    got = (rng.choice(deps), rng.randrange(m))
                else:
                    plt = got = None
                fl.append((k1, c[0], c[1], c[2], c[3], plt, got))
            self.funcs.append(fl)
            src = deps if deps else [i]
            self.tables.append([(rng.choice(src), rng.randrange(m))
                                for _ in range(p["table"])])
        # what the program calls
        self.entries = []   # ("table", lib, index, arg) / ("direct", lib, fn, arg)
        for _ in range(p["calls"]):
            if p["table"] == 0:
                break
            lib = rng.randrange(n)
            self.entries.append(("table", lib, rng.randrange(p["table"]),
                                 rng.randrange(1 << 62)))
        for _ in range(p["direct"]):
            self.entries.append(("direct", rng.randrange(n), rng.randrange(m),
                                 rng.randrange(1 << 62)))

    def call(self, lib, fn, x):
        # iterative mirror of the generated C (see lib_source)
        post = []
        while True:
            k1, c1, c2, c3, c4, plt, got = self.funcs[lib][fn]
            if plt is None:
                r = (x * k1 + c1) & MASK
                break
            if x & 1:
                post.append(("xor", c2))
                lib, fn = plt
                x = (x * k1 + c1) & MASK
            else:
                post.append(("add", c4))
                lib, fn = got
                x = ((x >> 1) + c3) & MASK
        for op, c in reversed(post):
            r = (r ^ c) if op == "xor" else ((r + c) & MASK)
        return r

    def expected(self):
        s = 0
        for kind, lib, a, arg in self.entries:
            fn = self.tables[lib][a] if kind == "table" else (lib, a)
            s = (s * 31 + self.call(fn[0], fn[1], arg)) & MASK
        return s

    # ---- sources -------------------------------------------------------

    def lib_source(self, i):
        out = ["/* generated by bench/gen.py: library %d */" % i,
               "typedef unsigned long (*bench_fn)(unsigned long);"]
        ext = set()
        for f in self.funcs[i]:
            if f[5] is not None:
                ext.add(f[5])
                ext.add(f[6])
        for t in self.tables[i]:
            if t[0] != i:
                ext.add(t)
        for lib, fn in sorted(ext):
            out.append("extern unsigned long %s(unsigned long);" % fname(lib, fn))
        for j in range(self.p["funcs"]):
            out.append("unsigned long %s(unsigned long);" % fname(i, j))
        for j, (k1, c1, c2, c3, c4, plt, got) in enumerate(self.funcs[i]):
            out.append("unsigned long %s(unsigned long x)\n{" % fname(i, j))
            if plt is None:
                out.append("  return x * %dUL + %dUL;\n}" % (k1, c1))
                continue
            out.append("  if (x & 1)\n    return %s(x * %dUL + %dUL) ^ %dUL;"
                       % (fname(*plt), k1, c1, c2))
            out.append("  bench_fn p = &%s;\n  __asm__(\"\" : \"+r\"(p));"
                       % fname(*got))
            out.append("  return p((x >> 1) + %dUL) + %dUL;\n}" % (c3, c4))
        out.append("const bench_fn %s[%d] = {" % (tname(i), max(1, len(self.tables[i]))))
        out.append(",\n".join("  &%s" % fname(*t) for t in self.tables[i]) or "  0")
        out.append("};\n")
        return "\n".join(out)

    def app_source(self):
        out = ["/* generated by bench/gen.py: the program */",
               "typedef unsigned long (*bench_fn)(unsigned long);",
               START_ASM]
        tabs = sorted({e[1] for e in self.entries if e[0] == "table"})
        dirs = sorted({(e[1], e[2]) for e in self.entries if e[0] == "direct"})
        for lib in tabs:
            out.append("extern const bench_fn %s[];" % tname(lib))
        for lib, fn in dirs:
            out.append("extern unsigned long %s(unsigned long);" % fname(lib, fn))
        out.append(SYSCALLS)
        out.append("int bench_main(void)\n{\n  unsigned long s = 0;")
        for kind, lib, a, arg in self.entries:
            if kind == "table":
                out.append("  s = s * 31 + %s[%d](%dUL);" % (tname(lib), a, arg))
            else:
                out.append("  s = s * 31 + %s(%dUL);" % (fname(lib, a), arg))
        out.append("  if (s == %dUL)\n    return 0;" % self.expected())
        out.append("  static const char msg[] = \"bench: wrong result\\n\";")
        out.append("  bench_write(2, msg, sizeof msg - 1);\n  return 1;\n}\n")
        return "\n".join(out)


START_ASM = r'''
#if defined(__x86_64__)
__asm__(".text\n.globl _start\n.type _start,@function\n_start:\n"
        "  xor %ebp, %ebp\n  and $-16, %rsp\n  call bench_main\n"
        "  mov %eax, %edi\n  mov $231, %eax\n  syscall\n  hlt\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl _start\n.type _start,%function\n_start:\n"
        "  mov x29, #0\n  mov x30, #0\n  bl bench_main\n"
        "  mov x8, #94\n  svc #0\n  brk #0\n");
#else
#error "unsupported ISA"
#endif
'''

SYSCALLS = r'''
static long bench_write(long fd, const void *buf, unsigned long n)
{
#if defined(__x86_64__)
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "0"(1L), "D"(fd), "S"(buf), "d"(n)
                   : "rcx", "r11", "memory");
  return r;
#else
  register long x0 __asm__("x0") = fd;
  register long x1 __asm__("x1") = (long)buf;
  register long x2 __asm__("x2") = (long)n;
  register long x8 __asm__("x8") = 64;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
  return x0;
#endif
}
int bench_main(void);
'''

STATIC_SOURCE = START_ASM + "int bench_main(void) { return 0; }\n"


def params_key(isa, p):
    h = hashlib.sha1(json.dumps([isa, p, GEN_VERSION, CFLAGS], sort_keys=True).encode())
    return "n%d-m%d-t%d-d%d-s%d-%s" % (p["libs"], p["funcs"], p["table"],
                                       p["deps"], p["seed"], h.hexdigest()[:8])


GEN_VERSION = 2  # bump when the generated code or flags change


def run(cmd, cwd=None):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s"
                           % (r.returncode, " ".join(cmd), r.stdout))
    return r.stdout


def build(isa, p, out, jobs=None, log=print, force=False):
    """Build the workload into `out`; return the manifest (dict).

    Skips the build if `out/manifest.json` records the same isa and params."""
    cfg = ISAS[isa]
    cc = cfg["cc"]
    if shutil.which(cc) is None:
        raise RuntimeError("%s not found (needed for --isa %s)" % (cc, isa))
    man_path = os.path.join(out, "manifest.json")
    if not force and os.path.exists(man_path):
        with open(man_path) as f:
            man = json.load(f)
        if man.get("isa") == isa and man.get("params") == p and \
                man.get("version") == GEN_VERSION:
            log("workload up to date: %s" % out)
            return man
    if os.path.exists(out):
        shutil.rmtree(out)
    src, obj = os.path.join(out, "src"), os.path.join(out, "obj")
    for d in [src, obj] + [os.path.join(out, v) for v in VARIANTS]:
        os.makedirs(d)
    log("generating %s workload: %d libs x %d funcs, table %d, deps %d -> %s"
        % (isa, p["libs"], p["funcs"], p["table"], p["deps"], out))
    model = Model(p)
    n = p["libs"]
    for i in range(n):
        with open(os.path.join(src, "lib%03d.c" % i), "w") as f:
            f.write(model.lib_source(i))
    with open(os.path.join(src, "app.c"), "w") as f:
        f.write(model.app_source())
    with open(os.path.join(src, "static.c"), "w") as f:
        f.write(STATIC_SOURCE)

    jobs = jobs or os.cpu_count() or 1
    cflags = CFLAGS
    hs = ["-Wl,--hash-style=%s" % p["hash_style"]]
    runpath = ["-Wl,-rpath,$ORIGIN", "-Wl,--enable-new-dtags"]

    def compile_one(name):
        run([cc] + cflags + ["-c", os.path.join(src, name + ".c"),
                             "-o", os.path.join(obj, name + ".o")])

    names = ["lib%03d" % i for i in range(n)] + ["app", "static"]
    log("compiling %d sources with %s (-j%d)" % (len(names), cc, jobs))
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        list(ex.map(compile_one, names))

    def link_variant(v):
        d = os.path.join(out, v)
        vflags = VARIANTS[v]
        # dependencies have higher indices: link from the last library down
        for i in reversed(range(n)):
            cmd = [cc, "-shared", "-nostdlib", "-o", os.path.join(d, libname(i)),
                   os.path.join(obj, "lib%03d.o" % i),
                   "-Wl,-soname," + libname(i), "-L" + d, "-Wl,-rpath-link," + d]
            cmd += ["-l:" + libname(j) for j in model.deps[i]]
            run(cmd + hs + runpath + vflags)
        run([cc, "-pie", "-nostdlib", "-o", os.path.join(d, "app"),
             os.path.join(obj, "app.o"), "-L" + d, "-Wl,-rpath-link," + d,
             "-Wl,--no-as-needed", "-Wl,--dynamic-linker=" + cfg["interp"]]
            + ["-l:" + libname(i) for i in range(n)] + hs + runpath + vflags)
        run([cc, "-static", "-nostdlib", "-o", os.path.join(d, "static"),
             os.path.join(obj, "static.o")])

    log("linking variants: %s" % ", ".join(VARIANTS))
    with concurrent.futures.ThreadPoolExecutor(len(VARIANTS)) as ex:
        list(ex.map(link_variant, VARIANTS))

    man = {"version": GEN_VERSION, "isa": isa, "params": p, "dir": out,
           "expected": model.expected(),
           "variants": {v: os.path.join(out, v) for v in VARIANTS},
           "relocs": {v: count_relocs(os.path.join(out, v)) for v in VARIANTS}}
    with open(man_path, "w") as f:
        json.dump(man, f, indent=1)
    return man


def count_relocs(d):
    """Relocation counts by type over app and every library in `d` (readelf -rW)."""
    counts = {}
    files = sorted(f for f in os.listdir(d) if f == "app" or f.endswith(".so"))
    for f in files:
        text = run(["readelf", "-rW", os.path.join(d, f)])
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 3 and (parts[2].startswith("R_X86_64_")
                                    or parts[2].startswith("R_AARCH64_")):
                counts[parts[2]] = counts.get(parts[2], 0) + 1
    counts["total"] = sum(counts.values())
    return counts


def add_param_args(ap):
    d = default_params()
    ap.add_argument("--libs", "-N", type=int, default=d["libs"],
                    help="number of libraries (default %(default)s)")
    ap.add_argument("--funcs", "-M", type=int, default=d["funcs"],
                    help="exported functions per library (default %(default)s)")
    ap.add_argument("--table", "-T", type=int, default=d["table"],
                    help="function pointers in each library's table: symbolic "
                         "ABS64 relocations (default %(default)s)")
    ap.add_argument("--deps", "-D", type=int, default=d["deps"],
                    help="libraries each library needs and references "
                         "(default %(default)s)")
    ap.add_argument("--calls", type=int, default=d["calls"],
                    help="table entries the program calls (default %(default)s)")
    ap.add_argument("--direct", type=int, default=d["direct"],
                    help="functions the program calls directly (default %(default)s)")
    ap.add_argument("--seed", type=int, default=d["seed"])
    ap.add_argument("--hash-style", choices=["gnu", "sysv", "both"],
                    default=d["hash_style"])


def params_from_args(a):
    return {"libs": a.libs, "funcs": a.funcs, "table": a.table, "deps": a.deps,
            "calls": a.calls, "direct": a.direct, "seed": a.seed,
            "hash_style": a.hash_style}


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--isa", choices=sorted(ISAS), default="x86_64")
    ap.add_argument("--out", help="output directory (default "
                    "build/bench/<isa>/<params>)")
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    ap.add_argument("-j", "--jobs", type=int)
    add_param_args(ap)
    a = ap.parse_args()
    p = params_from_args(a)
    out = a.out or os.path.join(repo_root(), "build", "bench", a.isa,
                                params_key(a.isa, p))
    man = build(a.isa, p, os.path.abspath(out), a.jobs, force=a.force)
    print(json.dumps(man["relocs"], indent=1))
    print("run: cd %s && ./app; echo $?" % man["variants"]["lazy"])


if __name__ == "__main__":
    sys.exit(main())
