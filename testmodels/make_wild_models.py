#!/usr/bin/python3
"""Builds the "wild-shaped" ONNX test models in testmodels/onnx/wild/.

Run from anywhere:  /usr/bin/python3 testmodels/make_wild_models.py
Needs Debian's python3-torch, python3-onnx, python3-numpy and python3-scipy (for erf).
Reads testmodels/mnist/test.npz (written by make_testmodels.py), trains small models on
its first 1,500 digits, and writes models, data sets, torch reference activations and
models.json below --out (default: testmodels/onnx/wild).  Deterministic: two runs give
byte-identical files (fixed seeds, one thread, deterministic algorithms, npz archives
written with fixed zip timestamps).  See README.md, section "Wild-shaped models".

Section 8 adds small graphs written with onnx.helper (random weights, 64-sample data sets):
lstm-layout0.onnx and hardswish-unscoped.onnx here, and below refusals/ the layout=1 LSTM/GRU/RNN,
ctc-like and detector-like graphs Coact is expected to refuse.  Every accuracy block in models.json
carries nearTies/minMargin (decisions within NEAR_TIE of flipping).

Every exported graph is also evaluated by the independent numpy interpreter below
(`OnnxNumpy`; onnx 1.12 has no onnx.reference) and compared with torch; the max
differences are printed and stored in models.json.
"""
import argparse
import io
import json
import math
import os
import time
import zipfile

import numpy as np
import onnx
import scipy.special
from onnx import TensorProto, helper, numpy_helper
import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 0
N_TRAIN = 1500          # first 1,500 of mnist/test.npz train; all 2,000 are analysed
N_REF = 16              # reference samples
BATCH = 64
TOL = 1e-4


# ----------------------------------------------------------------------------
# deterministic .npz (np.savez_compressed stamps the current time into the zip)
# ----------------------------------------------------------------------------
def savez(path, **arrays):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key, val in arrays.items():
            val = np.asarray(val)
            if not val.flags.c_contiguous:
                val = np.ascontiguousarray(val)     # (never on 0-d arrays: it would make them 1-d)
            buf = io.BytesIO()
            np.lib.format.write_array(buf, val, allow_pickle=False)
            zi = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, buf.getvalue(), compresslevel=6)


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


# ----------------------------------------------------------------------------
# independent numpy interpreter for the ONNX graphs written here
# ----------------------------------------------------------------------------
def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def s(v):
    return v.decode() if isinstance(v, bytes) else v


def sigmoid64(x):
    x = x.astype(np.float64)
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x))))


def np_conv(x, w, b, strides, pads, dilations, group):
    n, cin, H, W = x.shape
    cout, cpg, kh, kw = w.shape
    assert cin == cpg * group, (x.shape, w.shape, group)
    sh, sw = strides
    dh, dw = dilations
    pt, pl, pb, pr = pads
    xp = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)))
    oh = (H + pt + pb - dh * (kh - 1) - 1) // sh + 1
    ow = (W + pl + pr - dw * (kw - 1) - 1) // sw + 1
    cols = np.empty((n, cin, kh, kw, oh, ow), dtype=np.float32)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = xp[:, :, i * dh:i * dh + sh * (oh - 1) + 1:sh,
                                  j * dw:j * dw + sw * (ow - 1) + 1:sw]
    cols = cols.reshape(n, group, cpg * kh * kw, oh * ow)
    wg = w.reshape(1, group, cout // group, cpg * kh * kw)
    out = np.matmul(wg, cols).reshape(n, cout, oh, ow)
    if b is not None:
        out = out + b.reshape(1, cout, 1, 1)
    return out.astype(np.float32)


def onnx_lstm(X, W, R, B, h0, c0, hidden):
    """ONNX LSTM, forward, layout 0, default activations, no peepholes.
    X [T,N,I]; W [1,4H,I]; R [1,4H,H]; B [1,8H]; gates in ONNX order i, o, f, c.
    Returns Y [T,1,N,H], Y_h [1,N,H], Y_c [1,N,H] (float32; arithmetic in float64)."""
    T, N, _ = X.shape
    Hd = hidden
    Wi, Ri = W[0].astype(np.float64), R[0].astype(np.float64)
    bias = np.zeros(8 * Hd) if B is None else B[0].astype(np.float64)
    bias = bias[:4 * Hd] + bias[4 * Hd:]
    h = np.zeros((N, Hd)) if h0 is None else h0[0].astype(np.float64)
    c = np.zeros((N, Hd)) if c0 is None else c0[0].astype(np.float64)
    ys = []
    for t in range(T):
        g = X[t].astype(np.float64) @ Wi.T + h @ Ri.T + bias
        i, o, f, cc = (g[:, k * Hd:(k + 1) * Hd] for k in range(4))
        i, o, f, cc = sigmoid64(i), sigmoid64(o), sigmoid64(f), np.tanh(cc)
        c = f * c + i * cc
        h = o * np.tanh(c)
        ys.append(h)
    Y = np.stack(ys)[:, None]
    return Y.astype(np.float32), h[None].astype(np.float32), c[None].astype(np.float32)


def onnx_gru(X, W, R, B, h0, hidden, linear_before_reset):
    """ONNX GRU, forward, layout 0, default activations. X [T,N,I]; W [1,3H,I]; R [1,3H,H];
    B [1,6H]; gates in ONNX order z, r, h. Returns Y [T,1,N,H], Y_h [1,N,H]."""
    T, N, _ = X.shape
    Hd = hidden
    Wi, Ri = W[0].astype(np.float64), R[0].astype(np.float64)
    bias = np.zeros(6 * Hd) if B is None else B[0].astype(np.float64)
    wb, rb = bias[:3 * Hd], bias[3 * Hd:]
    h = np.zeros((N, Hd)) if h0 is None else h0[0].astype(np.float64)
    ys = []
    for t in range(T):
        xw = X[t].astype(np.float64) @ Wi.T + wb
        z = sigmoid64(xw[:, :Hd] + h @ Ri[:Hd].T + rb[:Hd])
        r = sigmoid64(xw[:, Hd:2 * Hd] + h @ Ri[Hd:2 * Hd].T + rb[Hd:2 * Hd])
        if linear_before_reset:
            hh = np.tanh(xw[:, 2 * Hd:] + r * (h @ Ri[2 * Hd:].T + rb[2 * Hd:]))
        else:
            hh = np.tanh(xw[:, 2 * Hd:] + (r * h) @ Ri[2 * Hd:].T + rb[2 * Hd:])
        h = (1 - z) * hh + z * h
        ys.append(h)
    Y = np.stack(ys)[:, None]
    return Y.astype(np.float32), h[None].astype(np.float32)


def onnx_rnn(X, W, R, B, h0, hidden):
    """ONNX RNN, forward, layout 0, Tanh. X [T,N,I]; W [1,H,I]; R [1,H,H]; B [1,2H].
    Returns Y [T,1,N,H], Y_h [1,N,H]."""
    T, N, _ = X.shape
    Wi, Ri = W[0].astype(np.float64), R[0].astype(np.float64)
    bias = np.zeros(2 * hidden) if B is None else B[0].astype(np.float64)
    bias = bias[:hidden] + bias[hidden:]
    h = np.zeros((N, hidden)) if h0 is None else h0[0].astype(np.float64)
    ys = []
    for t in range(T):
        h = np.tanh(X[t].astype(np.float64) @ Wi.T + h @ Ri.T + bias)
        ys.append(h)
    Y = np.stack(ys)[:, None]
    return Y.astype(np.float32), h[None].astype(np.float32)


def recurrent_layout(fn, layout, X, states):
    """Runs a layout-0 recurrent function for layout 0 or 1 (batch-first X [N,T,I], states
    [N,1,H], Y [N,T,1,H], Y_h/Y_c [N,1,H])."""
    if layout == 0:
        return list(fn(X, *states))
    sw = lambda v: None if v is None else np.ascontiguousarray(np.transpose(v, (1, 0, 2)))
    outs = fn(sw(X), *[sw(v) for v in states])
    return [np.ascontiguousarray(np.transpose(outs[0], (2, 0, 1, 3)))] + [sw(v) for v in outs[1:]]


class OnnxNumpy:
    """Evaluates an ONNX graph (with If subgraphs) in numpy; env holds every value."""

    def __init__(self, model):
        self.model = model
        self.opset = {o.domain: o.version for o in model.opset_import}[""]

    def run(self, feeds):
        env = {}
        self._graph(self.model.graph, env, feeds)
        return env

    def _graph(self, g, env, feeds):
        for init in g.initializer:
            env[init.name] = numpy_helper.to_array(init)
        env.update(feeds)
        for node in g.node:
            outs = self._node(node, env)
            for name, val in zip(node.output, outs):
                if name:
                    env[name] = val
        return [env[o.name] for o in g.output]

    def _node(self, node, env):
        op, a = node.op_type, attrs(node)
        x = [env[i] if i else None for i in node.input]
        f32 = np.float32
        if op == "Constant":
            return [numpy_helper.to_array(a["value"])]
        if op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            return [np.full([int(d) for d in x[0]], v.reshape(-1)[0], dtype=v.dtype)]
        if op == "Identity":
            return [x[0]]
        if op in ("Add", "Sub", "Mul", "Div", "Pow", "Equal"):
            fn = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide,
                  "Pow": np.power, "Equal": np.equal}[op]
            if op == "Div" and np.issubdtype(x[0].dtype, np.integer):
                return [(x[0] // x[1]).astype(x[0].dtype)]
            y = fn(x[0], x[1])
            return [y if op == "Equal" else y.astype(x[0].dtype)]
        if op == "Relu":
            return [np.maximum(x[0], f32(0))]
        if op == "Sigmoid":
            return [sigmoid64(x[0]).astype(f32)]
        if op == "Tanh":
            return [np.tanh(x[0])]
        if op == "Erf":
            return [scipy.special.erf(x[0].astype(np.float64)).astype(f32)]
        if op == "Sqrt":
            return [np.sqrt(x[0])]
        if op == "HardSigmoid":
            al, be = a.get("alpha", 0.2), a.get("beta", 0.5)
            return [np.clip(x[0].astype(np.float64) * al + be, 0, 1).astype(f32)]
        if op == "HardSwish":
            v = x[0].astype(np.float64)
            return [(v * np.clip(v / 6 + 0.5, 0, 1)).astype(f32)]
        if op == "Clip":
            lo = x[1] if len(x) > 1 and x[1] is not None else a.get("min", -np.inf)
            hi = x[2] if len(x) > 2 and x[2] is not None else a.get("max", np.inf)
            return [np.clip(x[0], lo, hi).astype(x[0].dtype)]
        if op == "Softmax":
            ax = a.get("axis", -1 if self.opset >= 13 else 1)
            assert self.opset >= 13 or ax in (-1, x[0].ndim - 1)
            v = x[0].astype(np.float64)
            e = np.exp(v - v.max(axis=ax, keepdims=True))
            return [(e / e.sum(axis=ax, keepdims=True)).astype(f32)]
        if op == "MatMul":
            return [np.matmul(x[0], x[1]).astype(f32)]
        if op == "Gemm":
            A, Bm = x[0], x[1]
            if a.get("transA", 0):
                A = A.T
            if a.get("transB", 0):
                Bm = Bm.T
            y = a.get("alpha", 1.0) * (A @ Bm)
            if len(x) > 2 and x[2] is not None:
                y = y + a.get("beta", 1.0) * x[2]
            return [y.astype(f32)]
        if op == "Conv":
            k = x[1].shape[2:]
            assert s(a.get("auto_pad", "NOTSET")) == "NOTSET"
            return [np_conv(x[0], x[1], x[2] if len(x) > 2 else None, a.get("strides", [1, 1]),
                            a.get("pads", [0, 0, 0, 0]), a.get("dilations", [1, 1]), a.get("group", 1))]
        if op == "BatchNormalization":
            sc, bi, mu, var = x[1:5]
            sh = (1, -1) + (1,) * (x[0].ndim - 2)
            y = (x[0] - mu.reshape(sh)) / np.sqrt(var.reshape(sh) + a.get("epsilon", 1e-5)) \
                * sc.reshape(sh) + bi.reshape(sh)
            return [y.astype(f32)]
        if op == "LayerNormalization":
            ax = a.get("axis", -1)
            v = x[0].astype(np.float64)
            mu = v.mean(axis=ax, keepdims=True)
            var = ((v - mu) ** 2).mean(axis=ax, keepdims=True)
            y = (v - mu) / np.sqrt(var + a.get("epsilon", 1e-5)) * x[1]
            if len(x) > 2 and x[2] is not None:
                y = y + x[2]
            return [y.astype(f32)]
        if op == "GlobalAveragePool":
            return [x[0].astype(np.float64).mean(axis=tuple(range(2, x[0].ndim)), keepdims=True).astype(f32)]
        if op == "ReduceMean":
            axes = a.get("axes", None)
            if axes is None and len(x) > 1 and x[1] is not None:
                axes = x[1].tolist()
            axes = tuple(range(x[0].ndim)) if axes is None else tuple(axes)
            return [x[0].astype(np.float64).mean(axis=axes, keepdims=bool(a.get("keepdims", 1))).astype(f32)]
        if op == "Flatten":
            ax = a.get("axis", 1)
            return [x[0].reshape(int(np.prod(x[0].shape[:ax])), -1)]
        if op == "Shape":
            assert "start" not in a and "end" not in a
            return [np.array(x[0].shape, dtype=np.int64)]
        if op == "Gather":
            return [np.take(x[0], x[1], axis=a.get("axis", 0))]
        if op in ("Unsqueeze", "Squeeze"):
            axes = a.get("axes", None)
            if axes is None and len(x) > 1 and x[1] is not None:
                axes = x[1].tolist()
            if op == "Squeeze":
                if axes is None:
                    return [np.squeeze(x[0])]
                return [np.squeeze(x[0], axis=tuple(ax % x[0].ndim for ax in axes))]
            y = x[0]
            nd = y.ndim + len(axes)
            for ax in sorted(ax % nd for ax in axes):
                y = np.expand_dims(y, ax)
            return [y]
        if op == "Concat":
            return [np.concatenate(x, axis=a["axis"])]
        if op == "Reshape":
            shape = [int(v) for v in x[1]]
            if not a.get("allowzero", 0):
                shape = [x[0].shape[i] if v == 0 else v for i, v in enumerate(shape)]
            return [x[0].reshape(shape)]
        if op == "Transpose":
            return [np.transpose(x[0], a.get("perm", None))]
        if op == "Cast":
            to = helper.tensor_dtype_to_np_dtype(a["to"]) if hasattr(helper, "tensor_dtype_to_np_dtype") \
                else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]]
            return [x[0].astype(to)]
        if op == "Slice":
            if self.opset >= 10:
                starts, ends = x[1].tolist(), x[2].tolist()
                axes = x[3].tolist() if len(x) > 3 and x[3] is not None else list(range(len(starts)))
                steps = x[4].tolist() if len(x) > 4 and x[4] is not None else [1] * len(starts)
            else:
                starts, ends = a["starts"], a["ends"]
                axes = a.get("axes", list(range(len(starts))))
                steps = [1] * len(starts)
            sl = [slice(None)] * x[0].ndim
            for st, en, ax, sp in zip(starts, ends, axes, steps):
                sl[ax] = slice(st, en, sp)
            return [x[0][tuple(sl)]]
        if op == "LSTM":
            assert s(a.get("direction", "forward")) == "forward" and a.get("layout", 0) in (0, 1)
            assert "activations" not in a and "clip" not in a and a.get("input_forget", 0) == 0
            assert len(x) < 5 or x[4] is None, "sequence_lens not supported"
            assert len(x) < 8 or x[7] is None, "peepholes not supported"
            X, W, R = x[0], x[1], x[2]
            B = x[3] if len(x) > 3 else None
            h0 = x[5] if len(x) > 5 else None
            c0 = x[6] if len(x) > 6 else None
            return recurrent_layout(lambda X_, h_, c_: onnx_lstm(X_, W, R, B, h_, c_, a["hidden_size"]),
                                    a.get("layout", 0), X, [h0, c0])
        if op in ("GRU", "RNN"):
            assert s(a.get("direction", "forward")) == "forward" and a.get("layout", 0) in (0, 1)
            assert "activations" not in a and "clip" not in a
            assert len(x) < 5 or x[4] is None, "sequence_lens not supported"
            X, W, R = x[0], x[1], x[2]
            B = x[3] if len(x) > 3 else None
            h0 = x[5] if len(x) > 5 else None
            if op == "GRU":
                fn = lambda X_, h_: onnx_gru(X_, W, R, B, h_, a["hidden_size"], a.get("linear_before_reset", 0))
            else:
                fn = lambda X_, h_: onnx_rnn(X_, W, R, B, h_, a["hidden_size"])
            return recurrent_layout(fn, a.get("layout", 0), X, [h0])
        if op == "If":
            branch = a["then_branch"] if bool(x[0]) else a["else_branch"]
            sub = dict(env)
            outs = self._graph(branch, sub, {})
            env.update({k: v for k, v in sub.items() if k not in env})   # branch values, for checks
            return outs
        raise ValueError(f"unsupported op {op} ({node.name})")


