#!/usr/bin/python3
"""Reference fixtures for Coact's default analysis settings (docs/METHOD.md 2, 5, 7).

Writes fixtures/defaults.json with, worked out here independently of Coact's Java code:

* `association`: for every neuron of every count fixture (mlp-epoch10.json, cnn-epoch10.json,
  *-q50.json, *-q90.json), the p-value of the G-test of independence of its activity and the
  class, by scipy.stats.chi2_contingency(lambda_="log-likelihood") on the 2 x K table
  [c_jc; n_c - c_jc] (1.0 for a dead or always-on neuron, where the test is undefined).
* `mlpJaccard`: the adjacent-layer graph of mlp-epoch10.json's counts under `graph.weight:
  jaccard`, w = C / (c_j + c_k - C) for C > 0: its edges and total weight.
* `cnnFraction`: the CNN epoch 10 under `reduce: fraction` with active_fraction 0.25 and
  threshold 0: a conv channel is active on a sample iff more than a quarter of its positions
  have a ReLU output > 0, i.e. iff (count of such positions) > 0.25 * H * W. The post-ReLU
  values come from make_testmodels.np_forward, the numpy forward pass over the ONNX graph (so
  this script needs python3-torch, python3-onnx and python3-numpy as make_testmodels.py does,
  plus python3-scipy). Per neuron: c_j, c_jc, `near` (samples on which positions with
  |pre-activation| < 1e-5 are enough to carry the count across 0.25 * H * W, where ONNX
  Runtime's rounding may decide differently); adjacent C_jk; the jaccard graph; p-values.

Deterministic. Run from the repository root:

    /usr/bin/python3 testmodels/make_default_fixtures.py
"""
import json
import os
import sys

import numpy as np
import onnx
from scipy.stats import chi2_contingency

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_testmodels import np_forward  # noqa: E402  (the project's own numpy reference)

NEAR = 1e-5
ACTIVE_FRACTION = 0.25
COUNT_FIXTURES = ("mlp-epoch10.json", "cnn-epoch10.json", "mlp-epoch10-q50.json", "mlp-epoch10-q90.json",
                  "cnn-epoch10-q50.json")


def association_p(class_active, class_counts):
    active = np.asarray(class_active, dtype=np.int64)
    counts = np.asarray(class_counts, dtype=np.int64)
    keep = counts > 0
    table = np.vstack([active[keep], counts[keep] - active[keep]])
    if table[0].sum() == 0 or table[1].sum() == 0:
        return 1.0
    return float(chi2_contingency(table, correction=False, lambda_="log-likelihood")[1])


def jaccard_graph(layers, coactivation):
    """layers: [c_j arrays]; coactivation: [[C_jk]] per adjacent pair -> (edges, total)."""
    edges, total = 0, 0.0
    for t, counts in enumerate(coactivation):
        cj, ck = layers[t], layers[t + 1]
        for j, row in enumerate(counts):
            for k, c in enumerate(row):
                if c > 0:
                    edges += 1
                    total += c / (cj[j] + ck[k] - c)
    return edges, total


def cnn_fraction(class_counts):
    model = onnx.load(os.path.join(HERE, "onnx", "cnn", "cnn-epoch10.onnx"))
    data = np.load(os.path.join(HERE, "mnist", "test.npz"))
    y = data["y"].astype(np.int64)
    x = data["x"].astype(np.float32).reshape(len(y), 1, 28, 28)  # the CNN takes [N,1,28,28]
    env = np_forward(model, {model.graph.input[0].name: x})
    nodes = {n.name: n for n in model.graph.node}
    layers, actives = [], []
    for name in ("/act1/Relu", "/act2/Relu", "/act3/Relu"):
        node = nodes[name]
        pre, post = env[node.input[0]], env[node.output[0]]
        if post.ndim == 4:
            positions = post.shape[2] * post.shape[3]
            on = (post > 0).sum(axis=(2, 3))
            uncertain = (np.abs(pre) < NEAR).sum(axis=(2, 3))
            limit = ACTIVE_FRACTION * positions
            active = on > limit
            near = ((on - uncertain <= limit) & (on + uncertain > limit)).sum(axis=0)
        else:
            active = post > 0
            near = (np.abs(pre) < NEAR).sum(axis=0)
        class_active = [[int(active[y == c, j].sum()) for c in range(len(class_counts))]
                        for j in range(active.shape[1])]
        layers.append({"name": name, "neurons": int(active.shape[1]),
                       "activeCounts": [int(v) for v in active.sum(axis=0)],
                       "classActiveCounts": class_active, "near": [int(v) for v in near],
                       "associationP": [association_p(r, class_counts) for r in class_active]})
        actives.append(active)
    coactivation = [(actives[t].astype(np.int64).T @ actives[t + 1].astype(np.int64)).tolist()
                    for t in range(len(actives) - 1)]
    edges, total = jaccard_graph([l["activeCounts"] for l in layers], coactivation)
    return {"modelPath": "onnx/cnn/cnn-epoch10.onnx", "dataPath": "mnist/test.npz", "threshold": 0.0,
            "reduce": "fraction", "activeFraction": ACTIVE_FRACTION, "n": int(len(y)), "layers": layers,
            "coactivation": coactivation,
            "graph": {"nodes": sum(l["neurons"] for l in layers), "edges": edges, "totalWeight": total}}


def main():
    out = {"association": {}}
    for name in COUNT_FIXTURES:
        f = json.load(open(os.path.join(HERE, "fixtures", name)))
        out["association"][name] = {l["name"]: [association_p(r, f["classCounts"]) for r in l["classActiveCounts"]]
                                    for l in f["layers"]}
    mlp = json.load(open(os.path.join(HERE, "fixtures", "mlp-epoch10.json")))
    edges, total = jaccard_graph([l["activeCounts"] for l in mlp["layers"]],
                                 [p["counts"] for p in mlp["coactivation"]])
    out["mlpJaccard"] = {"nodes": mlp["graph"]["nodes"], "edges": edges, "totalWeight": total}
    out["cnnFraction"] = cnn_fraction(mlp["classCounts"])
    with open(os.path.join(HERE, "fixtures", "defaults.json"), "w") as f:
        json.dump(out, f, indent=1)
    c = out["cnnFraction"]
    print("mlp jaccard:", out["mlpJaccard"])
    print("cnn fraction:", c["graph"], "near", [sum(l["near"]) for l in c["layers"]],
          "active", [sum(l["activeCounts"]) for l in c["layers"]])


if __name__ == "__main__":
    main()
