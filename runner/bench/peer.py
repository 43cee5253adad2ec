#!/usr/bin/python3
"""The Python peer Coact is benchmarked against.

What a researcher writes in an afternoon with Debian's python3-torch, -numpy, -onnx, -igraph
and -leidenalg (python3-networkx only for --check): the figures of

    coact analyze --model M.onnx --data D.npz --threshold T --algorithm A --seed S \
        --set reduce=mean --set graph.weight=frequency --set community.null_samples=0

(the paper's settings; definitions in src/docs/METHOD.md sections 1-7) for models that are a
single chain of Gemm, Relu, Conv (2-D), MaxPool (2-D), Flatten and Reshape nodes: MLPs
(testmodels/onnx/mlp/*.onnx, runner/bench/make_wide_mlp.py) and plain CNNs
(testmodels/onnx/cnn/*.onnx). Anything else (other ops, branches, several inputs) is refused
with a message. Rank-4 ReLU outputs [N, C, H, W] give one neuron per channel, its value the
mean over the H*W positions in float64 (`reduce: mean`, METHOD.md 2); rank-3 [N, T, F] the
mean over T.

    peer.py --model M.onnx --data D.npz [--layers auto|NAME,GLOB,...]
            [--algorithm louvain|leiden] [--seed 42] [--tile K] [--threshold 0]
            [--batch 64] [--details] [--check FIXTURE.json] --out OUT.json

Steps:
1. load: read the ONNX file with `onnx` and build the torch module from its initializers
   (no onnxruntime or onnx2torch here): each Gemm (transB=1, weights [out, in]) becomes an
   nn.Linear with those weights, each Conv an nn.Conv2d (the ONNX pads, strides, dilations,
   group; asymmetric pads through nn.ZeroPad2d), each MaxPool an nn.MaxPool2d (kernel,
   strides, pads, dilations, ceil_mode), Flatten nn.Flatten(1), Reshape a reshape to its
   constant shape, each Relu an nn.ReLU; read `x` and `y` from the .npz and reshape x to the
   model's input by element count ([N, 784] -> [N, 1, 28, 28] for the CNN).
2. extract: forward hooks on the ReLU modules of the selected layers; the data streams through
   in batches of --batch (64). --tile K cycles through the samples K times (2,000 test digits
   x 10 = 20,000) without copying them. Per layer the values are reduced (rank 3/4: the
   float64 mean over the positions, summed in index order) and A = (value > threshold) as
   float32 0/1 (the comparison is made in float64, as a double tau); accumulated: active
   counts A.sum(0), per-class counts onehot(y).T @ A, and co-activation counts A_l.T @ A_l+1 between
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

--check FIXTURE compares with Coact's numpy fixture (testmodels/fixtures/mlp-epoch10.json,
cnn-epoch10.json): counts and co-activation counts exactly, entropies within 1e-9, and the
modularity of the partition found against networkx's; prints one line, exits 1 on a mismatch
(a count mismatch is reported with its size and the fixture's nearThreshold).
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
# 1. ONNX (a chain of Gemm/Relu/Conv/MaxPool/Flatten/Reshape) -> torch
# --------------------------------------------------------------------------------------------
def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _s(v):
    return v.decode() if isinstance(v, bytes) else v


class Reshape(nn.Module):
    """ONNX Reshape with a constant shape: 0 copies the input's dimension, -1 is inferred."""

    def __init__(self, shape):
        super().__init__()
        self.shape = [int(v) for v in shape]

    def forward(self, x):
        return x.reshape([x.shape[i] if v == 0 else v for i, v in enumerate(self.shape)])


def _pads2d(path, node, a, pool):
    """ONNX pads [top, left, bottom, right] -> (torch padding, optional nn.ZeroPad2d)."""
    if _s(a.get("auto_pad", "NOTSET")) not in ("NOTSET", "VALID"):
        sys.exit(f"peer.py: {path}: {node.name}: auto_pad {_s(a['auto_pad'])} is not supported")
    p = list(a.get("pads", [0, 0, 0, 0]))
    if len(p) != 4:
        sys.exit(f"peer.py: {path}: {node.name}: only 2-D {node.op_type} is supported")
    if p[0] == p[2] and p[1] == p[3]:
        return (p[0], p[1]), None
    if pool:
        sys.exit(f"peer.py: {path}: {node.name}: asymmetric MaxPool pads are not supported")
    return (0, 0), nn.ZeroPad2d((p[1], p[3], p[0], p[2]))


