#!/usr/bin/env python3
"""Time ldso against the system dynamic linker and musl's on the generated
workload (bench/gen.py).

Builds the workload into build/bench/<isa>/<params>/ (once; reused while the
parameters stay the same), checks that every linker runs it correctly (exit
status 0 means the program computed the expected value), then for each link
variant (lazy, now) reports, per linker:

  median wall time of R whole-process runs (time.perf_counter around
  subprocess.run, runs interleaved round-robin across linkers), and the total
  instruction count (Ir) of one run under valgrind --tool=callgrind
  --trace-children=no (x86_64 only: valgrind cannot run under qemu).

Ratios are linker / ldso: above 1 means slower than ldso.

  bench/run.py                     # x86_64, default sizes, table on stdout
  bench/run.py --json > out.json   # machine-readable (log on stderr)
  bench/run.py --isa aarch64       # cross-built, timed under qemu-aarch64 -L /
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

LD_VARS = ("LD_LIBRARY_PATH", "LD_PRELOAD", "LD_BIND_NOW", "LD_BIND_NOT",
           "LD_DEBUG", "LD_DEBUG_OUTPUT", "LD_PROFILE", "LD_AUDIT")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def ensure_ldso(isa, path):
    if os.path.exists(path):
        return path
    root = gen.repo_root()
    log("%s missing: building it (cmake --preset %s, --target ldso)" % (path, isa))
    subprocess.run(["cmake", "--preset", isa], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", isa, "-j%d" % (os.cpu_count() or 1),
                    "--target", "ldso"], cwd=root, check=True, stdout=subprocess.DEVNULL)
    return path


def linkers(isa, ldso, ldso_args, want):
    """name -> argv (relative to the variant directory), plus skip notes."""
    cfg = gen.ISAS[isa]
    emu = cfg["emulator"]
    all_ = {
        "ldso": emu + [ldso] + ldso_args + ["./app"],
        "system": emu + ["./app"],
        "system-ld.so": emu + [cfg["interp"], "./app"],
        "musl": emu + [cfg["musl"], "./app"],
        "static-baseline": emu + ["./static"],
    }
    notes = []
    out = {}
    for name in want:
        if name not in all_:
            raise SystemExit("unknown linker %r (have: %s)" % (name, ", ".join(all_)))
        if name == "musl" and not os.path.exists(cfg["musl"]):
            notes.append("musl skipped: %s not installed" % cfg["musl"])
            continue
        out[name] = all_[name]
    return out, notes


def run_once(cmd, cwd, env):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = time.perf_counter()
    return (t1 - t0) * 1e3, r.returncode


def check(cmd, cwd, env):
    r = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace")
    return r.returncode, r.stdout.strip()[-400:]


def callgrind(cmd, cwd, env, outfile):
    vg = ["valgrind", "--tool=callgrind", "--trace-children=no", "-q",
          "--callgrind-out-file=" + outfile]
    r = subprocess.run(vg + cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace")
    if r.returncode != 0:
        return None, "exit %d under valgrind: %s" % (r.returncode, r.stdout.strip()[-300:])
    ir = None
    with open(outfile) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                ir = int(line.split()[1])
                if line.startswith("summary:"):
                    break
    return ir, None


def fmt_ms(x):
    return "-" if x is None else "%.2f" % x


def fmt_int(x):
    return "-" if x is None else "{:,}".format(x)


def fmt_ratio(x):
    return "-" if x is None else "%.2f" % x


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--isa", choices=sorted(gen.ISAS), default="x86_64")
    ap.add_argument("--runs", "-r", type=int, default=30,
                    help="timed runs per linker and variant (default %(default)s)")
    ap.add_argument("--warmup", type=int, default=3,
                    help="untimed runs first (default %(default)s)")
    ap.add_argument("--variants", default="lazy,now",
                    help="comma list of lazy, now (default %(default)s)")
    ap.add_argument("--linkers",
                    default="ldso,system,system-ld.so,musl,static-baseline",
                    help="comma list (default %(default)s); static-baseline runs a "
                         "static freestanding program that exits at once: the cost "
                         "of fork+exec+wait with no dynamic linking at all")
    ap.add_argument("--ldso", help="ldso binary (default build/<isa>/ldso, built if missing)")
    ap.add_argument("--ldso-arg", action="append", default=[],
                    help="extra argument for ldso before ./app (repeatable)")
    ap.add_argument("--no-callgrind", action="store_true", help="skip instruction counts")
    ap.add_argument("--no-ld-library-path", action="store_true",
                    help="do not set LD_LIBRARY_PATH: rely on DT_RUNPATH=$ORIGIN only "
                         "(ldso in interp mode then fails, see README)")
    ap.add_argument("--out", help="workload directory (default build/bench/<isa>/<params>)")
    ap.add_argument("--rebuild", action="store_true", help="regenerate the workload")
    ap.add_argument("--json", action="store_true", help="print JSON on stdout instead of tables")
    ap.add_argument("-j", "--jobs", type=int, help="parallel compiles")
    gen.add_param_args(ap)
    a = ap.parse_args()

    isa = a.isa
    cfg = gen.ISAS[isa]
    root = gen.repo_root()
    p = gen.params_from_args(a)
    out = os.path.abspath(a.out or os.path.join(root, "build", "bench", isa,
                                                gen.params_key(isa, p)))
    notes = []
    if cfg["emulator"] and shutil.which(cfg["emulator"][0]) is None:
        raise SystemExit("%s not found" % cfg["emulator"][0])
    man = gen.build(isa, p, out, a.jobs, log=log, force=a.rebuild)

    want = [x for x in a.linkers.split(",") if x]
    ldso = os.path.abspath(a.ldso or os.path.join(root, "build", isa, "ldso"))
    if "ldso" in want:
        ensure_ldso(isa, ldso)
    cmds, n = linkers(isa, ldso, a.ldso_arg, want)
    notes += n

    use_cg = not a.no_callgrind
    if use_cg and cfg["emulator"]:
        use_cg = False
        notes.append("Ir not measured: callgrind cannot run under qemu-%s" % isa)
    if use_cg and shutil.which("valgrind") is None:
        use_cg = False
        notes.append("Ir not measured: valgrind not installed")

    variants = [v for v in a.variants.split(",") if v]
    for v in variants:
        if v not in gen.VARIANTS:
            raise SystemExit("unknown variant %r" % v)

    base_env = {k: v for k, v in os.environ.items() if k not in LD_VARS}
    results = {}
    for v in variants:
        vdir = man["variants"][v]
        env = dict(base_env)
        if not a.no_ld_library_path:
            env["LD_LIBRARY_PATH"] = vdir
        res = {}
        live = []
        for name, cmd in cmds.items():
            rc, text = check(cmd, vdir, env)
            res[name] = {"cmd": cmd, "ok": rc == 0, "exit": rc}
            if rc != 0:
                res[name]["error"] = text
                log("%s/%s: FAILED, exit %d: %s" % (v, name, rc, text))
            else:
                live.append(name)
        log("%s: timing %s (%d warmup + %d runs each, interleaved)"
            % (v, ", ".join(live), a.warmup, a.runs))
        samples = {n: [] for n in live}
        for i in range(a.warmup + a.runs):
            for name in live:
                ms, rc = run_once(cmds[name], vdir, env)
                if rc != 0:
                    res[name]["ok"] = False
                    res[name]["exit"] = rc
                    res[name]["error"] = "exit %d during timing" % rc
                if i >= a.warmup:
                    samples[name].append(ms)
        for name in live:
            s = samples[name]
            res[name].update({
                "median_ms": statistics.median(s),
                "min_ms": min(s),
                "mean_ms": statistics.fmean(s),
                "stdev_ms": statistics.stdev(s) if len(s) > 1 else 0.0,
                "samples_ms": [round(x, 4) for x in s],
            })
        if use_cg:
            with tempfile.TemporaryDirectory(prefix="ldso-bench-cg-") as td:
                for name in live:
                    log("%s: callgrind %s" % (v, name))
                    ir, err = callgrind(cmds[name], vdir, env,
                                        os.path.join(td, "%s.%s.out" % (v, name)))
                    res[name]["ir"] = ir
                    if err:
                        res[name]["callgrind_error"] = err
                        log("%s/%s: callgrind: %s" % (v, name, err))
        ref = res.get("ldso")
        for name, r in res.items():
            for key, rkey in (("median_ms", "ms_vs_ldso"), ("ir", "ir_vs_ldso")):
                x = r.get(key)
                y = ref.get(key) if ref else None
                r[rkey] = (x / y) if (x is not None and y) else None
        results[v] = res
        for name, r in res.items():
            if not r["ok"]:
                notes.append("%s/%s failed, exit %d: %s"
                             % (v, name, r["exit"], r.get("error", "")))

    if not a.no_ld_library_path:
        notes.append("LD_LIBRARY_PATH set to the variant directory for every linker")
    report = {
        "isa": isa,
        "params": p,
        "workload": out,
        "relocs": man["relocs"],
        "runs": a.runs,
        "warmup": a.warmup,
        "ldso": ldso,
        "callgrind": use_cg,
        "results": results,
        "notes": notes,
    }
    if a.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return 0

    print("isa %s: %d libraries x %d functions, table %d, deps %d, seed %d"
          % (isa, p["libs"], p["funcs"], p["table"], p["deps"], p["seed"]))
    for v in variants:
        rel = man["relocs"][v]
        print("relocations (%s): %s" % (v, ", ".join(
            "%s %d" % (k, c) for k, c in sorted(rel.items(), key=lambda kv: -kv[1])
            if k != "total")) + ", total %d" % rel["total"])
    for v in variants:
        print()
        print("variant %s: median of %d runs (wall ms, whole process); %s;"
              " ratios = linker / ldso"
              % (v, a.runs, "Ir: callgrind, whole process" if use_cg else "no Ir"))
        hdr = ("linker", "median ms", "min ms", "Ir", "ms/ldso", "Ir/ldso")
        rows = [hdr]
        for name, r in results[v].items():
            if not r["ok"] and "median_ms" not in r:
                rows.append((name, "FAIL exit %d" % r["exit"], "", "", "", ""))
                continue
            rows.append((name + ("" if r["ok"] else " (FAIL)"),
                         fmt_ms(r.get("median_ms")), fmt_ms(r.get("min_ms")),
                         fmt_int(r.get("ir")), fmt_ratio(r.get("ms_vs_ldso")),
                         fmt_ratio(r.get("ir_vs_ldso"))))
        w = [max(len(row[i]) for row in rows) for i in range(len(hdr))]
        for k, row in enumerate(rows):
            print("  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i])
                            for i, c in enumerate(row)))
    for n in notes:
        print("note:", n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
