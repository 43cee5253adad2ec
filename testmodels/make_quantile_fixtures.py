#!/usr/bin/env python3
"""numpy reference fixtures for Coact's `threshold: quantile q` option (METHOD.md section 3).

Reads the neuron values that make_testmodels.py stored for the epoch-10 MLP and CNN
(fixtures/{mlp,cnn}-epoch10-activations.npz, keys act1, act2, ...: float32 for dense layers,
float64 channel means for conv layers) and the labels of mnist/test.npz, and writes

    fixtures/mlp-epoch10-q50.json   fixtures/mlp-epoch10-q90.json   fixtures/cnn-epoch10-q50.json

Per neuron j: tau_j = numpy.quantile(v_j, q) with numpy's default 'linear' method over the
values as float64 (the doubles Coact's NeuronReduction produces: float32 widened exactly);
active iff v_ij > tau_j; then c_j, c_jc, entropies, preferred class, adjacent C_jk, graph size
and means, with the same definitions as make_testmodels.py. `nearTau` counts the samples
whose value lies within 1e-5 of tau_j, where an ONNX Runtime value (~1e-6 from numpy's) may
fall on the other side; a ReLU output of exactly 0 counts only if its pre-activation (key
preK) lies within 1e-5 of zero too, as only then can ONNX Runtime's output differ from 0.
Needs only numpy (Debian's /usr/bin/python3); deterministic.

    /usr/bin/python3 testmodels/make_quantile_fixtures.py
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NEAR = 1e-5
RUNS = (("mlp", 0.5, "q50"), ("mlp", 0.9, "q90"), ("cnn", 0.5, "q50"))


def h2(p):
    if p <= 0.0 or p >= 1.0:
        return 0.0
    return -p * math.log2(p) - (1.0 - p) * math.log2(1.0 - p)


def seqmean(vals):
    s = 0.0
    for v in vals:
        s += v
    return s / len(vals)


def fixture(kind, q, y):
    base = json.load(open(os.path.join(HERE, "fixtures", f"{kind}-epoch10.json")))
    acts = np.load(os.path.join(HERE, "fixtures", f"{kind}-epoch10-activations.npz"))
    n, K = len(y), base["classes"]
    class_counts = [int((y == c).sum()) for c in range(K)]
    layers, actives = [], []
    all_h, all_ch, all_mi = [], [], []
    tot_dead = tot_on = 0
    for bl in base["layers"]:
        vals = acts[bl["activationsKey"]].astype(np.float64)
        taus = np.quantile(vals, q, axis=0)
        active = vals > taus
        # A value within NEAR of tau may land on the other side in ONNX Runtime; a ReLU zero only
        # if its pre-activation (preK: dense raw, conv min |.| over H,W) is within NEAR of zero.
        pre = acts[bl["preActivationKey"]].astype(np.float64)
        near = ((np.abs(vals - taus) < NEAR) & ((vals != 0) | (np.abs(pre) < NEAR))).sum(0)
        Fn = vals.shape[1]
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
            "name": bl["name"], "neurons": int(Fn), "activationsKey": bl["activationsKey"],
            "preActivationKey": bl["preActivationKey"],
            "taus": [float(t) for t in taus], "nearTau": near.astype(int).tolist(),
            "activeCounts": c.tolist(), "classActiveCounts": cc.tolist(),
            "entropyBits": H, "conditionalEntropyBits": CH,
            "mutualInformationBits": MI, "preferredClass": PREF,
            "meanEntropyBits": seqmean(H), "meanConditionalEntropyBits": seqmean(CH),
            "meanMutualInformationBits": seqmean(MI), "dead": dead, "alwaysOn": on})
        all_h += H
        all_ch += CH
        all_mi += MI
        tot_dead += dead
        tot_on += on
        actives.append(active)
    coact, edges, total = [], 0, 0
    for t in range(len(layers) - 1):
        C = actives[t].astype(np.int64).T @ actives[t + 1].astype(np.int64)
        edges += int((C != 0).sum())
        total += int(C.sum())
        coact.append({"from": layers[t]["name"], "to": layers[t + 1]["name"], "counts": C.tolist()})
    return {
        "modelPath": base["modelPath"], "dataPath": base["dataPath"], "threshold": f"quantile {q}", "q": q,
        "quantileMethod": "numpy.quantile linear, float64", "numpy": np.__version__, "near": NEAR,
        "reduce": "mean", "n": int(n), "classes": K, "classCounts": class_counts, "layers": layers,
        "coactivation": coact,
        "graph": {"nodes": sum(l["neurons"] for l in layers), "edges": edges, "totalWeight": total / n},
        "model": {"meanEntropyBits": seqmean(all_h), "meanConditionalEntropyBits": seqmean(all_ch),
                  "meanMutualInformationBits": seqmean(all_mi), "dead": tot_dead, "alwaysOn": tot_on},
    }


def main():
    y = np.load(os.path.join(HERE, "mnist", "test.npz"))["y"]
    for kind, q, tag in RUNS:
        fx = fixture(kind, q, y)
        path = os.path.join(HERE, "fixtures", f"{kind}-epoch10-{tag}.json")
        with open(path, "w") as f:
            json.dump(fx, f, indent=1)
            f.write("\n")
        near = sum(sum(l["nearTau"]) for l in fx["layers"])
        print(f"{os.path.relpath(path, HERE)}: {fx['graph']['nodes']} neurons, {fx['graph']['edges']} edges, "
              f"mean H {fx['model']['meanEntropyBits']:.4f} bits, {near} values within {NEAR} of their tau")


if __name__ == "__main__":
    main()
