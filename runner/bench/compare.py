#!/usr/bin/python3
"""Coact against its Python peer (runner/bench/peer.py), whole process against whole process.

    /usr/bin/python3 runner/bench/compare.py [--cases mlp,cnn,wide-2k,wide-20k] [--repeats 5]
            [--out BENCH.md] [--work DIR]

For each case the two tools run interleaved, Coact then the peer, R times (A B A B ...), each
run a fresh process started from the repository root:

    ./coact analyze --model M --data D --out TMP --quiet --set reduce=mean \\
        --set graph.weight=frequency --set community.null_samples=0 --algorithm ALG
    /usr/bin/python3 runner/bench/peer.py --model M --data D --algorithm ALG --batch 256 --out TMP.json

(these settings make Coact compute what the peer computes; both use seed 42 by default, and the
same batch size, Coact's default 256).
Per run: wall time (time.perf_counter around start and os.wait4), CPU time (user + sys of the
child and its waited-for descendants, from os.wait4's rusage) and peak RSS (ru_maxrss). The
report gives the medians over the R runs and the ratios Coact / peer (below 1: Coact uses
less), every run, the machine (CPU model, cores, RAM, load average before and after, JDK from
`java -version`, Python, date) and, per case, a warning when the two tools disagree on the
accuracy (correct count) or the number of edges.

Cases:
  mlp       testmodels/onnx/mlp/mlp-epoch10.onnx, testmodels/mnist/test.npz, leiden
  cnn       testmodels/onnx/cnn/cnn-epoch10.onnx, testmodels/mnist/test.npz, leiden
  wide-2k   runner/bench/make_wide_mlp.py's 784-4096-4096-10 MLP, the 2,000 digits, louvain
  wide-20k  the same model, the 2,000 digits tiled 10x (20,000 samples), louvain

The wide model (80 MB) and the tiled data (x float32 [20000, 784], y; 63 MB) are written into
--work (default: $TMPDIR/coact-bench) when absent and reused afterwards; both tools read the
same tiled file. Generating them is not timed. Before the first timed run, `./coact --version`
runs once untimed, so that a rebuild the launcher needs (sources newer than the distribution)
does not land in a measurement, and then one untimed analysis of the bundled MLP, which writes
the launcher's class-data archive (into a fresh COACT_CDS_DIR, --work/cds, used by every Coact run
of this comparison) (as the peer's first run writes its .pyc files) (should the launcher still rebuild inside a Coact run, that run
is repeated). `pgrep -f maven` runs before and after every run; the runs a Maven process
overlapped are marked in the report.
The wide cases take minutes per run and several GB of RAM (README.md).
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PEER_PY = "/usr/bin/python3"
BUILDING = "coact: building the distribution"  # the launcher's message when it runs Maven
MNIST = os.path.join("testmodels", "mnist", "test.npz")
TILE = 10

# name -> (model, data, algorithm, description); "WIDE" and "TILED" are resolved in --work
CASES = {
    "mlp": ("testmodels/onnx/mlp/mlp-epoch10.onnx", MNIST, "leiden", "MLP 784-128-64-10"),
    "cnn": ("testmodels/onnx/cnn/cnn-epoch10.onnx", MNIST, "leiden", "CNN conv8-conv16-64-10"),
    "wide-2k": ("WIDE", MNIST, "louvain", "wide MLP 784-4096-4096-10"),
    "wide-20k": ("WIDE", "TILED", "louvain", "wide MLP 784-4096-4096-10"),
}


def log(msg):
    print(f"compare: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------------------------
def wide_model(work):
    path = os.path.join(work, "wide-mlp.onnx")
    if not os.path.exists(path):
        log(f"generating {path} (untimed)")
        subprocess.run([PEER_PY, os.path.join(HERE, "make_wide_mlp.py"), "--out", work],
                       check=True, cwd=REPO)
    return path


def tiled_data(work):
    path = os.path.join(work, f"mnist-test-x{TILE}.npz")
    if not os.path.exists(path):
        import numpy as np
        log(f"writing {path} (the 2,000 digits tiled {TILE}x, untimed)")
        with np.load(os.path.join(REPO, MNIST)) as d:
            x = np.asarray(d["x"], dtype=np.float32)
            y = np.asarray(d["y"])
        x = np.ascontiguousarray(np.tile(x.reshape(len(x), -1), (TILE, 1)))
        y = np.tile(y, TILE)
        tmp = path + ".part.npz"
        np.savez(tmp, x=x, y=y)
        os.replace(tmp, path)
    return path


def resolve(name, work):
    model, data, alg, desc = CASES[name]
    if model == "WIDE":
        model = wide_model(work)
    if data == "TILED":
        data = tiled_data(work)
    return os.path.join(REPO, model), os.path.join(REPO, data), alg, desc


# --------------------------------------------------------------------------------------------
# runs
# --------------------------------------------------------------------------------------------
def run(cmd, logbase):
    """Runs cmd from the repository root; returns (wall s, cpu s, peak RSS MiB, exit code)."""
    with open(logbase + ".out", "w") as out, open(logbase + ".err", "w") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, p.returncode


def coact_cmd(model, data, alg, out):
    return ["./coact", "analyze", "--model", model, "--data", data, "--out", out, "--quiet",
            "--set", "reduce=mean", "--set", "graph.weight=frequency",
            "--set", "community.null_samples=0", "--algorithm", alg]


# Both tools run the same batch size: Coact's default batch_size (src/conf/coact.yaml).
BATCH = 256


def peer_cmd(model, data, alg, out):
    return [PEER_PY, os.path.join("runner", "bench", "peer.py"), "--model", model,
            "--data", data, "--algorithm", alg, "--batch", str(BATCH), "--out", out]


def coact_result(out):
    with open(os.path.join(out, "report.json")) as f:
        r = json.load(f)
    return {"n": r["dataset"]["samples"], "correct": r["correct"], "accuracy": r["accuracy"],
            "edges": r["graph"]["edges"], "modularity": r["communities"]["modularity"],
            "communities": r["communities"]["count"], "version": r["tool"]["version"],
            "timings": r.get("timings", {})}


def peer_result(out):
    with open(out) as f:
        r = json.load(f)
    return {"n": r["n"], "correct": r["correct"], "accuracy": r["accuracy"],
            "edges": r["edges"], "modularity": r["modularity"],
            "communities": r["communities"], "versions": r["versions"],
            "timings": r.get("timings", {})}


def tail(path, lines=15):
    try:
        with open(path) as f:
            return "".join(f.readlines()[-lines:]).rstrip()
    except OSError:
        return ""


def bench_case(name, work, repeats):
    model, data, alg, desc = resolve(name, work)
    runs = {"coact": [], "peer": []}
    results = {}
    for r in range(repeats):
        for tool in ("coact", "peer"):
            tag = f"{name}-{tool}-{r + 1}"
            logbase = os.path.join(work, tag)
            if tool == "coact":
                out = os.path.join(work, tag + ".d")
                shutil.rmtree(out, ignore_errors=True)
                cmd = coact_cmd(model, data, alg, out)
            else:
                out = os.path.join(work, tag + ".json")
                cmd = peer_cmd(model, data, alg, out)
            maven = bool(maven_running())
            wall, cpu, rss, rc = run(cmd, logbase)
            if tool == "coact" and rc == 0 and BUILDING in tail(logbase + ".err", 1000):
                # the launcher rebuilt (sources changed meanwhile): that run timed Maven
                log(f"{tag}: the launcher rebuilt Coact inside this run; running it again")
                shutil.rmtree(out, ignore_errors=True)
                maven = bool(maven_running())
                wall, cpu, rss, rc = run(cmd, logbase)
            maven = maven or bool(maven_running())
            if rc != 0:
                log(f"{tag}: exit {rc}: {' '.join(cmd)}\n{tail(logbase + '.err')}")
                return {"name": name, "failed": f"{tool} exited with {rc} (see {logbase}.err)",
                        "model": model, "data": data, "algorithm": alg, "desc": desc}
            res = coact_result(out) if tool == "coact" else peer_result(out)
            if tool == "coact":
                shutil.rmtree(out, ignore_errors=True)
            else:
                os.remove(out)
            results[tool] = res  # the last run's figures (all runs compute the same)
            runs[tool].append({"repeat": r + 1, "wall": wall, "cpu": cpu, "rss": rss,
                               "maven": maven})
            log(f"{tag}: wall {wall:.2f} s, cpu {cpu:.2f} s, peak RSS {rss:.0f} MiB"
                + (" (a Maven process was running)" if maven else ""))
    c, p = results["coact"], results["peer"]
    warnings = []
    if c["n"] != p["n"] or c["correct"] != p["correct"]:
        warnings.append(f"accuracy differs: Coact {c['correct']}/{c['n']} = {c['accuracy']:.4f}, "
                        f"peer {p['correct']}/{p['n']} = {p['accuracy']:.4f}")
    if c["edges"] != p["edges"]:
        warnings.append(f"edges differ: Coact {c['edges']}, peer {p['edges']}")
    for w in warnings:
        log(f"WARNING {name}: {w}")
    med = {tool: {k: statistics.median(x[k] for x in runs[tool]) for k in ("wall", "cpu", "rss")}
           for tool in runs}
    return {"name": name, "model": model, "data": data, "algorithm": alg, "desc": desc,
            "runs": runs, "median": med, "coact": c, "peer": p, "warnings": warnings}


# --------------------------------------------------------------------------------------------
# machine
# --------------------------------------------------------------------------------------------
def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, val = line.partition(":")
                if key.strip() in ("model name", "Hardware", "Processor", "cpu model"):
                    return val.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024.0 ** 2
    except OSError:
        pass
    return float("nan")


def java_version():
    java = os.environ.get("JAVA", "java")
    try:
        p = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
        lines = (p.stderr or p.stdout).strip().splitlines()
        return "; ".join(lines[:2]) if lines else "?"
    except (OSError, subprocess.SubprocessError) as e:
        return f"? ({e})"


def maven_running():
    try:
        p = subprocess.run(["pgrep", "-f", "maven"], capture_output=True, text=True)
        return [pid for pid in p.stdout.split() if pid != str(os.getpid())]
    except OSError:
        return []


def loadavg():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# --------------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------------
def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def fmt_s(v):
    return f"{v:.2f} s" if v < 100 else f"{v:.0f} s"


def markdown(cases, machine, repeats):
    L = [f"# Coact vs the Python peer ({machine['date']})", "",
         f"Medians of {repeats} interleaved run(s) per tool (Coact, peer, Coact, peer, ...), "
         "each a whole process: wall time, CPU time (user + sys, `os.wait4`) and peak RSS "
         "(`ru_maxrss`). Ratio = Coact / peer (below 1: Coact uses less). Settings: "
         "`reduce=mean`, `graph.weight=frequency`, `community.null_samples=0`, seed 42; "
         "the community algorithms differ (CWTS networkanalysis vs igraph/leidenalg), so Q "
         "and the community count may.", "",
         "| case | model | samples | algorithm | edges | accuracy | wall Coact | wall peer "
         "| ratio | CPU Coact | CPU peer | ratio | RSS Coact | RSS peer | ratio | Q Coact | Q peer "
         "| communities Coact / peer |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for c in cases:
        if "failed" in c:
            L.append(f"| {c['name']} | {c['desc']} | | {c['algorithm']} | FAILED: {c['failed']} "
                     "| | | | | | | | | | | | | |")
            continue
        m, co, pe = c["median"], c["coact"], c["peer"]
        edges = f"{co['edges']:,}" if co["edges"] == pe["edges"] else \
            f"{co['edges']:,} / {pe['edges']:,}"
        acc = f"{co['accuracy']:.4f}" if co["correct"] == pe["correct"] else \
            f"{co['accuracy']:.4f} / {pe['accuracy']:.4f}"
        L.append(f"| {c['name']} | {c['desc']} | {co['n']:,} | {c['algorithm']} | {edges} | {acc} "
                 f"| {fmt_s(m['coact']['wall'])} | {fmt_s(m['peer']['wall'])} "
                 f"| {ratio(m['coact']['wall'], m['peer']['wall'])} "
                 f"| {fmt_s(m['coact']['cpu'])} | {fmt_s(m['peer']['cpu'])} "
                 f"| {ratio(m['coact']['cpu'], m['peer']['cpu'])} "
                 f"| {m['coact']['rss']:,.0f} MiB | {m['peer']['rss']:,.0f} MiB "
                 f"| {ratio(m['coact']['rss'], m['peer']['rss'])} "
                 f"| {co['modularity']:.6f} | {pe['modularity']:.6f} "
                 f"| {co['communities']} / {pe['communities']} |")
    warns = [(c["name"], w) for c in cases for w in c.get("warnings", [])]
    L.append("")
    if warns:
        L += ["**Warnings:**", ""] + [f"- {n}: {w}" for n, w in warns] + [""]
    else:
        L += ["Both tools report the same accuracy and number of edges in every case.", ""]
    L += ["## Machine", ""] + [f"- {k}: {v}" for k, v in machine.items() if k != "date"] + [""]
    L += ["## Runs", "", "| case | tool | repeat | wall | CPU | peak RSS | Maven running |",
          "|---|---|---|---|---|---|---|"]
    for c in cases:
        for tool in ("coact", "peer"):
            for r in c.get("runs", {}).get(tool, []):
                L.append(f"| {c['name']} | {tool} | {r['repeat']} | {r['wall']:.3f} s "
                         f"| {r['cpu']:.3f} s | {r['rss']:,.1f} MiB "
                         f"| {'yes' if r['maven'] else 'no'} |")
    L += ["", "Inputs:", ""]
    for c in cases:
        L.append(f"- {c['name']}: `{os.path.relpath(c['model'], REPO)}`, "
                 f"`{os.path.relpath(c['data'], REPO)}`")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="Coact vs the Python peer, interleaved whole runs")
    ap.add_argument("--cases", default=",".join(CASES),
                    help=f"comma-separated, from {', '.join(CASES)} (default: all)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per tool and case (5)")
    ap.add_argument("--out", metavar="BENCH.md", help="also write the markdown report here")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "coact-bench"),
                    help="for the generated wide model, tiled data, outputs and logs")
    args = ap.parse_args()
    names = [n.strip() for n in args.cases.split(",") if n.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown or not names:
        sys.exit(f"compare.py: unknown case(s) {', '.join(unknown) or '(none)'}; "
                 f"choose from {', '.join(CASES)}")
    if args.repeats < 1:
        sys.exit("compare.py: --repeats must be positive")
    os.makedirs(args.work, exist_ok=True)
    for n in names:  # generate the inputs before any timing
        resolve(n, args.work)

    if maven_running():
        log("WARNING: a Maven process is running; the timings will be inflated")
    # A class-data archive of this run's own making: one left in the user's cache by another
    # command (a 'coact bench' run, which writes no report files) would miss classes the analyses
    # load, and the timings would depend on what ran before.
    cds = os.path.join(args.work, "cds")
    shutil.rmtree(cds, ignore_errors=True)
    os.environ["COACT_CDS_DIR"] = cds
    log("./coact --version (untimed; the launcher rebuilds here if the sources changed)")
    v = subprocess.run(["./coact", "--version"], cwd=REPO, capture_output=True, text=True)
    if v.returncode != 0:
        sys.exit(f"compare.py: ./coact --version failed:\n{v.stderr.strip()}")
    # The launcher writes its class-data archive (AppCDS) on the first analysis after a build;
    # one untimed run on the bundled MLP makes it, as the peer's first run leaves its .pyc files.
    log("./coact analyze on the bundled MLP (untimed; makes the launcher's class-data archive)")
    with tempfile.TemporaryDirectory() as warm:
        w = subprocess.run(coact_cmd(os.path.join(REPO, "testmodels/onnx/mlp/mlp-epoch10.onnx"),
                                     os.path.join(REPO, "testmodels/mnist/test.npz"), "leiden", warm),
                           cwd=REPO, capture_output=True, text=True)
        if w.returncode != 0:
            sys.exit(f"compare.py: the warm-up analysis failed:\n{w.stderr.strip()}")

    machine = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
               "CPU": cpu_model(), "cores": os.cpu_count(), "RAM": f"{ram_gib():.1f} GiB",
               "load average before (1, 5, 15 min)": loadavg(),
               "JDK": java_version(), "Coact": v.stdout.strip().splitlines()[-1]
               if v.stdout.strip() else "?",
               "peer Python": subprocess.run([PEER_PY, "--version"], capture_output=True,
                                             text=True).stdout.strip(),
               "OS": platform.platform()}
    cases = [bench_case(n, args.work, args.repeats) for n in names]
    machine["load average after"] = loadavg()
    peer_versions = next((c["peer"]["versions"] for c in cases if "peer" in c), None)
    if peer_versions:
        machine["peer packages"] = ", ".join(f"{k} {v}" for k, v in peer_versions.items()
                                             if k != "python")
    hit = [f"{c['name']} {tool} {r['repeat']}" for c in cases
           for tool in ("coact", "peer") for r in c.get("runs", {}).get(tool, []) if r["maven"]]
    if hit:
        machine["note"] = ("a Maven process was running at the start or end of these runs "
                           f"(their timings are inflated): {', '.join(hit)}")
    md = markdown(cases, machine, args.repeats)
    print(md, end="")
    if args.out:
        with open(args.out, "w") as f:
            f.write(md)
        log(f"wrote {args.out}")
    sys.exit(1 if any("failed" in c for c in cases) else 0)


if __name__ == "__main__":
    main()
