#!/usr/bin/env python3
"""Are-We-Fast-Yet (JavaScript port) and Octane on conch, QuickJS and node --jitless.

Every benchmark runs as a whole process with a fixed iteration count; the harness times the
process (wall clock) and reports, per benchmark, the median of --runs runs on each engine and
the ratio to QuickJS, then the geometric mean of those ratios over the benchmarks that ran on
every engine. A benchmark that fails on an engine is reported as FAIL with the first line of
its stderr; the run continues.

The benchmark sources are never part of this repository: pass their checkouts with --awfy and
--octane (or AWFY_DIR / OCTANE_DIR). See bench/suite/README.md.
"""

import argparse
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

OK_MARK = "BENCH-OK"

# Are-We-Fast-Yet: (name, module file, inner iterations, outer iterations). For CD, Havlak,
# Mandelbrot and NBody the inner count is the problem size with a known result (AWFY verifies
# only those sizes), so --scale changes their outer count; for the others it scales the inner
# count. Counts are chosen so that QuickJS needs roughly 0.3-2 s (Havlak's smallest size takes
# about 9 s); see README.md.
AWFY = [
    ("Bounce", "bounce", 300, 1),
    ("CD", "cd", 100, 1),
    ("DeltaBlue", "deltablue", 5000, 1),
    ("Havlak", "havlak", 1, 1),
    ("Json", "json", 20, 1),
    ("List", "list", 300, 1),
    ("Mandelbrot", "mandelbrot", 500, 1),
    ("NBody", "nbody", 250000, 1),
    ("Permute", "permute", 200, 1),
    ("Queens", "queens", 200, 1),
    ("Richards", "richards", 8, 1),
    ("Sieve", "sieve", 500, 1),
    ("Storage", "storage", 100, 1),
    ("Towers", "towers", 100, 1),
]
AWFY_SIZED = {"CD", "Havlak", "Mandelbrot", "NBody"}

# Octane: suite name -> (files after base.js, iterations of each benchmark's run()).
OCTANE = [
    ("Richards", ["richards.js"], 100),
    ("DeltaBlue", ["deltablue.js"], 100),
    ("Crypto", ["crypto.js"], 3),
    ("RayTrace", ["raytrace.js"], 5),
    ("EarleyBoyer", ["earley-boyer.js"], 2),
    ("RegExp", ["regexp.js"], 1),
    ("Splay", ["splay.js"], 3),
    ("NavierStokes", ["navier-stokes.js"], 5),
    ("PdfJS", ["pdfjs.js"], 1),
    ("Mandreel", ["mandreel.js"], 1),
    ("Gameboy", ["gbemu-part1.js", "gbemu-part2.js"], 1),
    ("CodeLoad", ["code-load.js"], 20),
    ("Box2D", ["box2d.js"], 2),
    ("zlib", ["zlib.js", "zlib-data.js"], 1),
    ("Typescript", ["typescript.js", "typescript-input.js", "typescript-compiler.js"], 1),
]

# Turns the CommonJS modules of the AWFY JavaScript port into one classic script.
AWFY_PRELUDE = """\
var __awfy_modules = {};
function __awfy_define(name, body) { __awfy_modules[name] = { body: body, module: null }; }
function require(path) {
  var name = path;
  if (name.slice(0, 2) === './') name = name.slice(2);
  if (name.slice(-3) === '.js') name = name.slice(0, -3);
  var entry = __awfy_modules[name];
  if (!entry) throw new Error('bench prelude: no module ' + path);
  if (!entry.module) {
    entry.module = { exports: {} };
    entry.body(entry.module, entry.module.exports, require);
  }
  return entry.module.exports;
}
"""

AWFY_MAIN = """\
var process = typeof process === 'object' ? process : { stdout: { write: function (s) { print(s); } } };
(function () {
  var bench = require('./%(module)s').newInstance();
  for (var i = 0; i < %(outer)d; i++) {
    if (!bench.innerBenchmarkLoop(%(inner)d)) {
      throw new Error('Benchmark failed with incorrect result');
    }
  }
})();
print('%(mark)s');
"""