# ----------------------------------------------------------------------------
# torch helpers
# ----------------------------------------------------------------------------
def export(model, args, path, input_names, output_names, opset, dynamic=True):
    model.eval()
    kw = {}
    if dynamic:
        kw["dynamic_axes"] = {n: {0: "batch"} for n in list(input_names) + list(output_names)}
    buf = io.BytesIO()
    torch.onnx.export(model, args, buf, opset_version=opset, input_names=list(input_names),
                      output_names=list(output_names), **kw)
    write_bytes(path, buf.getvalue())
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def capture(model, args, paths, grad=False):
    """Runs model in eval mode; returns (output, {module path: module output}).
    grad=True runs with autograd on, which keeps nn.TransformerEncoderLayer off its fused
    inference fast path (torch._transformer_encoder_layer_fwd), so the submodule hooks fire
    and the computation is the one torch.onnx.export traced."""
    outs, hooks = {}, []
    for p in paths:
        def hook(mod, inp, out, p=p):
            outs[p] = out
        hooks.append(model.get_submodule(p).register_forward_hook(hook))
    model.eval()
    with (torch.enable_grad() if grad else torch.no_grad()):
        y = model(*args)
    for h in hooks:
        h.remove()
    return y, outs


def train(model, inputs, y, epochs, lr, loss="ce", wd=0.0):
    """Adam, batch 64, shuffled by a generator seeded with SEED, on the first N_TRAIN."""
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd)
    gen = torch.Generator().manual_seed(SEED)
    hist = []
    for ep in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(N_TRAIN, generator=gen)
        total = 0.0
        for i in range(0, N_TRAIN, BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            out = model(inputs[idx])
            if loss == "bce":
                l = F.binary_cross_entropy_with_logits(out[:, 0], y[idx].float())
            else:
                l = F.cross_entropy(out, y[idx])
            l.backward()
            opt.step()
            total += l.item() * len(idx)
        hist.append(round(total / N_TRAIN, 6))
        print(f"    epoch {ep:2d} loss {total / N_TRAIN:.4f}", flush=True)
    model.eval()
    return hist


def correct_of(out, y):
    out = np.asarray(out)
    pred = (out[:, 0] > 0.5).astype(np.int64) if out.shape[1] == 1 else out.argmax(1)
    return pred == y


NEAR_TIE = 1e-4          # a decision within this of flipping is a near tie (models.json `nearTies`)


def margins_of(out, head="argmax"):
    """Per-sample distance of the decision from flipping, from a float32 output [N,C]:
    argmax: top-1 minus top-2 logit; sigmoid: |prob - 0.5|; logit: |logit| (float64 of float32)."""
    out = np.asarray(out).astype(np.float64)
    if head == "sigmoid":
        return np.abs(out[:, 0] - 0.5)
    if head == "logit":
        return np.abs(out[:, 0])
    top2 = np.sort(out, axis=1)[:, -2:]
    return top2[:, 1] - top2[:, 0]


def ties_of(out, head="argmax", source="torch"):
    m = margins_of(out, head)
    rule = {"argmax": "top-1 minus top-2 logit", "sigmoid": "|prob - 0.5|", "logit": "|logit|"}[head]
    return {"nearTies": int((m < NEAR_TIE).sum()), "minMargin": float(m.min()),
            "margin": f"{rule} of the {source} float32 output; nearTies counts margins < {NEAR_TIE:g}"}


def acc_block(ok, ties):
    d = {"correct": int(ok.sum()), "n": int(len(ok)), "accuracy": round(float(ok.mean()), 4),
         "trainCorrect": int(ok[:N_TRAIN].sum()), "heldOutCorrect": int(ok[N_TRAIN:].sum()),
         "heldOutN": int(len(ok) - N_TRAIN), "heldOutAccuracy": round(float(ok[N_TRAIN:].mean()), 4)}
    d.update(ties)
    return d


def np32(t):
    return t.detach().numpy().astype(np.float32)


def io_spec(m):
    def one(v):
        tt = v.type.tensor_type
        return {"name": v.name, "dtype": TensorProto.DataType.Name(tt.elem_type).lower(),
                "shape": [d.dim_param or d.dim_value for d in tt.shape.dim]}
    return [one(v) for v in m.graph.input], [one(v) for v in m.graph.output]


def ops_of(m):
    ops = {}
    for nd in m.graph.node:
        ops[nd.op_type] = ops.get(nd.op_type, 0) + 1
    return dict(sorted(ops.items()))


def module_nodes(m, path):
    """Nodes the exporter scoped under module `path`: "a.b" -> "/a/b/..."; a numbered child of a
    Sequential gets the scope "<sequential>.<i>": "blocks.0.act1" -> "/blocks/blocks.0/act1/..."."""
    segs = []
    for part in path.split("."):
        segs.append(segs[-1] + "." + part if part.isdigit() and segs else part)
    pre = "/" + "/".join(segs) + "/"
    return [nd for nd in m.graph.node if nd.name.startswith(pre) and nd.op_type != "Constant"]


def last_value(m, path):
    nds = module_nodes(m, path)
    assert nds, path
    return nds[-1]


def consumers(m, value):
    return [nd for nd in m.graph.node if value in nd.input]


def layer_entry(m, key, value, ref, nodes, env, extra=None, shape=None):
    """A models.json entry for reference key `key` = ONNX value `value`, checked against env."""
    diff = float(np.abs(env[value].astype(np.float64) - ref.astype(np.float64)).max())
    print(f"    max |diff| {'':20s} {key + ' = ' + value + ': vs torch':58s} {diff:.3g}", flush=True)
    assert diff < TOL, (key, value, diff)
    e = {"referenceKey": key, "value": value, "shape": shape or ["N"] + list(ref.shape[1:]),
         "nodes": [{"name": nd.name, "op": nd.op_type, "outputs": list(nd.output)} for nd in nodes],
         "maxAbsDiffNumpyVsTorch": diff}
    if extra:
        e.update(extra)
    return e


class Ctx:
    def __init__(self, out):
        self.out = out
        self.info = {}
        self.diffs = []

    def P(self, name):
        return os.path.join(self.out, name)

    def report(self, model, what, diff):
        print(f"    max |diff| {model:20s} {what:58s} {diff:.3g}", flush=True)
        self.diffs.append((model, what, diff))
        assert diff < TOL, (model, what, diff)


def check_outputs(ctx, name, m, feeds, torch_out, out_name):
    env = OnnxNumpy(m).run(feeds)
    d = float(np.abs(env[out_name] - torch_out).max())
    ctx.report(name, f"{out_name}: numpy(onnx) vs torch", d)
    return env, d


# ----------------------------------------------------------------------------
# 1. binary MLP with a sigmoid head
# ----------------------------------------------------------------------------
class BinaryMLP(nn.Module):
    def __init__(self, sigmoid):
        super().__init__()
        self.fc1 = nn.Linear(784, 32)
        self.act1 = nn.ReLU()
        self.fc2 = nn.Linear(32, 16)
        self.act2 = nn.ReLU()
        self.fc3 = nn.Linear(16, 1)
        if sigmoid:
            self.sigmoid = nn.Sigmoid()
        self.with_sigmoid = sigmoid

    def forward(self, x):
        z = self.fc3(self.act2(self.fc2(self.act1(self.fc1(x)))))
        return self.sigmoid(z) if self.with_sigmoid else z


def make_binary(ctx, x, y):
    print("binary (even vs odd) MLP 784-32-16-1", flush=True)
    yb = (y % 2 == 0).astype(np.int64)      # 1 = even digit
    savez(ctx.P("binary.npz"), x=x, y=yb)
    X, Y = torch.from_numpy(x), torch.from_numpy(yb)
    torch.manual_seed(SEED)
    logit = BinaryMLP(False)
    hist = train(logit, X, Y, epochs=12, lr=2e-3, loss="bce")
    prob = BinaryMLP(True)
    prob.load_state_dict(logit.state_dict())
    keys = ["act1", "act2", "fc3"]
    xr = x[:N_REF]
    for model, fname, out_name in ((prob, "binary-sigmoid", "prob"), (logit, "binary-logit", "logit")):
        m = export(model, (X[:2],), ctx.P(fname + ".onnx"), ["input"], [out_name], 13)
        out_all, _ = capture(model, (X,), [])
        ok = correct_of(np32(out_all) if out_name == "prob" else np32(torch.sigmoid(out_all)), yb)
        out, acts = capture(model, (torch.from_numpy(xr),), keys)
        env, d = check_outputs(ctx, fname, m, {"input": xr}, np32(out), out_name)
        env_all = OnnxNumpy(m).run({"input": x})
        np_out = env_all[out_name] if out_name == "prob" else sigmoid64(env_all[out_name])
        ok_np = correct_of(np_out, yb)
        assert (ok_np == ok).all()
        ref = {k: np32(v) for k, v in acts.items()}
        layers = [layer_entry(m, "act1", "/act1/Relu_output_0", ref["act1"], module_nodes(m, "act1"), env),
                  layer_entry(m, "act2", "/act2/Relu_output_0", ref["act2"], module_nodes(m, "act2"), env)]
        fc3 = last_value(m, "fc3").output[0]
        layers.append(layer_entry(m, "fc3", fc3, ref["fc3"], module_nodes(m, "fc3"), env,
                                  {"note": "pre-sigmoid logit (the Gemm of fc3)"}))
        if out_name == "prob":
            sig = module_nodes(m, "sigmoid")
            assert [n.op_type for n in sig] == ["Sigmoid"] and sig[0].output[0] == "prob"
            layers.append(layer_entry(m, "prob", "prob", np32(out), sig, env,
                                      {"note": "the graph output is the Sigmoid node's output"}))
        savez(ctx.P(fname + "-reference.npz"), input=xr, y=yb[:N_REF], **{out_name: np32(out)},
              logits=np32(out), **ref)
        ins, outs = io_spec(m)
        ctx.info[fname + ".onnx"] = {
            "what": "MNIST even (1) vs odd (0) digit MLP 784-32-16-1, ReLU" +
                    (", final nn.Sigmoid: output is a probability" if out_name == "prob"
                     else "; same weights as binary-sigmoid.onnx without the Sigmoid: output is the logit"),
            "opset": 13, "data": "binary.npz", "reference": fname + "-reference.npz",
            "inputs": ins, "outputs": outs, "positiveClass": "even digit (y = 1)",
            "decision": "prob > 0.5" if out_name == "prob" else "logit > 0",
            "accuracy": acc_block(ok, ties_of(np32(out_all), "sigmoid" if out_name == "prob" else "logit")),
            "trainLoss": hist, "ops": ops_of(m), "layers": layers, "maxAbsDiffOutput": d}


# ----------------------------------------------------------------------------
# 2. transformer encoder over integer tokens
# ----------------------------------------------------------------------------
def tokens_of(x):
    small = x.reshape(-1, 7, 4, 7, 4).mean(axis=(2, 4), dtype=np.float64)      # 4x4 block means
    return np.minimum(np.floor(small * 16), 15).astype(np.int64).reshape(-1, 49)


class TokenTransformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(16, 32)
        self.pos = nn.Parameter(torch.randn(1, 49, 32))
        self.encoder = nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64,
                                                  activation="gelu", batch_first=True, dropout=0.0)
        self.head = nn.Linear(32, 10)

    def forward(self, tokens):
        h = self.encoder(self.embed(tokens) + self.pos)
        return self.head(h.mean(dim=1))


