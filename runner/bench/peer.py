#!/usr/bin/python3
"""The Python peer Coact is benchmarked against.

What a researcher writes in an afternoon with Debian's python3-torch, -numpy, -onnx, -igraph
and -leidenalg (python3-networkx only for --check): the figures of

    coact analyze --model M.onnx --data D.npz --threshold T --algorithm A --seed S \
        --set reduce=mean --set graph.weight=frequency --set community.null_samples=0

(the paper's settings; definitions in src/docs/METHOD.md sections 1-7) for rank-2 models only:
MLPs exported as a chain of Gemm and Relu nodes (testmodels/onnx/mlp/*.onnx,
runner/bench/make_wide_mlp.py). Anything else (Conv, rank-3/4 layers, several inputs) is
refused, since rank-2 layers need no reduction.

    peer.py --model M.onnx --data D.npz [--layers auto|NAME,GLOB,...]
            [--algorithm louvain|leiden] [--seed 42] [--tile K] [--threshold 0]
            [--batch 64] [--details] [--check FIXTURE.json] --out OUT.json

Steps:
1. load: read the ONNX file with `onnx` and build the torch module from its initializers
   (no onnxruntime or onnx2torch here): each Gemm (transB=1, weights [out, in]) becomes an
   nn.Linear with those weights, each Relu an nn.ReLU; read `x` and `y` from the .npz.
2. extract: forward hooks on the ReLU modules of the selected layers; the data streams through
   in batches of --batch (64). --tile K cycles through the samples K times (2,000 test digits
   x 10 = 20,000) without copying them. Per layer A = (a > threshold) as float32 0/1 (the
   comparison is made in float64, as a double tau); accumulated: active counts A.sum(0),
   per-class counts onehot(y).T @ A, and co-activation counts A_l.T @ A_l+1 between
   consecutive selected layers (float32 matmul, exact per batch, summed in float64 and
   exact up to 2^53), and the correct argmax predictions. Then entropies (METHOD.md 7).
3. graph: an undirected igraph graph with every selected neuron as a node, in layer order,
   and an edge j-k with weight C_jk / n for every consecutive-layer pair with C_jk > 0.
4. communities: `g.community_multilevel(weights='weight')` (louvain; igraph draws from
   Python's `random`, seeded with --seed) or `leidenalg.find_partition(g,
   leidenalg.ModularityVertexPartition, weights='weight', seed=seed)` (leiden), then
   `g.modularity(membership, weights='weight')`.

OUT.json: n, accuracy, correct, neurons, edges, totalWeight (sum C / n), modularity,
communities (count, singletons included), countWithoutSingletons, sizes, meanEntropyBits,
meanConditionalEntropyBits, meanMutualInformationBits, dead, alwaysOn, per-layer means,
config, versions, timings in seconds (load, extract, graph, communities, total; `imports`,
the module imports before the clock starts, apart) and peakRssMiB (ru_maxrss). --details
adds every neuron's counts, entropies and community.

--check FIXTURE compares with Coact's numpy fixture (testmodels/fixtures/mlp-epoch10.json):
counts and co-activation counts exactly, entropies within 1e-9, and the modularity of the
partition found against networkx's; prints one line, exits 1 on a mismatch.
"""
import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import fnmatch  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

import igraph as ig  # noqa: E402
import leidenalg  # noqa: E402
import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
from onnx import numpy_helper  # noqa: E402
from torch import nn  # noqa: E402

T_IMPORTS = time.perf_counter() - T_START