# zlib's Emscripten code takes the "shell" branch (no window, no CommonJS require) and reads
# the global `read` (a d8 builtin) without calling it; give every engine the same stub.
OCTANE_PRELUDE = """\
var read = typeof read === 'function' ? read : function (f) {
  throw new Error('bench prelude: read(' + f + ') is not available');
};
"""

OCTANE_MAIN = """\
(function () {
  var suites = BenchmarkSuite.suites;
  for (var s = 0; s < suites.length; s++) {
    BenchmarkSuite.ResetRNG();
    var benchmarks = suites[s].benchmarks;
    for (var b = 0; b < benchmarks.length; b++) {
      var bench = benchmarks[b];
      bench.Setup();
      for (var i = 0; i < %(iterations)d; i++) bench.run();
      bench.TearDown();
    }
  }
})();
print('%(mark)s');
"""

# node runs the script as a classic script in its global scope (like the other shells do),
# not as a CommonJS module, and gets a `print`.
NODE_LOADER = """\
const fs = require('fs');
const vm = require('vm');
globalThis.print = (...args) => console.log(...args);
const file = process.argv[2];
vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
"""


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def awfy_source_dir(root):
    """Accepts the repository root or its benchmarks/JavaScript directory."""
    for cand in (root, os.path.join(root, "benchmarks", "JavaScript")):
        if os.path.isfile(os.path.join(cand, "som.js")) and os.path.isfile(
            os.path.join(cand, "benchmark.js")
        ):
            return cand
    sys.exit(f"bench: no AWFY JavaScript sources (som.js, benchmark.js) under {root}")


def awfy_script(src, module, inner, outer=1):
    parts = [AWFY_PRELUDE]
    for name in ("benchmark", "som", module):
        body = read(os.path.join(src, name + ".js"))
        parts.append(
            "__awfy_define('%s', function (module, exports, require) {\n%s\n});\n" % (name, body)
        )
    parts.append(AWFY_MAIN % {"module": module, "outer": outer, "inner": inner, "mark": OK_MARK})
    return "".join(parts)


def octane_script(src, files, iterations):
    missing = [f for f in files if not os.path.isfile(os.path.join(src, f))]
    if missing:
        return None, "missing source " + ", ".join(missing)
    parts = [OCTANE_PRELUDE, read(os.path.join(src, "base.js"))]
    for f in files:
        parts.append(read(os.path.join(src, f)))
    parts.append(OCTANE_MAIN % {"iterations": iterations, "mark": OK_MARK})
    return "\n;\n".join(parts), None


class Result:
    def __init__(self, seconds=None, rss_kib=None, error=None):
        self.seconds = seconds
        self.rss_kib = rss_kib
        self.error = error


# Peak RSS comes from GNU time's %M: the rusage of a child forked by this (Python) process
# would count Python's own resident set, which the child keeps until it execs.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_process(argv, timeout, need_mark=True, rss=True):
    """Runs argv once: wall time in seconds, peak RSS in KiB (None without GNU time)."""
    rss_file = None
    if rss and GNU_TIME:
        fd, rss_file = tempfile.mkstemp(suffix=".rss")
        os.close(fd)
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file] + argv
    try:
        return _run(argv, timeout, need_mark, rss_file)
    finally:
        if rss_file:
            os.unlink(rss_file)


