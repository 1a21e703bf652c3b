#!/usr/bin/env python3
"""Host mode start-up: real glibc programs run directly (the system's ld.so),
through ldso (host mode: ldso, then glibc's ld.so loading ldso-host, then
ldso-host linking the program) and through `ldso --interp`.

Whole-process medians of --runs runs (fork + exec + wait from Python) and,
on x86_64, callgrind instruction counts of one run. Output is checked
identical to the direct run first.

    bench/host.py                 # x86_64, table on stdout
    bench/host.py --isa aarch64   # under qemu-aarch64 -L / (no Ir)
    bench/host.py --json
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
from run import callgrind, check, fmt_int, fmt_ms, fmt_ratio, log, run_once  # noqa: E402

PROGRAMS = {
    "x86_64": [
        ("true", ["/usr/bin/true"]),
        ("ls", ["/usr/bin/ls", "-la", "/usr/share/doc/libc6"]),
        ("git --version", ["/usr/bin/git", "--version"]),
        ("perl -e 1", ["/usr/bin/perl", "-e", "1"]),
        ("python3 -c pass", ["/usr/bin/python3", "-S", "-c", "pass"]),
    ],
    "aarch64": [
        ("true", ["/bin/true"]),  # coreutils:arm64 is not installed: see --program
    ],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--isa", choices=sorted(gen.ISAS), default="x86_64")
    ap.add_argument("--runs", "-r", type=int, default=20)
    ap.add_argument("--ldso", help="ldso binary (default build/<isa>/ldso)")
    ap.add_argument("--program", action="append", default=[],
                    help="NAME=/path/to/prog[,arg...] to measure instead of the defaults")
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    root = gen.repo_root()
    ldso = a.ldso or os.path.join(root, "build", a.isa, "ldso")
    emu = gen.ISAS[a.isa]["emulator"]
    programs = PROGRAMS[a.isa]
    if a.program:
        programs = []
        for p in a.program:
            name, _, spec = p.partition("=")
            programs.append((name, spec.split(",")))
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C", "HOME": "/tmp"}
    cwd = root
    ways = {"direct": lambda p: emu + p, "ldso (host)": lambda p: emu + [ldso] + p,
            "ldso --interp": lambda p: emu + [ldso, "--interp"] + p}
    rows = []
    for name, prog in programs:
        want = check(ways["direct"](prog), cwd, env)
        row = {"program": name}
        for way, mk in ways.items():
            cmd = mk(prog)
            got = check(cmd, cwd, env)
            if got != want:
                raise SystemExit("%s through %s differs from the direct run: %r vs %r" % (name, way, got, want))
            for _ in range(3):
                run_once(cmd, cwd, env)
            times = [run_once(cmd, cwd, env)[0] for _ in range(a.runs)]
            row[way] = {"median_ms": statistics.median(times)}
            if not a.no_callgrind and not emu:
                with tempfile.TemporaryDirectory() as d:
                    ir, err = callgrind(cmd, cwd, env, os.path.join(d, "cg.out"))
                row[way]["ir"] = ir
                if err:
                    log("%s %s: %s" % (name, way, err))
            log("%-16s %-14s %8s ms %14s Ir" % (name, way, fmt_ms(row[way]["median_ms"]),
                                                fmt_int(row[way].get("ir"))))
        rows.append(row)
    if a.json:
        json.dump({"isa": a.isa, "runs": a.runs, "rows": rows}, sys.stdout, indent=1)
        print()
        return
    print("| program | direct ms | host ms | interp ms | host/direct | direct Ir | host Ir | host Ir/direct |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        d, h, i = r["direct"], r["ldso (host)"], r["ldso --interp"]
        ir_ratio = h["ir"] / d["ir"] if d.get("ir") and h.get("ir") else None
        print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["program"], fmt_ms(d["median_ms"]), fmt_ms(h["median_ms"]), fmt_ms(i["median_ms"]),
            fmt_ratio(h["median_ms"] / d["median_ms"]), fmt_int(d.get("ir")), fmt_int(h.get("ir")),
            fmt_ratio(ir_ratio)))


if __name__ == "__main__":
    main()