def make_transformer(ctx, x, y):
    print("transformer over 7x7 tokens", flush=True)
    tok = tokens_of(x)
    savez(ctx.P("tokens.npz"), tokens=tok, y=y)
    T, Y = torch.from_numpy(tok), torch.from_numpy(y)
    torch.manual_seed(SEED)
    model = TokenTransformer()
    hist = train(model, T, Y, epochs=12, lr=1e-2)
    fname = "transformer-tokens"
    m = export(model, (T[:2],), ctx.P(fname + ".onnx"), ["tokens"], ["logits"], 17)
    out_all, _ = capture(model, (T,), [], grad=True)
    ok = correct_of(np32(out_all), y)
    tr = tok[:N_REF]
    l2_in = {}
    hk = model.encoder.linear2.register_forward_pre_hook(lambda mod, inp: l2_in.__setitem__("v", inp[0]))
    out, acts = capture(model, (torch.from_numpy(tr),), ["encoder", "encoder.linear1", "encoder.norm1"],
                        grad=True)
    hk.remove()
    gelu = F.gelu(acts["encoder.linear1"])          # exact (erf) GELU, as TransformerEncoderLayer calls it
    assert torch.equal(gelu, l2_in["v"])
    ref = {"encoder": np32(acts["encoder"]), "encoder.linear1": np32(acts["encoder.linear1"]),
           "encoder.gelu": np32(gelu), "encoder.norm1": np32(acts["encoder.norm1"])}
    env, d = check_outputs(ctx, fname, m, {"tokens": tr}, np32(out), "logits")
    ok_np = correct_of(OnnxNumpy(m).run({"tokens": tok})["logits"], y)
    assert (ok_np == ok).all()
    # the functional GELU: Erf inside /encoder/, then Add(+1), Mul(x *), Mul(* 0.5)
    erfs = [nd for nd in m.graph.node if nd.op_type == "Erf"]
    assert len(erfs) == 1 and erfs[0].name.startswith("/encoder/")
    lin1 = last_value(m, "encoder.linear1").output[0]
    div = [nd for nd in m.graph.node if nd.output[0] == erfs[0].input[0]][0]
    assert div.op_type == "Div" and div.input[0] == lin1
    add = consumers(m, erfs[0].output[0])[0]
    mul = consumers(m, add.output[0])[0]
    mul2 = consumers(m, mul.output[0])[0]
    assert (add.op_type, mul.op_type, mul2.op_type) == ("Add", "Mul", "Mul") and lin1 in mul.input
    gelu_nodes = [div, erfs[0], add, mul, mul2]
    assert consumers(m, mul2.output[0])[0].name.startswith("/encoder/linear2/")
    enc_out = last_value(m, "encoder")
    assert enc_out.op_type == "LayerNormalization" and enc_out.name == "/encoder/norm2/LayerNormalization"
    layers = [
        layer_entry(m, "encoder.gelu", mul2.output[0], ref["encoder.gelu"], gelu_nodes, env,
                    {"note": "exact-erf GELU called functionally inside nn.TransformerEncoderLayer "
                             "(no GELU module): Div(x, sqrt 2) -> Erf -> Add(1) -> Mul(x) -> Mul(0.5); "
                             "its input is the linear1 output, its consumer /encoder/linear2/MatMul"}),
        layer_entry(m, "encoder.linear1", lin1, ref["encoder.linear1"], module_nodes(m, "encoder.linear1"), env,
                    {"note": "GELU pre-activation"}),
        layer_entry(m, "encoder.norm1", last_value(m, "encoder.norm1").output[0], ref["encoder.norm1"],
                    module_nodes(m, "encoder.norm1"), env),
        layer_entry(m, "encoder", enc_out.output[0], ref["encoder"], [enc_out], env,
                    {"note": "encoder layer output (post-norm: norm2 is its last node)"}),
    ]
    savez(ctx.P(fname + "-reference.npz"), tokens=tr, y=y[:N_REF], logits=np32(out), **ref)
    ins, outs = io_spec(m)
    ctx.info[fname + ".onnx"] = {
        "what": "tokens = 7x7 4x4-block means of the digit quantised to 16 levels (int64); "
                "Embedding(16,32) + learned positions, one TransformerEncoderLayer(d_model 32, 4 heads, "
                "ff 64, gelu, batch_first, post-norm, dropout 0), mean over tokens, Linear(32,10)",
        "opset": 17, "data": "tokens.npz", "reference": fname + "-reference.npz",
        "inputs": ins, "outputs": outs, "accuracy": acc_block(ok, ties_of(np32(out_all))), "trainLoss": hist,
        "ops": ops_of(m), "layers": layers, "maxAbsDiffOutput": d}


# ----------------------------------------------------------------------------
# 3. LSTM over the rows of a digit
# ----------------------------------------------------------------------------
class RowLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=28, hidden_size=32, batch_first=True)
        self.head = nn.Linear(32, 10)

    def forward(self, rows):
        seq, _ = self.lstm(rows)
        return self.head(seq[:, -1])


def make_lstm(ctx, x, y):
    print("LSTM over rows", flush=True)
    rows = x.reshape(-1, 28, 28)
    savez(ctx.P("rows.npz"), rows=rows, y=y)
    R, Y = torch.from_numpy(rows), torch.from_numpy(y)
    torch.manual_seed(SEED)
    model = RowLSTM()
    hist = train(model, R, Y, epochs=12, lr=5e-3)
    fname = "lstm-rows"
    m = export(model, (R[:2],), ctx.P(fname + ".onnx"), ["rows"], ["logits"], 13)
    out_all, _ = capture(model, (R,), [])
    ok = correct_of(np32(out_all), y)
    rr = rows[:N_REF]
    out, acts = capture(model, (torch.from_numpy(rr),), ["lstm"])
    seq, (h_n, c_n) = acts["lstm"]
    ref = {"lstm": np32(seq), "lstm.h_n": np32(h_n), "lstm.c_n": np32(c_n)}
    env, d = check_outputs(ctx, fname, m, {"rows": rr}, np32(out), "logits")
    ok_np = correct_of(OnnxNumpy(m).run({"rows": rows})["logits"], y)
    assert (ok_np == ok).all()
    lstm_nodes = [nd for nd in m.graph.node if nd.op_type == "LSTM"]
    assert len(lstm_nodes) == 1
    ln = lstm_nodes[0]
    ynode = ln.output[0]
    Yv = env[ynode]
    assert Yv.shape == (28, 1, N_REF, 32), Yv.shape
    # follow Y through the exporter's Squeeze/Transpose back to batch-first [N,28,32]
    chain, v = [], ynode
    while True:
        cs = [c for c in consumers(m, v) if c.op_type in ("Squeeze", "Transpose", "Reshape")]
        if not cs:
            break
        chain.append(cs[0])
        v = cs[0].output[0]
        if env[v].shape == (N_REF, 28, 32):
            break
    assert env[v].shape == (N_REF, 28, 32), [c.name for c in chain]
    w_init = {i.name: i for i in m.graph.initializer}
    layers = [
        layer_entry(m, "lstm", v, ref["lstm"], [ln] + chain, env,
                    {"note": f"ONNX LSTM Y `{ynode}` is [T=28, num_directions=1, N, 32] (layout 0, "
                             f"sequence axis first, batch axis 2); "
                             + " -> ".join(f"{c.op_type} `{c.name}`" for c in chain)
                             + f" turn it into torch's batch-first [N,28,32] `{v}`",
                     "lstmNode": ln.name, "lstmY": {"value": ynode, "shape": [28, 1, "N", 32]},
                     "lstmInputs": list(ln.input),
                     "torchGateOrder": "i,f,g,o (exporter reorders the weights to ONNX i,o,f,c)"}),
        layer_entry(m, "lstm.h_n", ln.output[1], ref["lstm.h_n"], [ln], env,
                    {"note": "Y_h [1, N, 32] (num_directions first, batch SECOND)"}, shape=[1, "N", 32]),
        layer_entry(m, "lstm.c_n", ln.output[2], ref["lstm.c_n"], [ln], env,
                    {"note": "Y_c [1, N, 32]; not consumed by the graph (the value exists but is no graph output)"},
                    shape=[1, "N", 32]),
    ]
    # the LSTM's input is the rows transposed to sequence-first
    xin = [nd for nd in m.graph.node if ln.input[0] in nd.output][0]
    savez(ctx.P(fname + "-reference.npz"), rows=rr, y=y[:N_REF], logits=np32(out), **ref)
    ins, outs = io_spec(m)
    ctx.info[fname + ".onnx"] = {
        "what": "nn.LSTM(28, 32, batch_first=True) over the 28 rows of a digit, Linear(32,10) on the last step",
        "opset": 13, "data": "rows.npz", "reference": fname + "-reference.npz",
        "inputs": ins, "outputs": outs, "accuracy": acc_block(ok, ties_of(np32(out_all))), "trainLoss": hist,
        "ops": ops_of(m), "lstmInputTranspose": {"node": xin.name, "op": xin.op_type, "output": xin.output[0],
                               "shape": [28, "N", 28]},
        "layers": layers, "maxAbsDiffOutput": d}


# ----------------------------------------------------------------------------
# 4. small ResNet
# ----------------------------------------------------------------------------
class Stem(nn.Module):
    def __init__(self, cin, cout, stride, act):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.act = act()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        self.relu2 = nn.ReLU()

    def forward(self, x):
        skip = x if self.down is None else self.down(x)
        return self.relu2(self.bn2(self.conv2(self.relu1(self.bn1(self.conv1(x))))) + skip)


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = Stem(1, 8, 1, nn.ReLU)
        self.block1 = BasicBlock(8, 8, 1)
        self.block2 = BasicBlock(8, 16, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.block2(self.block1(self.stem(x)))), 1))


def act_paths(model, types):
    return [n for n, mod in model.named_modules() if isinstance(mod, types)]


def conv_model(ctx, fname, model, images, y, opset, what, epochs, lr, extra_files=()):
    X, Y = torch.from_numpy(images), torch.from_numpy(y)
    hist = train(model, X, Y, epochs=epochs, lr=lr) if epochs else None
    m = export(model, (X[:2],), ctx.P(fname + ".onnx"), ["input"], ["logits"], opset)
    with torch.no_grad():
        out_all = torch.cat([model(X[i:i + 500]) for i in range(0, len(X), 500)])
    ok = correct_of(np32(out_all), y)
    ties = ties_of(np32(out_all))
    paths = act_paths(model, (nn.ReLU, nn.Hardswish, nn.Hardsigmoid))
    xr = images[:N_REF]
    out, acts = capture(model, (torch.from_numpy(xr),), paths)
    ref = {p: np32(acts[p]) for p in paths}
    env, d = check_outputs(ctx, fname, m, {"input": xr}, np32(out), "logits")
    layers = []
    for p in paths:
        nds = module_nodes(m, p)
        e = layer_entry(m, p, nds[-1].output[0], ref[p], nds, env,
                        {"module": type(model.get_submodule(p)).__name__,
                         "opTypes": [nd.op_type for nd in nds]})
        if p.endswith(".gate"):
            mul = [c for c in consumers(m, nds[-1].output[0]) if c.op_type == "Mul"]
            assert len(mul) == 1
            e["seMultiply"] = {"name": mul[0].name, "output": mul[0].output[0],
                               "note": "feature map x gate ([N,C,H,W] * [N,C,1,1])"}
        layers.append(e)
    return m, ok, ties, hist, out, ref, env, d, layers