# --------------------------------------------------------------------------------------------
# 1. ONNX (Gemm/Relu chain) -> torch
# --------------------------------------------------------------------------------------------
def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def onnx_to_torch(path):
    """Returns (nn.Sequential, [(onnx node name, module)], input width, classes)."""
    m = onnx.load(path)
    g = m.graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    inputs = [i for i in g.input if i.name not in init]
    if len(inputs) != 1 or len(g.output) != 1:
        sys.exit(f"peer.py: {path}: one input and one output expected (rank-2 MLPs only)")
    tensor = inputs[0].name
    mods = []
    for node in g.node:
        if not node.input or node.input[0] != tensor:
            sys.exit(f"peer.py: {path}: {node.name} does not continue the chain "
                     f"(only Gemm/Relu chains, i.e. rank-2 MLPs, are supported)")
        a = attrs(node)
        if node.op_type == "Gemm":
            if a.get("transA", 0) or a.get("alpha", 1.0) != 1.0 or a.get("beta", 1.0) != 1.0:
                sys.exit(f"peer.py: {path}: {node.name}: only Gemm with transA=0, alpha=beta=1")
            w = init[node.input[1]]
            w = w if a.get("transB", 0) else w.T  # nn.Linear wants [out, in]
            bias = init[node.input[2]].reshape(-1) if len(node.input) > 2 and node.input[2] else None
            lin = nn.Linear(w.shape[1], w.shape[0], bias=bias is not None)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(np.array(w, dtype=np.float32)))
                if bias is not None:
                    lin.bias.copy_(torch.from_numpy(np.array(bias, dtype=np.float32)))
            mods.append((node.name, lin))
        elif node.op_type == "Relu":
            mods.append((node.name, nn.ReLU()))
        else:
            sys.exit(f"peer.py: {path}: unsupported op {node.op_type} ({node.name}); "
                     f"the peer handles Gemm/Relu chains (rank-2 MLPs) only")
        tensor = node.output[0]
    if tensor != g.output[0].name:
        sys.exit(f"peer.py: {path}: the chain does not end in the model output")
    linears = [mod for _, mod in mods if isinstance(mod, nn.Linear)]
    model = nn.Sequential(*[mod for _, mod in mods]).eval()
    return model, mods, linears[0].in_features, linears[-1].out_features


def select_layers(mods, spec):
    """auto: every Relu except the model's final output; else names or globs, comma-separated."""
    relus = [(name, mod) for i, (name, mod) in enumerate(mods)
             if isinstance(mod, nn.ReLU) and i < len(mods) - 1]
    if spec == "auto":
        return relus
    chosen = set()
    for pat in (p.strip() for p in spec.split(",") if p.strip()):
        hits = [name for name, _ in relus if name == pat or fnmatch.fnmatchcase(name, pat)]
        if not hits:
            sys.exit(f"peer.py: no Relu layer matches {pat!r} (layers: "
                     f"{', '.join(n for n, _ in relus)})")
        chosen.update(hits)
    return [(name, mod) for name, mod in relus if name in chosen]


# --------------------------------------------------------------------------------------------
# 2. statistics (METHOD.md 4, 7)
# --------------------------------------------------------------------------------------------
def h2(p):
    """Binary entropy in bits, elementwise; H(0) = H(1) = 0."""
    p = np.asarray(p, dtype=np.float64)
    out = np.zeros_like(p)
    m = (p > 0) & (p < 1)
    q = p[m]
    out[m] = -q * np.log2(q) - (1 - q) * np.log2(1 - q)
    return out


def extract(model, layers, x, y, K, tile, batch, threshold):
    names = [name for name, _ in layers]
    acts = {}
    hooks = [mod.register_forward_hook(lambda m, i, o, name=name: acts.__setitem__(name, o))
             for name, mod in layers]
    widths = {}
    n0 = len(x)
    n = n0 * tile
    counts = class_counts = coact = None
    ncls = np.zeros(K, dtype=np.int64)
    correct = 0
    eye = np.eye(K, dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, n, batch):
            idx = np.arange(start, min(start + batch, n)) % n0  # --tile: cycle, no copy
            xb, yb = x[idx], y[idx]
            logits = model(torch.from_numpy(xb)).numpy()
            correct += int((logits.argmax(1) == yb).sum())
            ncls += np.bincount(yb, minlength=K)
            A = [(acts[name].numpy().astype(np.float64) > threshold).astype(np.float32)
                 for name in names]
            if counts is None:
                widths = {name: a.shape[1] for name, a in zip(names, A)}
                counts = [np.zeros(a.shape[1], dtype=np.float64) for a in A]
                class_counts = [np.zeros((K, a.shape[1]), dtype=np.float64) for a in A]
                coact = [np.zeros((A[t].shape[1], A[t + 1].shape[1]), dtype=np.float64)
                         for t in range(len(A) - 1)]
            onehot = eye[yb]
            for t, a in enumerate(A):
                counts[t] += a.sum(0)
                class_counts[t] += onehot.T @ a
                if t + 1 < len(A):
                    coact[t] += a.T @ A[t + 1]
            acts.clear()
    for h in hooks:
        h.remove()
    as_int = lambda v: v.astype(np.int64)  # noqa: E731 (float64 sums of 0/1: exact)
    return {"n": n, "correct": correct, "classCounts": ncls, "names": names, "widths": widths,
            "counts": [as_int(c) for c in counts],
            "classActive": [as_int(c) for c in class_counts],
            "coact": [as_int(c) for c in coact]}