def onnx_to_torch(path):
    """Returns (nn.Sequential, [(onnx node name, module)], per-sample input shape, classes).

    The graph must be one chain from the single input to the single output through Gemm,
    Relu, Conv (2-D), MaxPool (2-D), Flatten and Reshape (constant shape) nodes; Constant
    nodes feeding a Reshape are allowed. Tensors are NCHW as ONNX has them."""
    m = onnx.load(path)
    g = m.graph
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    for node in g.node:
        if node.op_type == "Constant":
            init[node.output[0]] = numpy_helper.to_array(attrs(node)["value"])
    inputs = [i for i in g.input if i.name not in init]
    if len(inputs) != 1 or len(g.output) != 1:
        sys.exit(f"peer.py: {path}: one input and one output expected")
    dims = inputs[0].type.tensor_type.shape.dim
    in_shape = tuple(d.dim_value if d.HasField("dim_value") else None for d in dims[1:])
    tensor = inputs[0].name
    mods = []
    f32 = lambda v: torch.from_numpy(np.array(v, dtype=np.float32))  # noqa: E731
    for node in g.node:
        if node.op_type == "Constant":
            continue
        if not node.input or node.input[0] != tensor:
            sys.exit(f"peer.py: {path}: {node.name} does not continue the chain (the peer "
                     f"handles single-path Gemm/Relu/Conv/MaxPool/Flatten/Reshape models)")
        a = attrs(node)
        if node.op_type == "Gemm":
            if a.get("transA", 0) or a.get("alpha", 1.0) != 1.0 or a.get("beta", 1.0) != 1.0:
                sys.exit(f"peer.py: {path}: {node.name}: only Gemm with transA=0, alpha=beta=1")
            w = init[node.input[1]]
            w = w if a.get("transB", 0) else w.T  # nn.Linear wants [out, in]
            bias = init[node.input[2]].reshape(-1) if len(node.input) > 2 and node.input[2] else None
            lin = nn.Linear(w.shape[1], w.shape[0], bias=bias is not None)
            with torch.no_grad():
                lin.weight.copy_(f32(w))
                if bias is not None:
                    lin.bias.copy_(f32(bias))
            mods.append((node.name, lin))
        elif node.op_type == "Relu":
            mods.append((node.name, nn.ReLU()))
        elif node.op_type == "Conv":
            w = init[node.input[1]]  # [out, in / group, kh, kw]
            if w.ndim != 4:
                sys.exit(f"peer.py: {path}: {node.name}: only 2-D Conv is supported")
            bias = init[node.input[2]] if len(node.input) > 2 and node.input[2] else None
            group = int(a.get("group", 1))
            padding, pad = _pads2d(path, node, a, pool=False)
            conv = nn.Conv2d(w.shape[1] * group, w.shape[0], tuple(w.shape[2:]),
                             stride=tuple(a.get("strides", [1, 1])), padding=padding,
                             dilation=tuple(a.get("dilations", [1, 1])), groups=group,
                             bias=bias is not None)
            with torch.no_grad():
                conv.weight.copy_(f32(w))
                if bias is not None:
                    conv.bias.copy_(f32(bias))
            mods.append((node.name, conv if pad is None else nn.Sequential(pad, conv)))
        elif node.op_type == "MaxPool":
            if len(node.output) > 1 and node.output[1]:
                sys.exit(f"peer.py: {path}: {node.name}: MaxPool indices are not supported")
            kernel = tuple(a["kernel_shape"])
            if len(kernel) != 2 or a.get("storage_order", 0):
                sys.exit(f"peer.py: {path}: {node.name}: only 2-D MaxPool is supported")
            padding, _ = _pads2d(path, node, a, pool=True)
            mods.append((node.name, nn.MaxPool2d(kernel, stride=tuple(a.get("strides", [1, 1])),
                                                 padding=padding,
                                                 dilation=tuple(a.get("dilations", [1, 1])),
                                                 ceil_mode=bool(a.get("ceil_mode", 0)))))
        elif node.op_type == "Flatten":
            if a.get("axis", 1) != 1:
                sys.exit(f"peer.py: {path}: {node.name}: only Flatten with axis=1")
            mods.append((node.name, nn.Flatten(1)))
        elif node.op_type == "Reshape":
            if len(node.input) < 2 or node.input[1] not in init or a.get("allowzero", 0):
                sys.exit(f"peer.py: {path}: {node.name}: only Reshape to a constant shape")
            mods.append((node.name, Reshape(init[node.input[1]].reshape(-1).tolist())))
        else:
            sys.exit(f"peer.py: {path}: unsupported op {node.op_type} ({node.name}); the peer "
                     f"handles Gemm/Relu/Conv/MaxPool/Flatten/Reshape chains only")
        tensor = node.output[0]
    if tensor != g.output[0].name:
        sys.exit(f"peer.py: {path}: the chain does not end in the model output")
    linears = [mod for _, mod in mods if isinstance(mod, nn.Linear)]
    if not linears:
        sys.exit(f"peer.py: {path}: no Gemm (classifier head) found")
    if None in in_shape or not in_shape:
        if isinstance(mods[0][1], nn.Linear):
            in_shape = (mods[0][1].in_features,)
        else:
            sys.exit(f"peer.py: {path}: the input's per-sample shape must be fixed")
    model = nn.Sequential(*[mod for _, mod in mods]).eval()
    return model, mods, in_shape, linears[-1].out_features


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