def make_resnet(ctx, images, y):
    print("resnet-blocks", flush=True)
    torch.manual_seed(SEED)
    model = ResNet()
    fname = "resnet-blocks"
    m, ok, ties, hist, out, ref, env, d, layers = conv_model(
        ctx, fname, model, images, y, 13, "", epochs=6, lr=1e-2)
    ok_np = correct_of(OnnxNumpy(m).run({"input": images})["logits"], y)
    assert (ok_np == ok).all()
    adds = [nd for nd in m.graph.node if nd.op_type == "Add"]
    savez(ctx.P(fname + "-reference.npz"), input=images[:N_REF], y=y[:N_REF], logits=np32(out), **ref)
    ins, outs = io_spec(m)
    ctx.info[fname + ".onnx"] = {
        "what": "stem conv3x3(1->8)+BN+ReLU, BasicBlock(8->8), BasicBlock(8->16, stride 2, 1x1 conv+BN "
                "downsample on the skip), ReLU after each residual add, global average pool, Linear(16,10); "
                "exported in eval mode (the exporter folds every BatchNorm into its Conv)",
        "opset": 13, "data": "images.npz", "reference": fname + "-reference.npz",
        "inputs": ins, "outputs": outs, "accuracy": acc_block(ok, ties), "trainLoss": hist, "ops": ops_of(m),
        "residualAdds": [{"name": a.name, "inputs": list(a.input), "output": a.output[0]} for a in adds],
        "layers": layers, "maxAbsDiffOutput": d}