def entropies(st):
    n, ncls = st["n"], st["classCounts"]
    layers, H_all, CH_all, MI_all = [], [], [], []
    for name, c, cc in zip(st["names"], st["counts"], st["classActive"]):
        H = h2(c / n)
        CH = np.zeros_like(H)
        for k in range(len(ncls)):
            if ncls[k] > 0:
                CH += (ncls[k] / n) * h2(cc[k] / ncls[k])
        MI = H - CH
        layers.append({"name": name, "neurons": int(len(c)),
                       "meanActiveFraction": float(np.mean(c / n)),
                       "meanEntropyBits": float(H.mean()),
                       "meanConditionalEntropyBits": float(CH.mean()),
                       "meanMutualInformationBits": float(MI.mean()),
                       "dead": int((c == 0).sum()), "alwaysOn": int((c == n).sum()),
                       "_H": H, "_CH": CH, "_MI": MI})
        H_all.append(H)
        CH_all.append(CH)
        MI_all.append(MI)
    H, CH, MI = (np.concatenate(v) for v in (H_all, CH_all, MI_all))
    return layers, {"meanEntropyBits": float(H.mean()),
                    "meanConditionalEntropyBits": float(CH.mean()),
                    "meanMutualInformationBits": float(MI.mean()),
                    "dead": sum(lay["dead"] for lay in layers),
                    "alwaysOn": sum(lay["alwaysOn"] for lay in layers)}


# --------------------------------------------------------------------------------------------
# 3. graph, 4. communities (METHOD.md 5, 6)
# --------------------------------------------------------------------------------------------
def build_graph(st):
    n = st["n"]
    offsets = np.cumsum([0] + [len(c) for c in st["counts"]])
    src, dst, w = [], [], []
    for t, C in enumerate(st["coact"]):
        j, k = np.nonzero(C)
        src.append(j + offsets[t])
        dst.append(k + offsets[t + 1])
        w.append(C[j, k] / n)  # graph.weight = frequency
    src, dst, w = (np.concatenate(v) if v else np.zeros(0) for v in (src, dst, w))
    g = ig.Graph(n=int(offsets[-1]), edges=list(zip(src.tolist(), dst.tolist())))
    g.es["weight"] = w.tolist()
    total = sum(int(C.sum()) for C in st["coact"]) / n  # = sum of the weights, exactly
    return g, total


def communities(g, algorithm, seed):
    if algorithm == "louvain":
        random.seed(seed)  # igraph's default RNG is Python's random module
        membership = g.community_multilevel(weights="weight").membership
    else:
        membership = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition,
                                              weights="weight", seed=seed).membership
    # METHOD.md 6: an edgeless graph has Q = 0 (igraph returns nan)
    q = g.modularity(membership, weights="weight") if g.ecount() else 0.0
    sizes = sorted(np.bincount(membership).tolist(), reverse=True)
    return membership, q, sizes