def _run(argv, timeout, need_mark, rss_file):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        timed_out = []

        def kill():
            timed_out.append(True)
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status = os.waitpid(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if timed_out:
        return Result(error=f"timeout after {timeout:g} s")
    if proc.returncode != 0 or (need_mark and OK_MARK not in stdout):
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        if not lines:
            lines = [ln for ln in stdout.splitlines() if ln.strip() and OK_MARK not in ln]
        first = lines[0].strip() if lines else "no output"
        return Result(error=f"exit {proc.returncode}: {first}"[:200])
    rss_kib = None
    if rss_file:
        lines = read(rss_file).split()
        rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else None
    return Result(seconds=elapsed, rss_kib=rss_kib)


def median_or_none(values):
    return statistics.median(values) if values else None


def max_or_none(values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt_s(v):
    return "—" if v is None else f"{v:.3f}"


def fmt_x(v):
    return "—" if v is None else f"{v:.2f}×"


class Engine:
    def __init__(self, name, argv_prefix):
        self.name = name
        self.argv_prefix = argv_prefix

    def argv(self, script):
        return self.argv_prefix + [script]


def measure(engines, script, runs, timeout):
    """Runs every engine `runs` times, interleaved (engine order within each round)."""
    times = {e.name: [] for e in engines}
    rss = {e.name: [] for e in engines}
    errors = {}
    for _ in range(runs):
        for e in engines:
            if e.name in errors:
                continue
            r = run_process(e.argv(script), timeout)
            if r.error:
                errors[e.name] = r.error
            else:
                times[e.name].append(r.seconds)
                rss[e.name].append(r.rss_kib)
    return {
        e.name: (
            Result(error=errors[e.name])
            if e.name in errors
            else Result(median_or_none(times[e.name]), max_or_none(rss[e.name]))
        )
        for e in engines
    }


def print_header(engines, ref):
    names = [e.name for e in engines]
    head = ["benchmark"] + [f"{n} (s)" for n in names]
    head += [f"{n}/{ref}" for n in names if n != ref] + [f"{names[0]} peak RSS (MiB)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")


def print_rows(rows, engines, ref):
    names = [e.name for e in engines]
    for label, res in rows:
        cells = [label]
        for n in names:
            cells.append("FAIL" if res[n].error else fmt_s(res[n].seconds))
        for n in names:
            if n == ref:
                continue
            ok = not res[n].error and not res[ref].error
            cells.append(fmt_x(res[n].seconds / res[ref].seconds) if ok else "—")
        first = res[names[0]]
        cells.append("—" if first.error or first.rss_kib is None else f"{first.rss_kib / 1024:.1f}")
        print("| " + " | ".join(cells) + " |", flush=True)


def summarize(title, rows, engines, ref):
    names = [e.name for e in engines]
    common = [(lbl, res) for lbl, res in rows if all(not res[n].error for n in names)]
    print(f"\n{title}: geometric mean of time relative to {ref}, over the {len(common)} "
          f"benchmarks that ran on every engine: " + (", ".join(lbl for lbl, _ in common) or "none"))
    for n in names:
        g = geomean([res[n].seconds / res[ref].seconds for _, res in common])
        print(f"  {n}: {fmt_x(g)}")
    for lbl, res in rows:
        errors = {n: res[n].error for n in names if res[n].error}
        if len(errors) == len(names) and len(set(errors.values())) == 1:
            print(f"  FAIL {lbl} on every engine: {errors[names[0]]}")
            continue
        for n, err in errors.items():
            print(f"  FAIL {lbl} on {n}: {err}")
    return common


def startup(engines, tmp, count, timeout):
    empty = os.path.join(tmp, "empty.js")
    with open(empty, "w") as f:
        f.write("")
    print(f"\nStart-up (empty script, median of {count}, runs interleaved):")
    print("| engine | median (ms) | min (ms) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    samples = {e.name: [] for e in engines}
    rss = {e.name: [] for e in engines}
    errors = {}
    for _ in range(count):
        for e in engines:
            if e.name in errors:
                continue
            r = run_process(e.argv(empty), timeout, need_mark=False, rss=False)
            if r.error:
                errors[e.name] = r.error
                continue
            samples[e.name].append(r.seconds * 1000)
    for e in engines:  # peak RSS from separate runs: GNU time's fork would add to the time
        if e.name not in errors:
            rss[e.name].append(run_process(e.argv(empty), timeout, need_mark=False).rss_kib)
    for e in engines:
        if e.name in errors:
            print(f"| {e.name} | FAIL: {errors[e.name]} | | |")
            continue
        med = statistics.median(samples[e.name])
        peak = max_or_none(rss[e.name])
        print(f"| {e.name} | {med:.2f} | {min(samples[e.name]):.2f} | "
              + ("—" if peak is None else f"{peak / 1024:.1f}") + " |")


def version(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        text = (p.stdout + p.stderr).strip().splitlines()
        return text[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def main():
    ap = argparse.ArgumentParser(
        description="AWFY + Octane on conch, QuickJS and node --jitless (whole-process time)."
    )
    ap.add_argument("--conch", default=os.environ.get("CONCH"), help="conch binary ($CONCH)")
    ap.add_argument("--qjs", default=os.environ.get("QJS"), help="QuickJS qjs binary ($QJS)")
    ap.add_argument("--node", default=os.environ.get("NODE") or shutil.which("node"),
                    help="node binary, run with --jitless ($NODE, default: node on PATH)")
    ap.add_argument("--no-node", action="store_true", help="leave node out")
    ap.add_argument("--awfy", default=os.environ.get("AWFY_DIR"),
                    help="are-we-fast-yet checkout or its benchmarks/JavaScript ($AWFY_DIR)")
    ap.add_argument("--octane", default=os.environ.get("OCTANE_DIR"),
                    help="octane checkout ($OCTANE_DIR)")
    ap.add_argument("--runs", type=int, default=3, help="process runs per benchmark (median)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every iteration count")
    ap.add_argument("--only", default="", help="comma-separated benchmark names (e.g. awfy:Sieve,Splay)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per process")
    ap.add_argument("--startup", type=int, default=20, help="start-up runs (0: skip)")
    ap.add_argument("--keep", metavar="DIR", help="write the generated scripts to DIR and keep them")
    args = ap.parse_args()

    if not args.conch or not args.qjs:
        ap.error("--conch and --qjs (or $CONCH and $QJS) are required")
    if not args.awfy and not args.octane and args.startup == 0:
        ap.error("nothing to run: give --awfy and/or --octane, or --startup N")
    engines = [Engine("conch", [args.conch]), Engine("qjs", [args.qjs])]
    tmp = args.keep or tempfile.mkdtemp(prefix="conch-bench-")
    os.makedirs(tmp, exist_ok=True)
    if args.node and not args.no_node:
        loader = os.path.join(tmp, "node-loader.js")
        with open(loader, "w") as f:
            f.write(NODE_LOADER)
        engines.append(Engine("node", [args.node, "--jitless", loader]))
    ref = "qjs"
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    def wanted(suite, name):
        return not only or name in only or f"{suite}:{name}" in only

    print(f"# {time.strftime('%Y-%m-%d %H:%M')}; runs={args.runs}; scale={args.scale:g}; "
          f"cpus={os.cpu_count()}")
    print(f"# conch: {args.conch}")
    print(f"# qjs: {args.qjs} ({version([args.qjs, '-h'])})")
    if len(engines) > 2:
        print(f"# node: {args.node} {version([args.node, '--version'])} --jitless")

    def count(n):
        return max(1, round(n * args.scale))

    all_rows = []
    try:
        if args.awfy:
            src = awfy_source_dir(args.awfy)
            rows = []
            print("\n## Are-We-Fast-Yet (outer × inner iterations in parentheses)\n")
            print_header(engines, ref)
            for name, module, inner, outer in AWFY:
                if not wanted("awfy", name):
                    continue
                if name in AWFY_SIZED:
                    outer = count(outer)
                else:
                    inner = count(inner)
                script = os.path.join(tmp, f"awfy-{name}.js")
                with open(script, "w") as f:
                    f.write(awfy_script(src, module, inner, outer))
                res = measure(engines, script, args.runs, args.timeout)
                rows.append((f"{name} ({outer}×{inner})", res))
                print_rows(rows[-1:], engines, ref)
            summarize("AWFY", rows, engines, ref)
            all_rows += rows
        if args.octane:
            rows = []
            print("\n## Octane (iterations of each run() in parentheses)\n")
            print_header(engines, ref)
            for name, files, iters in OCTANE:
                if not wanted("octane", name):
                    continue
                text, missing = octane_script(args.octane, files, count(iters))
                if text is None:
                    res = {e.name: Result(error=missing) for e in engines}
                else:
                    script = os.path.join(tmp, f"octane-{name}.js")
                    with open(script, "w") as f:
                        f.write(text)
                    res = measure(engines, script, args.runs, args.timeout)
                rows.append((f"{name} ({count(iters)})", res))
                print_rows(rows[-1:], engines, ref)
            summarize("Octane", rows, engines, ref)
            all_rows += rows
        if args.awfy and args.octane:
            summarize("AWFY + Octane", all_rows, engines, ref)
        if args.startup > 0:
            startup(engines, tmp, args.startup, args.timeout)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