# ----------------------------------------------------------------------------
# 5./6. MobileNetV3-style
# ----------------------------------------------------------------------------
def make_div(v, d=8):
    n = max(d, int(v + d / 2) // d * d)
    return n + d if n < 0.9 * v else n


class SqueezeExcite(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(c, r, 1)
        self.relu = nn.ReLU()
        self.fc2 = nn.Conv2d(r, c, 1)
        self.gate = nn.Hardsigmoid()

    def forward(self, x):
        return x * self.gate(self.fc2(self.relu(self.fc1(self.pool(x)))))


class InvertedResidual(nn.Module):
    def __init__(self, cin, exp, cout, k, stride, se, act):
        super().__init__()
        A = nn.Hardswish if act == "hs" else nn.ReLU
        self.expand = nn.Conv2d(cin, exp, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(exp)
        self.act1 = A()
        self.dw = nn.Conv2d(exp, exp, k, stride, k // 2, groups=exp, bias=False)
        self.bn2 = nn.BatchNorm2d(exp)
        self.act2 = A()
        self.se = SqueezeExcite(exp, make_div(exp // 4)) if se else None
        self.project = nn.Conv2d(exp, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        h = self.act2(self.bn2(self.dw(self.act1(self.bn1(self.expand(x))))))
        if self.se is not None:
            h = self.se(h)
        h = self.bn3(self.project(h))
        return x + h if self.residual else h


class LastConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.act = nn.Hardswish()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class MobileNetV3(nn.Module):
    def __init__(self, cin, stem, cfg, last, classes):
        super().__init__()
        self.stem = Stem(cin, stem, 2, nn.Hardswish)
        blocks, c = [], stem
        for k, exp, cout, se, act, stride in cfg:
            blocks.append(InvertedResidual(c, exp, cout, k, stride, se, act))
            c = cout
        self.blocks = nn.Sequential(*blocks)
        self.last = LastConv(c, last)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(last, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.last(self.blocks(self.stem(x)))), 1))


def hardswish_summary(m, layers):
    out = []
    for e in layers:
        if e["module"] in ("Hardswish", "Hardsigmoid"):
            out.append({"module": e["referenceKey"], "kind": e["module"],
                        "nodes": [(n["name"], n["op"]) for n in e["nodes"]], "value": e["value"]})
    return out


def make_mobilenet(ctx, images, y):
    print("mobilenetv3-blocks", flush=True)
    torch.manual_seed(SEED)
    cfg = [(3, 32, 16, True, "relu", 1), (3, 48, 24, True, "hs", 2)]
    model = MobileNetV3(1, 16, cfg, 64, 10)
    fname = "mobilenetv3-blocks"
    m, ok, ties, hist, out, ref, env, d, layers = conv_model(
        ctx, fname, model, images, y, 11, "", epochs=8, lr=5e-3)
    ok_np = correct_of(OnnxNumpy(m).run({"input": images})["logits"], y)
    assert (ok_np == ok).all()
    hs_ops = sorted({nd.op_type for e in layers if e["module"] == "Hardswish" for nd in
                     module_nodes(m, e["referenceKey"])})
    assert "HardSwish" not in ops_of(m), ops_of(m)
    savez(ctx.P(fname + "-reference.npz"), input=images[:N_REF], y=y[:N_REF], logits=np32(out), **ref)
    ins, outs = io_spec(m)
    ctx.info[fname + ".onnx"] = {
        "what": "MobileNetV3-style: stem conv3x3 s2 (1->16)+BN+Hardswish; InvertedResidual(16, exp 32, 16, "
                "3x3 depthwise, SE, ReLU, residual); InvertedResidual(16, exp 48, 24, 3x3 depthwise s2, SE, "
                "Hardswish); 1x1 conv 24->64+BN+Hardswish; global average pool; Linear(64,10). SE = "
                "AdaptiveAvgPool -> 1x1 conv -> ReLU -> 1x1 conv -> Hardsigmoid -> Mul with the map",
        "opset": 11, "data": "images.npz", "reference": fname + "-reference.npz",
        "inputs": ins, "outputs": outs, "accuracy": acc_block(ok, ties), "trainLoss": hist, "ops": ops_of(m),
        "hardswishOps": hs_ops, "hardswish": hardswish_summary(m, layers),
        "layers": layers, "maxAbsDiffOutput": d}


def text_lines(x, n, rng):
    """n 48x192 'text lines' of 6 random digits, dark on light, (v-0.5)/0.5 normalised, 3 channels;
    label 1 = the line is rotated by 180 degrees (a text-direction classifier's task)."""
    idx = rng.integers(0, len(x), size=(n, 6))
    flip = rng.integers(0, 2, size=n).astype(np.int64)
    img = np.zeros((n, 48, 192), dtype=np.float32)
    for i in range(n):
        for j in range(6):
            img[i, 10:38, j * 32 + 2:j * 32 + 30] = x[idx[i, j]].reshape(28, 28)
        if flip[i]:
            img[i] = img[i, ::-1, ::-1]
    img = (1.0 - img) * 2.0 - 1.0
    img = np.repeat(img[:, None], 3, axis=1).astype(np.float32)
    return np.ascontiguousarray(img), flip


def make_wide(ctx, x, wide_out):
    print("mobilenetv3-wide (random weights)", flush=True)
    rng = np.random.default_rng(SEED + 6)
    imgs, lab = text_lines(x, 256, rng)
    savez(ctx.P("wide.npz"), input=imgs, y=lab)
    # MobileNetV3-small at scale 0.35, as in a text-direction classifier
    sc = 0.35
    small = [(3, 16, 16, True, "relu", 2), (3, 72, 24, False, "relu", 2), (3, 88, 24, False, "relu", 1),
             (5, 96, 40, True, "hs", 2), (5, 240, 40, True, "hs", 1), (5, 240, 40, True, "hs", 1),
             (5, 120, 48, True, "hs", 1), (5, 144, 48, True, "hs", 1), (5, 288, 96, True, "hs", 2),
             (5, 576, 96, True, "hs", 1), (5, 576, 96, True, "hs", 1)]
    cfg = [(k, make_div(e * sc), make_div(c * sc), se, a, st) for k, e, c, se, a, st in small]
    torch.manual_seed(SEED + 6)
    model = MobileNetV3(3, make_div(16 * sc), cfg, make_div(576 * sc), 2)
    # random weights; BatchNorm statistics calibrated on the 256 images (no training)
    for mod in model.modules():
        if isinstance(mod, nn.BatchNorm2d):
            mod.momentum = None
            nn.init.uniform_(mod.weight, 0.5, 1.5)
            nn.init.uniform_(mod.bias, -0.2, 0.2)
    model.train()
    with torch.no_grad():
        for i in range(0, 256, 64):
            model(torch.from_numpy(imgs[i:i + 64]))
    model.eval()
    fname = "mobilenetv3-wide"
    path = wide_out or ctx.P(fname + ".onnx")
    m = export(model, (torch.from_numpy(imgs[:2]),), path, ["input"], ["logits"], 11)
    with torch.no_grad():
        out_all = torch.cat([model(torch.from_numpy(imgs[i:i + 64])) for i in range(0, 256, 64)])
    ok = correct_of(np32(out_all), lab)
    paths = act_paths(model, (nn.ReLU, nn.Hardswish, nn.Hardsigmoid))
    xr = imgs[:N_REF]
    out, acts = capture(model, (torch.from_numpy(xr),), paths)
    env, d = check_outputs(ctx, fname, m, {"input": xr}, np32(out), "logits")
    ref, layers, channels = {}, [], 0
    for p in paths:
        nds = module_nodes(m, p)
        a = np32(acts[p])
        v = nds[-1].output[0]
        diff = float(np.abs(env[v] - a).max())
        assert diff < TOL, (p, diff)
        ref[p] = a.astype(np.float64).mean(axis=(2, 3))       # channel means, like `reduce: mean`
        channels += a.shape[1]
        layers.append({"referenceKey": p, "value": v, "module": type(model.get_submodule(p)).__name__,
                       "shape": ["N"] + list(a.shape[1:]), "opTypes": [nd.op_type for nd in nds],
                       "nodes": [nd.name for nd in nds], "maxAbsDiffNumpyVsTorch": diff})
    print(f"    max |diff| {fname:20s} {'all %d activation layers: numpy(onnx) vs torch' % len(paths):58s} "
          f"{max(e['maxAbsDiffNumpyVsTorch'] for e in layers):.3g}", flush=True)
    last = paths[-1]
    savez(ctx.P(fname + "-reference.npz"), input=xr, y=lab[:N_REF], logits=np32(out), **ref,
          **{last + ".full": np32(acts[last])})
    ins, outs = io_spec(m)
    ctx.info[fname + ".onnx"] = {
        "what": "MobileNetV3-small x0.35 layout (stem 8, 11 inverted-residual blocks, 9 with SE, last 1x1 conv "
                "to 200, Linear(200,2)) with RANDOM weights (torch seed 6; BatchNorm affine uniform, statistics "
                "calibrated on wide.npz in train mode, no training) for memory/time measurements",
        "opset": 11, "data": "wide.npz", "reference": fname + "-reference.npz",
        "file": os.path.relpath(path, ctx.out) if wide_out is None else path,
        "inputs": ins, "outputs": outs, "accuracy": acc_block_any(ok, ties_of(np32(out_all))), "ops": ops_of(m),
        "activationLayers": len(paths), "activationChannels": channels,
        "activationLayerKinds": {k: sum(1 for e in layers if e["module"] == k)
                                 for k in ("ReLU", "Hardswish", "Hardsigmoid")},
        "referenceNote": "reference keys hold the float64 mean over H,W per channel [16,C] (full maps would "
                         "be ~7 MB); `" + last + ".full` is the last layer's full output",
        "layers": layers, "maxAbsDiffOutput": d}


def acc_block_any(ok, ties):
    d = {"correct": int(ok.sum()), "n": int(len(ok)), "accuracy": round(float(ok.mean()), 4),
         "note": "random weights: chance level"}
    d.update(ties)
    return d


# ----------------------------------------------------------------------------
# 7. silero-VAD-like control flow, written with onnx.helper
# ----------------------------------------------------------------------------
SIL_OPSET = 16
SIL_H = 16


def silero_weights(rng):
    H = SIL_H
    return {
        "fc1.weight": (rng.standard_normal((64, 32)) / 8).astype(np.float32),
        "fc1.bias": (rng.standard_normal(32) * 0.1).astype(np.float32),
        "lstm.W": (rng.standard_normal((1, 4 * H, 32)) / math.sqrt(32)).astype(np.float32),
        "lstm.R": (rng.standard_normal((1, 4 * H, H)) / math.sqrt(H)).astype(np.float32),
        "lstm.B": (rng.standard_normal((1, 8 * H)) * 0.1).astype(np.float32),
        "fc2.weight": (rng.standard_normal((H, 2)) / 4).astype(np.float32),
        "fc2.bias": (rng.standard_normal(2) * 0.1).astype(np.float32),
    }


def silero_branch(tag, w, use_gather):
    H = SIL_H
    p = f"/{tag}"
    T = lambda n, v: numpy_helper.from_array(v, f"{tag}.{n}")
    inits = [T(k, v) for k, v in w.items()]
    inits += [T("axes0", np.array([0], np.int64)), T("axes01", np.array([0, 1], np.int64)),
              T("idx0", np.array([0], np.int64)), T("idx1", np.array([1], np.int64)),
              T("idx2", np.array([2], np.int64))]
    i = lambda n: f"{tag}.{n}"
    nodes = [
        helper.make_node("MatMul", ["x", i("fc1.weight")], [f"{p}/fc1/MatMul_output_0"], name=f"{p}/fc1/MatMul"),
        helper.make_node("Add", [f"{p}/fc1/MatMul_output_0", i("fc1.bias")], [f"{p}/fc1/Add_output_0"],
                         name=f"{p}/fc1/Add"),
        helper.make_node("Relu", [f"{p}/fc1/Add_output_0"], [f"{p}/relu1/Relu_output_0"], name=f"{p}/relu1/Relu"),
        helper.make_node("Unsqueeze", [f"{p}/relu1/Relu_output_0", i("axes0")], [f"{p}/Unsqueeze_output_0"],
                         name=f"{p}/Unsqueeze"),
    ]
    if use_gather:      # h[[0]], c[[0]] and h[[1]], c[[1]] by Gather with 1-D indices
        for s_ in ("h", "c"):
            nodes.append(helper.make_node("Gather", [s_, i("idx0")], [f"{p}/{s_}0"], name=f"{p}/Gather_{s_}0", axis=0))
            nodes.append(helper.make_node("Gather", [s_, i("idx1")], [f"{p}/{s_}1"], name=f"{p}/Gather_{s_}1", axis=0))
    else:               # h[0:1], c[0:1] and h[1:2], c[1:2] by Slice
        for s_ in ("h", "c"):
            nodes.append(helper.make_node("Slice", [s_, i("idx0"), i("idx1"), i("axes0")], [f"{p}/{s_}0"],
                                          name=f"{p}/Slice_{s_}0"))
            nodes.append(helper.make_node("Slice", [s_, i("idx1"), i("idx2"), i("axes0")], [f"{p}/{s_}1"],
                                          name=f"{p}/Slice_{s_}1"))
    nodes += [
        helper.make_node("LSTM", [f"{p}/Unsqueeze_output_0", i("lstm.W"), i("lstm.R"), i("lstm.B"), "",
                                  f"{p}/h0", f"{p}/c0"],
                         [f"{p}/lstm/LSTM_output_0", f"{p}/lstm/LSTM_output_1", f"{p}/lstm/LSTM_output_2"],
                         name=f"{p}/lstm/LSTM", hidden_size=H),
        helper.make_node("Squeeze", [f"{p}/lstm/LSTM_output_0", i("axes01")], [f"{p}/Squeeze_output_0"],
                         name=f"{p}/Squeeze"),
        helper.make_node("Relu", [f"{p}/Squeeze_output_0"], [f"{p}/relu2/Relu_output_0"], name=f"{p}/relu2/Relu"),
        helper.make_node("MatMul", [f"{p}/relu2/Relu_output_0", i("fc2.weight")], [f"{p}/fc2/MatMul_output_0"],
                         name=f"{p}/fc2/MatMul"),
        helper.make_node("Add", [f"{p}/fc2/MatMul_output_0", i("fc2.bias")], [f"{p}/out"], name=f"{p}/fc2/Add"),
        helper.make_node("Concat", [f"{p}/lstm/LSTM_output_1", f"{p}/h1"], [f"{p}/hn"], name=f"{p}/Concat_hn",
                         axis=0),
        helper.make_node("Concat", [f"{p}/lstm/LSTM_output_2", f"{p}/c1"], [f"{p}/cn"], name=f"{p}/Concat_cn",
                         axis=0),
    ]
    F_ = TensorProto.FLOAT
    outs = [helper.make_tensor_value_info(f"{p}/out", F_, ["batch", 2]),
            helper.make_tensor_value_info(f"{p}/hn", F_, [2, "batch", H]),
            helper.make_tensor_value_info(f"{p}/cn", F_, [2, "batch", H])]
    g = helper.make_graph(nodes, f"{tag}_branch", [], outs, initializer=inits)
    return g


def make_silero(ctx):
    print("silero-like (onnx.helper, If + LSTM)", flush=True)
    rng = np.random.default_rng(SEED + 7)
    w16 = silero_weights(rng)
    w8 = silero_weights(rng)
    then_g = silero_branch("then", w16, use_gather=False)
    else_g = silero_branch("else", w8, use_gather=True)
    F_ = TensorProto.FLOAT
    H = SIL_H
    inputs = [helper.make_tensor_value_info("x", F_, ["batch", 64]),
              helper.make_tensor_value_info("sr", TensorProto.INT64, []),
              helper.make_tensor_value_info("h", F_, [2, "batch", H]),
              helper.make_tensor_value_info("c", F_, [2, "batch", H])]
    outputs = [helper.make_tensor_value_info("out", F_, ["batch", 2]),
               helper.make_tensor_value_info("hn", F_, [2, "batch", H]),
               helper.make_tensor_value_info("cn", F_, [2, "batch", H])]
    nodes = [
        helper.make_node("Constant", [], ["/Constant_output_0"], name="/Constant",
                         value=numpy_helper.from_array(np.array(16000, np.int64), "sr16k")),
        helper.make_node("Equal", ["sr", "/Constant_output_0"], ["/Equal_output_0"], name="/Equal"),
        helper.make_node("If", ["/Equal_output_0"], ["out", "hn", "cn"], name="/If",
                         then_branch=then_g, else_branch=else_g),
    ]
    g = helper.make_graph(nodes, "silero_like", inputs, outputs)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", SIL_OPSET)],
                          producer_name="coact make_wild_models.py", producer_version="1")
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    fname = "silero-like"
    write_bytes(ctx.P(fname + ".onnx"), m.SerializeToString())
    m = onnx.load(ctx.P(fname + ".onnx"))
    onnx.checker.check_model(m)

    xs = rng.standard_normal((256, 64)).astype(np.float32)
    ys = (xs[:, 0] > 0).astype(np.int64)
    savez(ctx.P("silero.npz"), x=xs, y=ys)

    # the 16 kHz branch computed directly from its weights (no graph)
    def direct(w, x, h, c):
        r1 = np.maximum(x @ w["fc1.weight"] + w["fc1.bias"], np.float32(0))
        Y, Yh, Yc = onnx_lstm(r1[None], w["lstm.W"], w["lstm.R"], w["lstm.B"], h[0:1], c[0:1], H)
        r2 = np.maximum(Y[0, 0], np.float32(0))
        out = (r2 @ w["fc2.weight"] + w["fc2.bias"]).astype(np.float32)
        return out, r1, Y, Yh, Yc, r2, np.concatenate([Yh, h[1:2]]), np.concatenate([Yc, c[1:2]])

    ev = OnnxNumpy(m)
    accs, diffs, ties = {}, {}, {}
    for sr, w in ((16000, w16), (8000, w8)):
        z = np.zeros((2, 256, H), np.float32)
        env = ev.run({"x": xs, "sr": np.array(sr, np.int64), "h": z, "c": z})
        want = direct(w, xs, z, z)
        diffs[sr] = float(np.abs(env["out"] - want[0]).max())
        ctx.report(fname, f"out, sr={sr}, 256 samples: numpy(onnx) vs direct numpy", diffs[sr])
        accs[sr] = correct_of(env["out"], ys)
        ties[sr] = ties_of(env["out"], source="numpy reference")
    # a nonzero state, to check the state plumbing (h[0] in, h[1] passed through)
    hs = rng.standard_normal((2, 256, H)).astype(np.float32)
    cs = rng.standard_normal((2, 256, H)).astype(np.float32)
    env = ev.run({"x": xs, "sr": np.array(16000, np.int64), "h": hs, "c": cs})
    want = direct(w16, xs, hs, cs)
    for k, idx in (("out", 0), ("hn", 6), ("cn", 7)):
        ctx.report(fname, f"{k}, sr=16000, random state: numpy(onnx) vs direct", float(np.abs(env[k] - want[idx]).max()))

    xr = xs[:N_REF]
    z = np.zeros((2, N_REF, H), np.float32)
    out, r1, Y, Yh, Yc, r2, hn, cn = direct(w16, xr, z, z)
    env = ev.run({"x": xr, "sr": np.array(16000, np.int64), "h": z, "c": z})
    refvals = {"then.relu1": ("/then/relu1/Relu_output_0", r1), "then.lstm.Y": ("/then/lstm/LSTM_output_0", Y),
               "then.lstm.Y_h": ("/then/lstm/LSTM_output_1", Yh), "then.lstm.Y_c": ("/then/lstm/LSTM_output_2", Yc),
               "then.relu2": ("/then/relu2/Relu_output_0", r2), "out": ("out", out), "hn": ("hn", hn),
               "cn": ("cn", cn)}
    sil_shapes = {"then.relu1": ["N", 32], "then.lstm.Y": [1, 1, "N", H], "then.lstm.Y_h": [1, "N", H],
                  "then.lstm.Y_c": [1, "N", H], "then.relu2": ["N", H], "out": ["N", 2], "hn": [2, "N", H],
                  "cn": [2, "N", H]}
    for k, (v, a) in refvals.items():
        assert list(a.shape) == [N_REF if d_ == "N" else d_ for d_ in sil_shapes[k]], (k, a.shape)
        ctx.report(fname, f"{k} ({v}) vs direct", float(np.abs(env[v] - a).max()))
    savez(ctx.P(fname + "-reference.npz"), x=xr, sr=np.array(16000, np.int64), h=z, c=z, y=ys[:N_REF],
          logits=out, **{k: a for k, (v, a) in refvals.items()})

    def branch_nodes(gr):
        return [{"name": nd.name, "op": nd.op_type, "inputs": list(nd.input), "outputs": list(nd.output)}
                for nd in gr.node]
    ins, outs = io_spec(m)
    ctx.info[fname + ".onnx"] = {
        "what": "silero-VAD-like control flow written with onnx.helper: cond = Equal(sr, 16000); If(cond): "
                "each branch MatMul+Add+Relu (64->32), Unsqueeze to a length-1 sequence, ONNX LSTM (hidden 16, "
                "initial_h/c = h[0:1]/c[0:1]: Slice in the then-branch, Gather([0]) in the else-branch), "
                "Squeeze, Relu, MatMul+Add to 2 logits; hn/cn = Concat(LSTM Y_h/Y_c, h[1:2]/c[1:2]). Random "
                "weights (numpy default_rng(7), then-branch drawn first). State batch axis is the SECOND one",
        "opset": SIL_OPSET, "irVersion": 8, "data": "silero.npz (x only; sr/h/c are constant inputs)",
        "reference": fname + "-reference.npz",
        "referenceNote": "first 16 samples, sr = 16000, h = c = zeros [2,16,16]; computed directly from "
                         "the then-branch weights in numpy, not from the graph",
        "constantInputs": {"sr": "int64 scalar [] (16000 selects the then-branch, anything else the else-branch)",
                           "h": "float32 [2, N, 16] zeros", "c": "float32 [2, N, 16] zeros"},
        "inputs": ins, "outputs": outs,
        "accuracy": {"sr16000": acc_block_any(accs[16000], ties[16000]),
                     "sr8000": acc_block_any(accs[8000], ties[8000]),
                     "labels": "y = x[:,0] > 0"},
        "ops": ops_of(m),
        "ifNode": {"name": "/If", "cond": "/Equal_output_0", "outputs": ["out", "hn", "cn"],
                   "thenBranch": {"graph": then_g.name, "outputs": [o.name for o in then_g.output],
                                  "nodes": branch_nodes(then_g)},
                   "elseBranch": {"graph": else_g.name, "outputs": [o.name for o in else_g.output],
                                  "nodes": branch_nodes(else_g)}},
        "layers": [{"referenceKey": k, "value": v, "shape": sil_shapes[k]} for k, (v, a) in refvals.items()],
        "lstm": {"node": "/then/lstm/LSTM", "Y": {"value": "/then/lstm/LSTM_output_0", "shape": [1, 1, "N", 16]},
                 "Y_h": {"value": "/then/lstm/LSTM_output_1", "shape": [1, "N", 16]},
                 "Y_c": {"value": "/then/lstm/LSTM_output_2", "shape": [1, "N", 16]}},
        "maxAbsDiffOutput": diffs}


# ----------------------------------------------------------------------------
# 8. small onnx.helper graphs: recurrent layouts, non-classifier outputs, Paddle-style names.
#    Random weights (numpy default_rng(SEED + k)), 64-sample data sets, checked against torch.
# ----------------------------------------------------------------------------
NEW_N = 64
REFUSALS = "refusals"
REC_T, REC_I, REC_H, REC_C = 5, 8, 6, 3
F32 = np.float32
ORT_LAYOUT1 = ("ONNX Runtime's CPU LSTM/GRU/RNN kernels reject layout=1 when the session is created "
               "(\"layout_ == 0 was false. Batchwise recurrent operations (layout == 1) are not supported\"); "
               "Coact is expected to refuse with one line")


def vinfo(name, shape, dtype=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, dtype, shape)


def init(name, a):
    return numpy_helper.from_array(np.asarray(a), name)


def finish_model(ctx, rel, graph_name, nodes, inputs, outputs, inits, opset):
    g = helper.make_graph(nodes, graph_name, inputs, outputs, initializer=inits)
    ops = [helper.make_opsetid("", opset)]
    m = helper.make_model(g, opset_imports=ops, producer_name="coact make_wild_models.py", producer_version="1")
    m.ir_version = helper.find_min_ir_version_for(ops)
    onnx.checker.check_model(m, full_check=True)
    write_bytes(ctx.P(rel), m.SerializeToString())
    m = onnx.load(ctx.P(rel))
    onnx.checker.check_model(m, full_check=True)
    return m


def json_attr(v):
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, float):
        return float(repr(np.float32(v)))
    if isinstance(v, (list, tuple)):
        return [json_attr(u) for u in v]
    return v


def graph_doc(m, feeds16, feeds3):
    """Node list (name, op, inputs, outputs, attributes), every node output's shape (the batch axis,
    found by running the numpy interpreter with 16 and with 3 samples, as "N") and initializer shapes.
    Returns them and the interpreter's values for the 16-sample feeds."""
    e16, e3 = OnnxNumpy(m).run(feeds16), OnnxNumpy(m).run(feeds3)

    def shape(v):
        a, b = e16[v].shape, e3[v].shape
        assert len(a) == len(b), v
        return ["N" if p != q else int(p) for p, q in zip(a, b)]
    nodes = []
    for nd in m.graph.node:
        e = {"name": nd.name, "op": nd.op_type, "inputs": list(nd.input), "outputs": list(nd.output)}
        at = {k: json_attr(v) for k, v in attrs(nd).items()}
        if at:
            e["attributes"] = at
        nodes.append(e)
    values = {o: shape(o) for nd in m.graph.node for o in nd.output if o}
    inits = {i.name: list(i.dims) for i in m.graph.initializer}
    return nodes, values, inits, e16


def new_doc(m, rel, what, data, nodes, values, inits, extra):
    ins, outs = io_spec(m)
    d = {"what": what, "file": rel, "opset": m.opset_import[0].version, "irVersion": m.ir_version,
         "data": data, "inputs": ins, "outputs": outs, "ops": ops_of(m)}
    d.update(extra)
    d.update({"nodes": nodes, "values": values, "initializers": inits})
    return d


def acc_new(out, y, source="numpy interpreter (of the graph)"):
    ok = correct_of(out, y)
    d = {"correct": int(ok.sum()), "n": int(len(ok)), "accuracy": round(float(ok.mean()), 4),
         "note": "random weights and seeded random labels: chance level"}
    d.update(ties_of(out, source=source))
    return d


def rec_weights(kind, rng):
    g = {"LSTM": 4, "GRU": 3, "RNN": 1}[kind]
    H, I = REC_H, REC_I
    return {"W": (rng.standard_normal((1, g * H, I)) / math.sqrt(I)).astype(F32),
            "R": (rng.standard_normal((1, g * H, H)) / math.sqrt(H)).astype(F32),
            "B": (rng.standard_normal((1, 2 * g * H)) * 0.2).astype(F32),
            "fc": (rng.standard_normal((REC_T * H, REC_C)) * 2 / math.sqrt(REC_T * H)).astype(F32)}


def torch_recurrent(kind, w, x_bf):
    """torch.nn.LSTM/GRU/RNN(batch_first) with the ONNX weights reordered to torch's gate order
    (LSTM ONNX i,o,f,c -> torch i,f,g,o; GRU ONNX z,r,h -> torch r,z,n; torch's GRU is ONNX's
    linear_before_reset=1). Returns the batch-first output sequence [N,T,H]."""
    H = REC_H
    cls, order = {"LSTM": (nn.LSTM, [0, 2, 3, 1]), "GRU": (nn.GRU, [1, 0, 2]), "RNN": (nn.RNN, [0])}[kind]
    with torch.random.fork_rng(devices=[]):
        mod = cls(REC_I, H, batch_first=True)
    re = lambda a: torch.from_numpy(np.ascontiguousarray(np.concatenate([a[k * H:(k + 1) * H] for k in order])))
    g = len(order)
    with torch.no_grad():
        mod.weight_ih_l0.copy_(re(w["W"][0]))
        mod.weight_hh_l0.copy_(re(w["R"][0]))
        mod.bias_ih_l0.copy_(re(w["B"][0, :g * H]))
        mod.bias_hh_l0.copy_(re(w["B"][0, g * H:]))
        y, _ = mod(torch.from_numpy(x_bf))
    return np32(y)


def rec_graph(kind, w, layout):
    sc = kind.lower()
    p = f"/{sc}"
    inits = [init(f"{sc}.W", w["W"]), init(f"{sc}.R", w["R"]), init(f"{sc}.B", w["B"])]
    rec_out = [f"{p}/{kind}_output_{k}" for k in range(3 if kind == "LSTM" else 2)]
    nodes = []
    xin = "x"
    if layout == 0:
        nodes.append(helper.make_node("Transpose", ["x"], [f"{p}/Transpose_output_0"], name=f"{p}/Transpose",
                                      perm=[1, 0, 2]))
        xin = f"{p}/Transpose_output_0"
    kw = {"hidden_size": REC_H, "layout": layout}
    if kind == "GRU":
        kw["linear_before_reset"] = 1
    nodes.append(helper.make_node(kind, [xin, f"{sc}.W", f"{sc}.R", f"{sc}.B"], rec_out, name=f"{p}/{kind}", **kw))
    if layout == 1:
        nodes.append(helper.make_node("Flatten", [rec_out[0]], ["/Flatten_output_0"], name="/Flatten", axis=1))
        flat = "/Flatten_output_0"
    else:
        nodes.append(helper.make_node("Transpose", [rec_out[0]], [f"{p}/Transpose_1_output_0"],
                                      name=f"{p}/Transpose_1", perm=[2, 0, 1, 3]))
        inits.append(init("reshape.shape", np.array([0, -1], np.int64)))
        nodes.append(helper.make_node("Reshape", [f"{p}/Transpose_1_output_0", "reshape.shape"],
                                      ["/Reshape_output_0"], name="/Reshape"))
        flat = "/Reshape_output_0"
    inits.append(init("fc.weight", w["fc"]))
    nodes.append(helper.make_node("MatMul", [flat, "fc.weight"], ["logits"], name="/fc/MatMul"))
    return nodes, [vinfo("x", ["batch", REC_T, REC_I])], [vinfo("logits", ["batch", REC_C])], inits


def make_recurrent(ctx):
    print("recurrent layout graphs (onnx.helper: LSTM/GRU/RNN layout=1, LSTM layout=0)", flush=True)
    rng = np.random.default_rng(SEED + 20)
    xs = rng.standard_normal((NEW_N, REC_T, REC_I)).astype(F32)
    ys = rng.integers(0, REC_C, NEW_N).astype(np.int64)
    xr, x3 = xs[:N_REF], xs[:3]
    H = REC_H
    lstm_w, layout1_logits = None, None
    for kind, fname, k in (("LSTM", "rnn-layout1", 21), ("GRU", "gru-layout1", 22), ("RNN", "rnn-simple-layout1", 23)):
        w = rec_weights(kind, np.random.default_rng(SEED + k))
        rel = f"{REFUSALS}/{fname}"
        nodes, ins, outs, inits = rec_graph(kind, w, 1)
        m = finish_model(ctx, rel + ".onnx", fname.replace("-", "_"), nodes, ins, outs, inits, 14)
        savez(ctx.P(rel + ".npz"), x=xs, y=ys)
        ndoc, values, idoc, env = graph_doc(m, {"x": xr}, {"x": x3})
        sc = kind.lower()
        yv = f"/{sc}/{kind}_output_0"
        assert values[yv] == ["N", REC_T, 1, H], values[yv]
        # numpy (graph) vs torch: the output sequence and the logits
        seq_t = torch_recurrent(kind, w, xs)
        env_all = OnnxNumpy(m).run({"x": xs})
        ctx.report(fname, f"{yv} [N,5,1,6] vs torch batch-first output", float(np.abs(env_all[yv][:, :, 0] - seq_t).max()))
        log_t = (seq_t.reshape(NEW_N, -1) @ w["fc"]).astype(F32)
        ctx.report(fname, "logits: numpy(onnx) vs torch", float(np.abs(env_all["logits"] - log_t).max()))
        assert (correct_of(log_t, ys) == correct_of(env_all["logits"], ys)).all()
        rec = {"node": f"/{sc}/{kind}", "op": kind, "layout": 1, "hiddenSize": H,
               "X": {"value": "x", "shape": ["N", REC_T, REC_I]},
               "Y": {"value": yv, "shape": ["N", REC_T, 1, H], "note": "layout 1: [batch, seq, num_directions, hidden]"},
               "Y_h": {"value": f"/{sc}/{kind}_output_1", "shape": ["N", 1, H]}}
        if kind == "LSTM":
            rec["Y_c"] = {"value": "/lstm/LSTM_output_2", "shape": ["N", 1, H]}
        rec["gateOrder"] = {"LSTM": "i,o,f,c", "GRU": "z,r,h; linear_before_reset=1 (what torch's GRU computes)",
                            "RNN": "Tanh"}[kind]
        ctx.info[rel + ".onnx"] = new_doc(
            m, rel + ".onnx",
            f"onnx.helper graph: x [N,5,8] -> ONNX {kind} (hidden 6, forward, layout=1: batch-first X and Y, "
            f"no initial state) -> Flatten(Y [N,5,1,6]) [N,30] -> MatMul -> logits [N,3]. Random weights "
            f"(numpy default_rng({SEED + k})); data x standard normal, y random 0..2 (default_rng({SEED + 20}))",
            rel + ".npz (x [64,5,8], y [64])", ndoc, values, idoc,
            {"expected": ORT_LAYOUT1, "recurrent": rec,
             "accuracy": acc_new(env_all["logits"], ys),
             "maxAbsDiffOutputVsTorch": float(np.abs(env_all["logits"] - log_t).max())})
        if kind == "LSTM":
            lstm_w, layout1_logits = w, env_all["logits"]

    # the same LSTM at layout 0
    fname = "lstm-layout0"
    nodes, ins, outs, inits = rec_graph("LSTM", lstm_w, 0)
    m = finish_model(ctx, fname + ".onnx", "lstm_layout0", nodes, ins, outs, inits, 14)
    savez(ctx.P(fname + ".npz"), x=xs, y=ys)
    ndoc, values, idoc, env = graph_doc(m, {"x": xr}, {"x": x3})
    assert values["/lstm/LSTM_output_0"] == [REC_T, 1, "N", H]
    env_all = OnnxNumpy(m).run({"x": xs})
    ctx.report(fname, "logits vs rnn-layout1.onnx's (same weights, same x)",
               float(np.abs(env_all["logits"] - layout1_logits).max()))
    # reference: the numpy LSTM straight from the weights (no graph)
    w = lstm_w
    Y0, Yh, Yc = onnx_lstm(np.ascontiguousarray(xr.transpose(1, 0, 2)), w["W"], w["R"], w["B"], None, None, H)
    Ybf = np.ascontiguousarray(Y0[:, 0].transpose(1, 0, 2))                       # [16,5,6]
    logits = (Ybf.reshape(N_REF, -1) @ w["fc"]).astype(F32)
    ctx.report(fname, "/lstm/LSTM_output_0 [5,1,N,6] vs numpy LSTM Y (batch-first)",
               float(np.abs(env["/lstm/LSTM_output_0"][:, 0].transpose(1, 0, 2) - Ybf).max()))
    ctx.report(fname, "/lstm/Transpose_1_output_0 [N,5,1,6] vs numpy LSTM Y",
               float(np.abs(env["/lstm/Transpose_1_output_0"][:, :, 0] - Ybf).max()))
    ctx.report(fname, "numpy LSTM Y vs torch nn.LSTM", float(np.abs(Ybf - torch_recurrent("LSTM", w, xr)).max()))
    ctx.report(fname, "logits: numpy(onnx) vs numpy LSTM", float(np.abs(env["logits"] - logits).max()))
    savez(ctx.P(fname + "-reference.npz"), x=xr, y=ys[:N_REF], Y=Ybf, Y_h=Yh, Y_c=Yc, logits=logits)
    ctx.info[fname + ".onnx"] = new_doc(
        m, fname + ".onnx",
        "rnn-layout1.onnx's LSTM (same weights) at layout=0 (attribute set explicitly): x [N,5,8] -> Transpose "
        "[5,N,8] -> ONNX LSTM (hidden 6) Y [5,1,N,6] -> Transpose(perm 2,0,1,3) [N,5,1,6] -> Reshape(0,-1) "
        "[N,30] -> MatMul -> logits [N,3]. Data identical to refusals/rnn-layout1.npz; its logits equal "
        "rnn-layout1.onnx's",
        fname + ".npz (x [64,5,8], y [64]; same arrays as refusals/rnn-layout1.npz)", ndoc, values, idoc,
        {"reference": fname + "-reference.npz",
         "referenceNote": "first 16 samples; numpy LSTM (onnx_lstm, ONNX gate order i,o,f,c, float64 "
                          "arithmetic) straight from the weights: `Y` batch-first [16,5,6] = "
                          "/lstm/LSTM_output_0[t,0,n,h] at [n,t,h] (also = /lstm/Transpose_1_output_0 without "
                          "its axis 2), `Y_h`/`Y_c` [1,16,6], `logits` [16,3]; plus `x`, `y`",
         "recurrent": {"node": "/lstm/LSTM", "op": "LSTM", "layout": 0, "hiddenSize": H,
                       "X": {"value": "/lstm/Transpose_output_0", "shape": [REC_T, "N", REC_I]},
                       "Y": {"value": "/lstm/LSTM_output_0", "shape": [REC_T, 1, "N", H],
                             "note": "layout 0: [seq, num_directions, batch, hidden]"},
                       "Y_h": {"value": "/lstm/LSTM_output_1", "shape": [1, "N", H]},
                       "Y_c": {"value": "/lstm/LSTM_output_2", "shape": [1, "N", H]},
                       "gateOrder": "i,o,f,c"},
         "accuracy": acc_new(env_all["logits"], ys)})


def make_ctc(ctx):
    print("ctc-like (onnx.helper)", flush=True)
    rng = np.random.default_rng(SEED + 30)
    glyphs = (rng.random((7, 8, 8)) < 0.4).astype(F32)
    cls = rng.integers(0, 7, size=(NEW_N, 4))
    xs = np.ascontiguousarray(glyphs[cls].transpose(0, 2, 1, 3).reshape(NEW_N, 1, 8, 32))
    ys = cls[:, 0].astype(np.int64)
    w = {"conv.weight": (rng.standard_normal((4, 1, 3, 3)) / 3).astype(F32),
         "conv.bias": (rng.standard_normal(4) * 0.1).astype(F32),
         "fc.weight": (rng.standard_normal((32, 7)) * 2 / math.sqrt(32)).astype(F32),
         "fc.bias": (rng.standard_normal(7) * 0.1).astype(F32)}
    inits = [init(k, v) for k, v in w.items()] + [init("reshape.shape", np.array([0, 0, -1], np.int64))]
    nodes = [
        helper.make_node("Conv", ["x", "conv.weight", "conv.bias"], ["/conv/Conv_output_0"], name="/conv/Conv",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1),
        helper.make_node("Relu", ["/conv/Conv_output_0"], ["/relu/Relu_output_0"], name="/relu/Relu"),
        helper.make_node("Transpose", ["/relu/Relu_output_0"], ["/Transpose_output_0"], name="/Transpose",
                         perm=[0, 3, 1, 2]),
        helper.make_node("Reshape", ["/Transpose_output_0", "reshape.shape"], ["/Reshape_output_0"], name="/Reshape"),
        helper.make_node("MatMul", ["/Reshape_output_0", "fc.weight"], ["/fc/MatMul_output_0"], name="/fc/MatMul"),
        helper.make_node("Add", ["/fc/MatMul_output_0", "fc.bias"], ["/fc/Add_output_0"], name="/fc/Add"),
        helper.make_node("Softmax", ["/fc/Add_output_0"], ["probs"], name="/softmax/Softmax", axis=-1),
    ]
    fname = "ctc-like"
    rel = f"{REFUSALS}/{fname}"
    m = finish_model(ctx, rel + ".onnx", "ctc_like", nodes, [vinfo("x", ["batch", 1, 8, 32])],
                     [vinfo("probs", ["batch", 32, 7])], inits, 14)
    savez(ctx.P(rel + ".npz"), x=xs, y=ys)
    ndoc, values, idoc, env = graph_doc(m, {"x": xs[:N_REF]}, {"x": xs[:3]})
    assert values["probs"] == ["N", 32, 7]
    with torch.no_grad():
        t = F.relu(F.conv2d(torch.from_numpy(xs), torch.from_numpy(w["conv.weight"]), torch.from_numpy(w["conv.bias"]),
                            padding=1))
        t = t.permute(0, 3, 1, 2).reshape(NEW_N, 32, 32) @ torch.from_numpy(w["fc.weight"]) + torch.from_numpy(w["fc.bias"])
        pt = np32(torch.softmax(t, dim=-1))
    env_all = OnnxNumpy(m).run({"x": xs})
    d = float(np.abs(env_all["probs"] - pt).max())
    ctx.report(fname, "probs: numpy(onnx) vs torch", d)
    ctx.info[rel + ".onnx"] = new_doc(
        m, rel + ".onnx",
        "CTC-text-recogniser-like head written with onnx.helper: x [N,1,8,32] -> Conv 3x3 pad 1 (1->4) -> Relu "
        "-> Transpose(0,3,1,2) [N,32,4,8] -> Reshape(0,0,-1) [N,T=32,F=32] -> MatMul+Add (32->7) -> Softmax(axis "
        "-1): probs [N,32,7], per time step classes, no single decision per sample. Random weights "
        f"(numpy default_rng({SEED + 30}))",
        rel + ".npz (x [64,1,8,32]: lines of 4 glyphs from 7 random 8x8 binary glyphs; y [64] = the class 0..6 "
              "of the first glyph, one label per sample so that a run can be attempted)",
        ndoc, values, idoc,
        {"expected": "the output is [N,32,7] (a class distribution per time step), not [N,C]: Coact is expected "
                     "to refuse to score it as a classifier",
         "maxAbsDiffOutputVsTorch": d})


def make_detector(ctx):
    print("detector-like (onnx.helper)", flush=True)
    rng = np.random.default_rng(SEED + 31)
    xs = np.zeros((NEW_N, 3, 16, 64), F32)
    ys = rng.integers(0, 2, NEW_N).astype(np.int64)
    for i in range(NEW_N):
        if ys[i]:
            for _ in range(int(rng.integers(1, 4))):
                h, wd = int(rng.integers(3, 9)), int(rng.integers(4, 21))
                r0, c0 = int(rng.integers(0, 16 - h + 1)), int(rng.integers(0, 64 - wd + 1))
                xs[i, :, r0:r0 + h, c0:c0 + wd] = (rng.integers(1, 5, size=3) / 4).astype(F32)[:, None, None]
    w = {"conv1.weight": (rng.standard_normal((4, 3, 3, 3)) * 2 / math.sqrt(27)).astype(F32),
         "conv1.bias": (rng.standard_normal(4) * 0.1).astype(F32),
         "conv2.weight": (rng.standard_normal((1, 4, 3, 3)) * 2 / math.sqrt(36)).astype(F32),
         "conv2.bias": (rng.standard_normal(1) * 0.1).astype(F32)}
    cv = dict(kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1], dilations=[1, 1], group=1)
    nodes = [
        helper.make_node("Conv", ["x", "conv1.weight", "conv1.bias"], ["/conv1/Conv_output_0"], name="/conv1/Conv", **cv),
        helper.make_node("Relu", ["/conv1/Conv_output_0"], ["/relu1/Relu_output_0"], name="/relu1/Relu"),
        helper.make_node("Conv", ["/relu1/Relu_output_0", "conv2.weight", "conv2.bias"], ["/conv2/Conv_output_0"],
                         name="/conv2/Conv", **cv),
        helper.make_node("Sigmoid", ["/conv2/Conv_output_0"], ["map"], name="/sigmoid/Sigmoid"),
    ]
    fname = "detector-like"
    rel = f"{REFUSALS}/{fname}"
    m = finish_model(ctx, rel + ".onnx", "detector_like", nodes, [vinfo("x", ["batch", 3, 16, 64])],
                     [vinfo("map", ["batch", 1, 16, 64])], [init(k, v) for k, v in w.items()], 14)
    savez(ctx.P(rel + ".npz"), x=xs, y=ys)
    ndoc, values, idoc, env = graph_doc(m, {"x": xs[:N_REF]}, {"x": xs[:3]})
    assert values["map"] == ["N", 1, 16, 64]
    T = lambda k: torch.from_numpy(w[k])
    with torch.no_grad():
        t = F.relu(F.conv2d(torch.from_numpy(xs), T("conv1.weight"), T("conv1.bias"), padding=1))
        pt = np32(torch.sigmoid(F.conv2d(t, T("conv2.weight"), T("conv2.bias"), padding=1)))
    env_all = OnnxNumpy(m).run({"x": xs})
    d = float(np.abs(env_all["map"] - pt).max())
    ctx.report(fname, "map: numpy(onnx) vs torch", d)
    ctx.info[rel + ".onnx"] = new_doc(
        m, rel + ".onnx",
        "text-detector-like per-pixel map written with onnx.helper: x [N,3,16,64] -> Conv 3x3 pad 1 (3->4) -> "
        "Relu -> Conv 3x3 pad 1 (4->1) -> Sigmoid: map [N,1,16,64], a probability per pixel, not a classifier. "
        f"Random weights (numpy default_rng({SEED + 31}))",
        rel + ".npz (x [64,3,16,64]: zeros, and for y = 1 one to three flat-coloured rectangles, values in "
              "{0, .25, .5, .75, 1}; y [64] in {0,1})",
        ndoc, values, idoc,
        {"expected": "the output is a map [N,1,16,64], not [N,C] or [N,1]: Coact is expected to refuse to "
                     "score it as a classifier",
         "maxAbsDiffOutputVsTorch": d})


HS_OPSET = 11
HS_C, HS_R = 8, 2


def make_hardswish(ctx):
    print("hardswish-unscoped (onnx.helper, Paddle2ONNX-style names, opset 11)", flush=True)
    rng = np.random.default_rng(SEED + 32)
    xs = (np.round(rng.standard_normal((NEW_N, 3, 16, 16)) * 4) / 4).astype(F32)
    ys = rng.integers(0, 2, NEW_N).astype(np.int64)
    C, R_ = HS_C, HS_R
    w = {"conv2d_0.w_0": (rng.standard_normal((C, 3, 3, 3)) * 2.5 / math.sqrt(27)).astype(F32),
         "conv2d_0.b_0": (rng.standard_normal(C) * 0.5).astype(F32),
         "conv2d_1.w_0": (rng.standard_normal((R_, C, 1, 1)) * 8 / math.sqrt(C)).astype(F32),
         "conv2d_1.b_0": None,
         "conv2d_2.w_0": (rng.standard_normal((C, R_, 1, 1)) * 3 / math.sqrt(R_)).astype(F32),
         "conv2d_2.b_0": rng.uniform(-4, 4, C).astype(F32),
         "linear_0.w_0": (rng.standard_normal((C, 2)) * 3).astype(F32),
         "linear_0.b_0": (rng.standard_normal(2) * 0.1).astype(F32)}
    # conv2d_1's bias centres its inputs (the data set's mean pooled hard-swish), so that both SE ReLUs
    # are active for some samples and the gate varies; conv2d_2's spreads the gate channels over
    # always 0, varying and always 1 (HardSigmoid saturates below -2.5 and above 2.5)
    cv0 = np_conv(xs, w["conv2d_0.w_0"], w["conv2d_0.b_0"], [1, 1], [1, 1, 1, 1], [1, 1], 1).astype(np.float64)
    pooled = (cv0 * np.clip(cv0 + 3, 0, 6) / 6).mean(axis=(0, 2, 3))
    w["conv2d_1.b_0"] = (-(w["conv2d_1.w_0"][:, :, 0, 0].astype(np.float64) @ pooled)).astype(F32)
    scal = {"hard_swish_0.add.y": np.array(3, F32), "hard_swish_0.clip.min": np.array(0, F32),
            "hard_swish_0.clip.max": np.array(6, F32), "hard_swish_0.div.y": np.array(6, F32)}
    inits = [init(k, v) for k, v in w.items()] + [init(k, v) for k, v in scal.items()]
    HS_ALPHA, HS_BETA = 0.2, 0.5
    cv = dict(strides=[1, 1], dilations=[1, 1], group=1)
    mk = helper.make_node
    nodes = [
        mk("Conv", ["x", "conv2d_0.w_0", "conv2d_0.b_0"], ["conv2d_0.tmp_0"], name="conv2d_0",
           kernel_shape=[3, 3], pads=[1, 1, 1, 1], **cv),
        mk("Add", ["conv2d_0.tmp_0", "hard_swish_0.add.y"], ["hard_swish_0.add.tmp_0"], name="hard_swish_0.add"),
        mk("Clip", ["hard_swish_0.add.tmp_0", "hard_swish_0.clip.min", "hard_swish_0.clip.max"],
           ["hard_swish_0.clip.tmp_0"], name="hard_swish_0.clip"),
        mk("Mul", ["conv2d_0.tmp_0", "hard_swish_0.clip.tmp_0"], ["hard_swish_0.mul.tmp_0"], name="hard_swish_0.mul"),
        mk("Div", ["hard_swish_0.mul.tmp_0", "hard_swish_0.div.y"], ["hard_swish_0.tmp_0"], name="hard_swish_0.div"),
        mk("GlobalAveragePool", ["hard_swish_0.tmp_0"], ["pool2d_0.tmp_0"], name="pool2d_0"),
        mk("Conv", ["pool2d_0.tmp_0", "conv2d_1.w_0", "conv2d_1.b_0"], ["conv2d_1.tmp_0"], name="conv2d_1",
           kernel_shape=[1, 1], pads=[0, 0, 0, 0], **cv),
        mk("Relu", ["conv2d_1.tmp_0"], ["relu_0.tmp_0"], name="relu_0"),
        mk("Conv", ["relu_0.tmp_0", "conv2d_2.w_0", "conv2d_2.b_0"], ["conv2d_2.tmp_0"], name="conv2d_2",
           kernel_shape=[1, 1], pads=[0, 0, 0, 0], **cv),
        mk("HardSigmoid", ["conv2d_2.tmp_0"], ["hard_sigmoid_0.tmp_0"], name="hard_sigmoid_0",
           alpha=HS_ALPHA, beta=HS_BETA),
        mk("Mul", ["hard_swish_0.tmp_0", "hard_sigmoid_0.tmp_0"], ["elementwise_mul_0.tmp_0"], name="elementwise_mul_0"),
        mk("GlobalAveragePool", ["elementwise_mul_0.tmp_0"], ["pool2d_1.tmp_0"], name="pool2d_1"),
        mk("Flatten", ["pool2d_1.tmp_0"], ["flatten_0.tmp_0"], name="flatten_0", axis=1),
        mk("Gemm", ["flatten_0.tmp_0", "linear_0.w_0", "linear_0.b_0"], ["logits"], name="linear_0",
           alpha=1.0, beta=1.0, transA=0, transB=0),
    ]
    assert not any("/" in nd.name or any("/" in o for o in nd.output) for nd in nodes)
    fname = "hardswish-unscoped"
    m = finish_model(ctx, fname + ".onnx", "hardswish_unscoped", nodes, [vinfo("x", ["batch", 3, 16, 16])],
                     [vinfo("logits", ["batch", 2])], inits, HS_OPSET)
    savez(ctx.P(fname + ".npz"), x=xs, y=ys)
    ndoc, values, idoc, env = graph_doc(m, {"x": xs[:N_REF]}, {"x": xs[:3]})

    def direct(x):   # numpy straight from the weights (no graph); elementwise work in float64
        conv = np_conv(x, w["conv2d_0.w_0"], w["conv2d_0.b_0"], [1, 1], [1, 1, 1, 1], [1, 1], 1).astype(np.float64)
        hs = (conv * np.clip(conv + 3, 0, 6) / 6).astype(F32)
        pool = hs.astype(np.float64).mean(axis=(2, 3))                                        # [n,C]
        s1 = np.maximum(pool @ w["conv2d_1.w_0"][:, :, 0, 0].T.astype(np.float64) + w["conv2d_1.b_0"], 0)
        s2 = s1 @ w["conv2d_2.w_0"][:, :, 0, 0].T.astype(np.float64) + w["conv2d_2.b_0"]
        gate = np.clip(s2 * HS_ALPHA + HS_BETA, 0, 1).astype(F32)[:, :, None, None]           # [n,C,1,1]
        se = hs.astype(np.float64) * gate
        logits = (se.mean(axis=(2, 3)) @ w["linear_0.w_0"].astype(np.float64) + w["linear_0.b_0"]).astype(F32)
        return conv.astype(F32), hs, gate, logits, s2
    conv, hs, gate, logits, s2 = direct(xs[:N_REF])
    for k, v, a in (("hardswish", "hard_swish_0.tmp_0", hs), ("gate", "hard_sigmoid_0.tmp_0", gate),
                    ("logits", "logits", logits)):
        ctx.report(fname, f"{k} ({v}): numpy(onnx) vs direct numpy", float(np.abs(env[v] - a).max()))
    T = lambda k: torch.from_numpy(w[k])
    with torch.no_grad():
        tc = F.conv2d(torch.from_numpy(xs[:N_REF]), T("conv2d_0.w_0"), T("conv2d_0.b_0"), padding=1)
        th = F.hardswish(tc)
        tg = torch.clamp(F.conv2d(F.relu(F.conv2d(th.mean(dim=(2, 3), keepdim=True), T("conv2d_1.w_0"),
                                                  T("conv2d_1.b_0"))), T("conv2d_2.w_0"), T("conv2d_2.b_0"))
                         * HS_ALPHA + HS_BETA, 0, 1)
        tl = (th * tg).mean(dim=(2, 3)) @ T("linear_0.w_0") + T("linear_0.b_0")
    ctx.report(fname, "hardswish: direct numpy vs torch F.hardswish", float(np.abs(hs - np32(th)).max()))
    ctx.report(fname, "gate: direct numpy vs torch", float(np.abs(gate - np32(tg)).max()))
    ctx.report(fname, "logits: direct numpy vs torch", float(np.abs(logits - np32(tl)).max()))
    savez(ctx.P(fname + "-reference.npz"), x=xs[:N_REF], y=ys[:N_REF], logits=logits, hardswish=hs, gate=gate)
    env_all = OnnxNumpy(m).run({"x": xs})
    cv_all = env_all["conv2d_0.tmp_0"]
    g_all = env_all["hard_sigmoid_0.tmp_0"]
    hs_nodes = ["hard_swish_0.add", "hard_swish_0.clip", "hard_swish_0.mul", "hard_swish_0.div"]
    ctx.info[fname + ".onnx"] = new_doc(
        m, fname + ".onnx",
        "Paddle2ONNX-style graph written with onnx.helper at opset 11, node names WITHOUT '/' scopes: x [N,3,16,16] "
        "-> Conv 3x3 pad 1 (3->8) `conv2d_0` -> hard-swish as four nodes Add(x,3) -> Clip(0,6) (min/max as "
        "inputs, opset 11) -> Mul(x, .) -> Div(., 6) -> squeeze-excite GlobalAveragePool -> Conv 1x1 (8->2) "
        "-> Relu -> Conv 1x1 (2->8) -> HardSigmoid(alpha 0.2, beta 0.5) gate -> Mul(map, gate) -> "
        "GlobalAveragePool -> Flatten -> Gemm (8->2): logits [N,2]. Random weights "
        f"(numpy default_rng({SEED + 32}))",
        fname + ".npz (x [64,3,16,16] standard normal rounded to multiples of 0.25, y [64] random 0/1)",
        ndoc, values, idoc,
        {"reference": fname + "-reference.npz",
         "referenceNote": "first 16 samples, computed in numpy straight from the weights (no graph): `hardswish` "
                          "[16,8,16,16] = value hard_swish_0.tmp_0, `gate` [16,8,1,1] = value "
                          "hard_sigmoid_0.tmp_0, `logits` [16,2]; plus `x`, `y`",
         "clipForm": "opset 11: Clip min and max are inputs (0-d float initializers hard_swish_0.clip.min = 0, "
                     "hard_swish_0.clip.max = 6)",
         "hardswish": {"nodes": hs_nodes, "input": "conv2d_0.tmp_0", "value": "hard_swish_0.tmp_0",
                       "shape": ["N", C, 16, 16],
                       "constants": {"hard_swish_0.add.y": 3.0, "hard_swish_0.clip.min": 0.0,
                                     "hard_swish_0.clip.max": 6.0, "hard_swish_0.div.y": 6.0},
                       "inputFractions": {"below-3": round(float((cv_all < -3).mean()), 4),
                                          "between": round(float(((cv_all >= -3) & (cv_all <= 3)).mean()), 4),
                                          "above3": round(float((cv_all > 3).mean()), 4)}},
         "gate": {"node": "hard_sigmoid_0", "op": "HardSigmoid", "alpha": HS_ALPHA, "beta": HS_BETA,
                  "value": "hard_sigmoid_0.tmp_0", "shape": ["N", C, 1, 1],
                  "saturated": {"zero": int((g_all == 0).sum()), "one": int((g_all == 1).sum()),
                                "of": int(g_all.size)}},
         "seMultiply": {"node": "elementwise_mul_0", "inputs": ["hard_swish_0.tmp_0", "hard_sigmoid_0.tmp_0"],
                        "value": "elementwise_mul_0.tmp_0", "note": "feature map x gate ([N,8,16,16] * [N,8,1,1])"},
         "seNodes": ["pool2d_0", "conv2d_1", "relu_0", "conv2d_2", "hard_sigmoid_0", "elementwise_mul_0"],
         "accuracy": acc_new(env_all["logits"], ys)})


# ----------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mnist", default=os.path.join(HERE, "mnist", "test.npz"))
    ap.add_argument("--out", default=os.path.join(HERE, "onnx", "wild"))
    ap.add_argument("--wide-out", default=None,
                    help="write mobilenetv3-wide.onnx here instead of into --out")
    args = ap.parse_args()
    t0 = time.time()
    # one thread: the results do not depend on the machine's thread count, and on a busy
    # 2-core machine two OpenMP threads ran the training 6-10x slower than one
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    os.makedirs(os.path.join(args.out, REFUSALS), exist_ok=True)
    ctx = Ctx(args.out)

    d = np.load(args.mnist)
    x, y = d["x"], d["y"]
    assert x.shape == (2000, 784) and x.dtype == np.float32 and y.dtype == np.int64
    images = x.reshape(-1, 1, 28, 28)
    savez(ctx.P("images.npz"), input=images, y=y)

    times = {}
    for name, fn in (("binary", lambda: make_binary(ctx, x, y)),
                     ("transformer", lambda: make_transformer(ctx, x, y)),
                     ("lstm", lambda: make_lstm(ctx, x, y)),
                     ("resnet", lambda: make_resnet(ctx, images, y)),
                     ("mobilenet", lambda: make_mobilenet(ctx, images, y)),
                     ("wide", lambda: make_wide(ctx, x, args.wide_out)),
                     ("silero", lambda: make_silero(ctx)),
                     ("recurrent", lambda: make_recurrent(ctx)),
                     ("ctc", lambda: make_ctc(ctx)),
                     ("detector", lambda: make_detector(ctx)),
                     ("hardswish", lambda: make_hardswish(ctx))):
        t = time.time()
        fn()
        times[name] = time.time() - t
        print(f"  {name}: {times[name]:.1f} s", flush=True)

    rels = sorted(os.path.relpath(os.path.join(dp, f), args.out).replace(os.sep, "/")
                  for dp, _, fs in os.walk(args.out) for f in fs)
    for fn in rels:
        if fn.endswith(".onnx"):
            onnx.checker.check_model(onnx.load(ctx.P(fn)))
    files = {fn: os.path.getsize(ctx.P(fn)) for fn in rels if fn != "models.json"}
    doc = {
        "generator": "testmodels/make_wild_models.py",
        "versions": {"torch": torch.__version__, "onnx": onnx.__version__, "numpy": np.__version__},
        "data": {"source": "testmodels/mnist/test.npz (2,000 digits)",
                 "training": f"first {N_TRAIN} digits; accuracy is over all 2,000 (train + held out)",
                 "images.npz": "input float32 [2000,1,28,28], y int64 (resnet-blocks, mobilenetv3-blocks)",
                 "binary.npz": "x float32 [2000,784], y int64 1 = even digit",
                 "tokens.npz": "tokens int64 [2000,49] in 0..15, y int64",
                 "rows.npz": "rows float32 [2000,28,28], y int64",
                 "wide.npz": "input float32 [256,3,48,192] text-line images of 6 digits, y int64 1 = rotated 180",
                 "silero.npz": "x float32 [256,64] standard normal (rng 7), y int64 = x[:,0] > 0",
                 "lstm-layout0.npz, refusals/rnn-layout1.npz, refusals/gru-layout1.npz, "
                 "refusals/rnn-simple-layout1.npz": "the same arrays: x float32 [64,5,8] standard normal, "
                                                    "y int64 [64] random 0..2 (rng 20)",
                 "refusals/ctc-like.npz": "x float32 [64,1,8,32] glyph lines, y int64 [64] 0..6 (rng 30)",
                 "refusals/detector-like.npz": "x float32 [64,3,16,64] rectangles on zeros, y int64 [64] "
                                               "0/1 (rng 31)",
                 "hardswish-unscoped.npz": "x float32 [64,3,16,16] normal rounded to 0.25, y int64 [64] 0/1 (rng 32)"},
        "nearTies": f"in every accuracy block: nearTies = the number of its n samples whose decision is within "
                    f"{NEAR_TIE:g} of flipping in the float32 output the block was computed from (torch for the "
                    f"trained and the wide model, the numpy interpreter/reference for silero-like and the "
                    f"onnx.helper graphs): argmax heads top-1 minus top-2 logit < {NEAR_TIE:g}, binary-sigmoid "
                    f"|prob - 0.5| < {NEAR_TIE:g}, binary-logit |logit| < {NEAR_TIE:g}; minMargin = the smallest "
                    f"such margin. Another runtime's correct may differ from `correct` by at most nearTies",
        "refusals": "refusals/: graphs Coact is expected to refuse (one line), each with a data set so that a "
                    "CLI run can be attempted; see each model's `expected`",
        "references": "<model>-reference.npz: first 16 samples; inputs under the model's input names, `y`, "
                      "the model output under its output name and as `logits`, and one float32 array per "
                      "reference key (module path); see each model's `layers` for the ONNX value of each key",
        "files": files,
        "models": ctx.info,
    }
    with open(ctx.P("models.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("max diffs numpy(onnx) vs torch:", max(dd for _, _, dd in ctx.diffs))
    for fn, sz in files.items():
        print(f"  {fn:40s} {sz:9d}")
    print(f"total {sum(files.values())} bytes; wall time {time.time() - t0:.1f} s "
          f"({', '.join(f'{k} {v:.1f}' for k, v in times.items())})")


if __name__ == "__main__":
    main()
