#!/usr/bin/python3
"""Writes the bundled MNIST MLP (epoch 10) in the example plugin's dense-npz format.

Run from the repository root:  /usr/bin/python3 testmodels/make_dense_npz.py
Needs Debian's python3-numpy and python3-onnx. Reads onnx/mlp/mlp-epoch10.onnx and writes
dense/mlp-epoch10.npz: W1, b1, W2, b2, W3, b3 (float32, W as [in, out], the transpose of the ONNX
Gemm weight, which has transB=1) and activation = "relu". The same weights bit for bit, so the
example plugin (plugins/examples/dense-npz) must give what ONNX Runtime gives, within float32
rounding of a different summation order.
"""
import os

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    model = onnx.load(os.path.join(HERE, "onnx", "mlp", "mlp-epoch10.onnx"))
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    arrays = {}
    gemms = [n for n in model.graph.node if n.op_type == "Gemm"]
    for k, node in enumerate(gemms, start=1):
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        w = init[node.input[1]]
        if attrs.get("transB", 0):
            w = w.T
        arrays[f"W{k}"] = np.ascontiguousarray(w, dtype=np.float32)
        arrays[f"b{k}"] = init[node.input[2]].astype(np.float32)
    arrays["activation"] = np.array("relu")
    os.makedirs(os.path.join(HERE, "dense"), exist_ok=True)
    target = os.path.join(HERE, "dense", "mlp-epoch10.npz")
    np.savez(target, **arrays)
    print(target, {k: v.shape for k, v in arrays.items()})


if __name__ == "__main__":
    main()