def reduce_mean(a):
    """METHOD.md 2, reduce: mean. [N, F] as is; [N, T, F] -> mean over T; [N, C, H, W] (NCHW)
    -> one value per channel, the mean over its H*W positions. The positions are summed in
    float64 in index order (t, or h * W + w; a cumulative sum, not numpy's pairwise sum) and
    divided by their count, as Coact does."""
    if a.ndim == 2:
        return a.astype(np.float64)
    if a.ndim == 3:
        v = np.moveaxis(a.astype(np.float64), 1, 2)  # [N, F, T]
    elif a.ndim == 4:
        v = a.astype(np.float64).reshape(a.shape[0], a.shape[1], -1)  # [N, C, H*W]
    else:
        sys.exit(f"peer.py: a layer of rank {a.ndim} cannot be analysed (ranks 2-4 only)")
    return np.cumsum(v, axis=2)[:, :, -1] / v.shape[2]


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
            A = [(reduce_mean(acts[name].numpy()) > threshold).astype(np.float32)
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
def check(path, st, layers, summary, g, membership, q, total, n_edges, threshold):
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
    if fx.get("threshold", threshold) != threshold or fx.get("reduce", "mean") != "mean":
        bad.append(f"fixture made with threshold {fx.get('threshold')} / reduce "
                   f"{fx.get('reduce')}, this run with {threshold} / mean")

    def differ(what, ours, theirs, near):
        # A count off by a few, with the fixture's `nearThreshold` (sample-neuron pairs whose
        # pre-activation lies within 1e-6 of zero, at some position for a conv layer) at least
        # as large, is a torch-vs-numpy rounding flip, not a different computation.
        d = np.abs(np.asarray(ours, dtype=np.int64) - np.asarray(theirs, dtype=np.int64))
        bad.append(f"{what} differ: {int((d > 0).sum())} entries, sum |diff| {int(d.sum())}, "
                   f"max {int(d.max())}; fixture nearThreshold {near}")

    ent = 0.0
    for t, fl in enumerate(fx["layers"]):
        near = fl.get("nearThreshold", "?")
        if st["counts"][t].tolist() != fl["activeCounts"]:
            differ(f"{fl['name']} activeCounts", st["counts"][t], fl["activeCounts"], near)
        if st["classActive"][t].T.tolist() != fl["classActiveCounts"]:
            differ(f"{fl['name']} classActiveCounts", st["classActive"][t].T,
                   fl["classActiveCounts"], near)
        for key, ours in (("entropyBits", "_H"), ("conditionalEntropyBits", "_CH"),
                          ("mutualInformationBits", "_MI")):
            ent = max(ent, float(np.abs(layers[t][ours] - np.array(fl[key])).max()))
        for key in ("dead", "alwaysOn"):
            if layers[t][key] != fl[key]:
                bad.append(f"{fl['name']} {key}")
    for t, fc in enumerate(fx["coactivation"]):
        if st["coact"][t].tolist() != fc["counts"]:
            near = [fl.get("nearThreshold", "?") for fl in fx["layers"]
                    if fl["name"] in (fc["from"], fc["to"])]
            differ(f"coactivation {fc['from']} -> {fc['to']}", st["coact"][t], fc["counts"],
                   "+".join(map(str, near)))
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
    ap = argparse.ArgumentParser(description="Coact's Python peer (Gemm/Relu/Conv/MaxPool/"
                                             "Flatten/Reshape chains: MLPs and plain CNNs)")
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True,
                    help=".npz with x [N, ...] (reshaped to the model input by element count) and y [N]")
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

    model, mods, in_shape, K = onnx_to_torch(args.model)
    layers = select_layers(mods, args.layers)
    if not layers:
        sys.exit("peer.py: no layers selected")
    with np.load(args.data) as d:
        x = np.ascontiguousarray(d["x"], dtype=np.float32)
        y = d["y"].astype(np.int64)
    shape = tuple(in_shape)
    if len(y) != len(x) or x.size != len(x) * int(np.prod(shape)):
        sys.exit(f"peer.py: data x {x.shape} / y {y.shape} do not fit the model input "
                 f"[N, {', '.join(map(str, shape))}]")
    x = x.reshape((len(x),) + shape)  # by element count, as Coact does ([N, 784] -> [N, 1, 28, 28])
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
                                total, n_edges, args.threshold):
        sys.exit(1)


if __name__ == "__main__":
    main()
