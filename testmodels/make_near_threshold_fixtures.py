#!/usr/bin/python3
"""Counts, for every bundled MLP and CNN checkpoint, the values that sit so close to a decision
that another runtime could decide them the other way: the bound the cross-format tests use
instead of machine luck.

Run from the repository root:  /usr/bin/python3 testmodels/make_near_threshold_fixtures.py
Needs Debian's python3-numpy and python3-onnx. Writes fixtures/near-threshold.json.

For each checkpoint, a numpy forward pass of the ONNX graph (make_testmodels.np_forward) over
the 2,000 test digits gives:
  near[layer][neuron]  samples on which the neuron's activity at threshold 0 could flip: a dense
                       ReLU whose pre-activation is within NEAR of 0; a conv channel (active iff
                       its mean over positions is > 0, i.e. iff its largest pre-activation is
                       > 0) whose largest pre-activation over the positions is within NEAR of 0;
  nearLogits           samples whose two largest logits are within NEAR of each other (the
                       prediction could flip).
Runtimes agree with numpy within about 1e-6 on these models (see PYTORCH.md), so NEAR = 1e-5
covers every value whose side another runtime could round differently.
"""
import json
import os
import sys

import numpy as np
import onnx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_testmodels import np_forward  # noqa: E402

NEAR = 1e-5
HERE = os.path.dirname(os.path.abspath(__file__))


def near_counts(model, x):
    env = np_forward(model, {model.graph.input[0].name: x})
    relus = [n for n in model.graph.node if n.op_type == "Relu"]
    layers = []
    for node in relus:
        pre = env[node.input[0]]
        if pre.ndim == 4:
            pre = pre.reshape(pre.shape[0], pre.shape[1], -1).max(axis=2)
        layers.append([int(c) for c in (np.abs(pre.astype(np.float64)) < NEAR).sum(axis=0)])
    logits = env[model.graph.output[0].name].astype(np.float64)
    top2 = np.sort(logits, axis=1)[:, -2:]
    return {"near": layers, "nearLogits": int((top2[:, 1] - top2[:, 0] < NEAR).sum())}


def main():
    data = np.load(os.path.join(HERE, "mnist", "test.npz"))
    out = {"near": NEAR, "definition": __doc__.split("\n\n")[1].strip()}
    for net in ("mlp", "cnn"):
        x = data["x"].astype(np.float32)
        if net == "cnn":
            x = x.reshape(-1, 1, 28, 28)
        out[net] = {}
        for epoch in range(11):
            path = os.path.join(HERE, "onnx", net, f"{net}-epoch{epoch:02d}.onnx")
            out[net][str(epoch)] = near_counts(onnx.load(path), x)
    target = os.path.join(HERE, "fixtures", "near-threshold.json")
    with open(target, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    for net in ("mlp", "cnn"):
        print(net, [sum(map(sum, out[net][e]["near"])) + out[net][e]["nearLogits"] for e in map(str, range(11))])


if __name__ == "__main__":
    main()