# --------------------------------------------------------------------------------------------
def check(path, st, layers, summary, g, membership, q, total, n_edges):
    """One line: this run against Coact's numpy fixture (METHOD.md: counts exact)."""
    import networkx as nx
    fx = json.load(open(path))
    bad = []
    if st["n"] != fx["n"]:
        bad.append(f"n {st['n']} != {fx['n']}")
    if st["correct"] != fx["correct"]:
        bad.append(f"correct {st['correct']} != {fx['correct']}")
    if st["classCounts"].tolist() != fx["classCounts"]:
        bad.append("classCounts")
    if [lay["name"] for lay in layers] != [lay["name"] for lay in fx["layers"]]:
        bad.append("layer names")
    ent = 0.0
    for t, fl in enumerate(fx["layers"]):
        if st["counts"][t].tolist() != fl["activeCounts"]:
            bad.append(f"{fl['name']} activeCounts")
        if st["classActive"][t].T.tolist() != fl["classActiveCounts"]:
            bad.append(f"{fl['name']} classActiveCounts")
        for key, ours in (("entropyBits", "_H"), ("conditionalEntropyBits", "_CH"),
                          ("mutualInformationBits", "_MI")):
            ent = max(ent, float(np.abs(layers[t][ours] - np.array(fl[key])).max()))
        for key in ("dead", "alwaysOn"):
            if layers[t][key] != fl[key]:
                bad.append(f"{fl['name']} {key}")
    for t, fc in enumerate(fx["coactivation"]):
        if st["coact"][t].tolist() != fc["counts"]:
            bad.append(f"coactivation {fc['from']} -> {fc['to']}")
    for key in ("meanEntropyBits", "meanConditionalEntropyBits", "meanMutualInformationBits"):
        ent = max(ent, abs(summary[key] - fx["model"][key]))
    if ent > 1e-9:
        bad.append(f"entropies differ by {ent:.2e}")
    if g.vcount() != fx["graph"]["nodes"] or n_edges != fx["graph"]["edges"]:
        bad.append(f"graph {g.vcount()} nodes / {n_edges} edges != "
                   f"{fx['graph']['nodes']} / {fx['graph']['edges']}")
    wsum = float(np.sum(g.es["weight"]))
    if total != fx["graph"]["totalWeight"] or abs(wsum - total) > 1e-9 * total:
        bad.append(f"totalWeight {total!r} (edge sum {wsum!r}) != {fx['graph']['totalWeight']!r}")
    G = nx.Graph()
    G.add_nodes_from(range(g.vcount()))
    G.add_weighted_edges_from((e.source, e.target, e["weight"]) for e in g.es)
    parts = {}
    for v, c in enumerate(membership):
        parts.setdefault(c, set()).add(v)
    qnx = nx.algorithms.community.modularity(G, parts.values(), weight="weight")
    if abs(qnx - q) > 1e-9:
        bad.append(f"modularity {q} != networkx {qnx}")
    ncoact = sum(C.size for C in st["coact"])
    print(f"check vs {path}: {'OK' if not bad else 'FAILED: ' + '; '.join(bad)} "
          f"(n {st['n']}, correct {st['correct']}, accuracy {st['correct'] / st['n']:.4f}; "
          f"active and per-class counts of {g.vcount()} neurons, {ncoact} co-activation counts, "
          f"{n_edges} edges exact; totalWeight {total} exact; entropies max |diff| {ent:.1e}; "
          f"modularity {q:.6f}, networkx {qnx:.6f})", flush=True)
    return not bad


