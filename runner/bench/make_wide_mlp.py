#!/usr/bin/python3
"""Writes DIR/wide-mlp.onnx: a 784-4096-4096-10 MLP with random weights, for benchmarks.

    /usr/bin/python3 runner/bench/make_wide_mlp.py --out DIR

Same family as testmodels/onnx/mlp (nn.Linear + nn.ReLU, modules fc1/act1/fc2/act2/fc3, so
the exported layers are `/act1/Relu` and `/act2/Relu`), untrained: PyTorch's default
nn.Linear initialisation after torch.manual_seed(0). Exported like
testmodels/make_testmodels.py's `export` helper: torch.onnx.export, opset 13, input `input`
[batch, 784], output `logits` [batch, 10], dynamic batch axis, checked with
onnx.checker. Deterministic (two runs give identical bytes; the sha256 is printed).
The file is about 80 MB, so it is generated at benchmark time and never committed.
Needs Debian's python3-torch and python3-onnx.
"""
import argparse
import hashlib
import io
import os

import onnx
import torch
from torch import nn

SEED = 0
OPSET = 13
WIDTH = 4096


class WideMLP(nn.Module):
    def __init__(self, width=WIDTH):
        super().__init__()
        self.fc1 = nn.Linear(784, width)
        self.act1 = nn.ReLU()
        self.fc2 = nn.Linear(width, width)
        self.act2 = nn.ReLU()
        self.fc3 = nn.Linear(width, 10)

    def forward(self, x):
        return self.fc3(self.act2(self.fc2(self.act1(self.fc1(x)))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="directory to write wide-mlp.onnx into")
    args = ap.parse_args()

    torch.manual_seed(SEED)
    model = WideMLP().eval()
    dummy = torch.zeros(2, 784)  # shape only; values do not enter the exported graph
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(model, (dummy,), buf, opset_version=OPSET,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    data = buf.getvalue()
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "wide-mlp.onnx")
    with open(path, "wb") as f:
        f.write(data)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    relus = [n.name for n in m.graph.node if n.op_type == "Relu"]
    assert relus == ["/act1/Relu", "/act2/Relu"], relus
    print(f"{path}: {len(data) / 1e6:.1f} MB, sha256 {hashlib.sha256(data).hexdigest()}, "
          f"layers {', '.join(relus)}")


if __name__ == "__main__":
    main()