def main():
    ap = argparse.ArgumentParser(description="Coact's Python peer (rank-2 Gemm/Relu MLPs only)")
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True, help=".npz with x [N, F] and y [N]")
    ap.add_argument("--layers", default="auto", help="auto, or names/globs, comma-separated")
    ap.add_argument("--algorithm", default="louvain", choices=["louvain", "leiden"])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--tile", type=int, default=1, help="pass over the data K times")
    ap.add_argument("--threshold", type=float, default=0.0)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--details", action="store_true", help="add per-neuron figures to OUT")
    ap.add_argument("--check", metavar="FIXTURE", help="compare with a Coact numpy fixture")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.tile < 1 or args.batch < 1:
        sys.exit("peer.py: --tile and --batch must be positive")
    torch.set_grad_enabled(False)
    t0 = time.perf_counter()

    model, mods, width, K = onnx_to_torch(args.model)
    layers = select_layers(mods, args.layers)
    if not layers:
        sys.exit("peer.py: no layers selected")
    with np.load(args.data) as d:
        x = np.ascontiguousarray(d["x"], dtype=np.float32)
        y = d["y"].astype(np.int64)
    x = x.reshape(len(x), -1)
    if x.shape[1] != width or len(y) != len(x):
        sys.exit(f"peer.py: data x {x.shape} / y {y.shape} do not fit the model input [N, {width}]")
    if y.min() < 0 or y.max() >= K:
        sys.exit(f"peer.py: labels must lie in 0..{K - 1}")
    t1 = time.perf_counter()

    st = extract(model, layers, x, y, K, args.tile, args.batch, args.threshold)
    layer_figs, summary = entropies(st)
    t2 = time.perf_counter()

    g, total = build_graph(st)
    n_edges = g.ecount()
    t3 = time.perf_counter()

    membership, q, sizes = communities(g, args.algorithm, args.seed)
    t4 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux

    n = st["n"]
    out = {
        "tool": "coact-python-peer",
        "model": args.model, "data": args.data,
        "config": {"layers": [name for name, _ in layers], "threshold": args.threshold,
                   "reduce": "mean", "graph": {"scope": "adjacent", "weight": "frequency"},
                   "community": {"algorithm": args.algorithm, "seed": args.seed,
                                 "null_samples": 0},
                   "batch": args.batch, "tile": args.tile},
        "versions": {"python": sys.version.split()[0], "torch": torch.__version__,
                     "numpy": np.__version__, "onnx": onnx.__version__,
                     "igraph": ig.__version__, "leidenalg": leidenalg.version},
        "n": n, "classes": K, "accuracy": st["correct"] / n, "correct": st["correct"],
        "neurons": g.vcount(), "edges": n_edges, "totalWeight": total,
        "modularity": q, "communities": len(sizes),
        "countWithoutSingletons": sum(1 for s in sizes if s > 1), "sizes": sizes,
        **summary,
        "layers": [{k: v for k, v in lay.items() if not k.startswith("_")} for lay in layer_figs],
        "timings": {"load": round(t1 - t0, 3), "extract": round(t2 - t1, 3),
                    "graph": round(t3 - t2, 3), "communities": round(t4 - t3, 3),
                    "total": round(t4 - t0, 3), "imports": round(T_IMPORTS, 3)},
        "peakRssMiB": round(rss, 1),
    }
    if args.details:
        neurons = []
        v = 0
        for t, lay in enumerate(layer_figs):
            for j in range(lay["neurons"]):
                neurons.append({"id": f"{lay['name']}:{j}", "activeCount": int(st["counts"][t][j]),
                                "classActiveCounts": st["classActive"][t][:, j].tolist(),
                                "entropyBits": float(lay["_H"][j]),
                                "conditionalEntropyBits": float(lay["_CH"][j]),
                                "mutualInformationBits": float(lay["_MI"][j]),
                                "community": int(membership[v])})
                v += 1
        out["neuronDetails"] = neurons
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    tm = out["timings"]
    print(f"{args.model}: n {n}, accuracy {out['accuracy']:.4f}, {out['neurons']} neurons, "
          f"{n_edges} edges, Q {q:.6f} ({args.algorithm}, {len(sizes)} communities), "
          f"mean H {summary['meanEntropyBits']:.6f}, mean MI "
          f"{summary['meanMutualInformationBits']:.6f}; load {tm['load']} s, extract "
          f"{tm['extract']} s, graph {tm['graph']} s, communities {tm['communities']} s, "
          f"total {tm['total']} s, peak RSS {out['peakRssMiB']} MiB", flush=True)
    if args.check and not check(args.check, st, layer_figs, summary, g, membership, q,
                                total, n_edges):
        sys.exit(1)


if __name__ == "__main__":
    main()
