#!/usr/bin/python3
"""Builds testmodels/onnx/names/: a small ONNX classifier whose layer names are hostile.

Run from anywhere:  /usr/bin/python3 testmodels/make_name_fuzz_model.py
Needs Debian's python3-onnx and python3-numpy.  Deterministic: two runs give byte-identical
files (fixed seed, npz written with fixed zip timestamps).

The graph (opset 13, written with onnx.helper): x float32 [N, 6] -> for every hostile name
k, in parallel: Gemm (6 -> 4, node 'g<k>') -> Relu whose node name is the hostile name and whose
output value is '<name>_output_0' (as PyTorch names values); Concat of all -> Gemm -> logits [N, 3].
The Relu nodes are the layers `coact analyze` selects (auto = activation outputs), so every
hostile name reaches every output file: report.json, the CSVs, GraphML, GEXF, report.html and
the terminal summary.  No hostile name holds a '/', so no two nodes share a module scope.

names.json lists the Relu names in graph order (JSON escapes: the exact strings), the reason
for each, and the data set: name-fuzz.npz, x [200, 6] standard normal (seed 0), y the model's
own argmax (so the accuracy is 1).  Used by runner/src/test/java/org/coact/runner/output/NameFuzzTest.java.
"""
import io
import json
import os
import zipfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "onnx", "names")

# (name, why); kept free of '/' so that each node is its own scope
NAMES = [
    ("ctl\x01\x07\x08\x1b[31mred\x1b[0m\x7f", "C0 controls, an ANSI colour escape and DEL"),
    ("nul\x00byte", "NUL (XML 1.0 cannot hold it; ONNX Runtime's C API cannot take it in a value name)"),
    ("c1\x85\x9b31m", "C1 controls NEL and CSI (an 8-bit terminal escape)"),
    ("rtl\u202eevil\u202c \u2066iso\u2069 \u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
     "bidi override, isolate and mark, Hebrew and Arabic text"),
    ("emoji \U0001f600\U0001f9e0 \U0001f44d\U0001f3fd", "non-BMP characters (surrogate pairs in Java)"),
    ("<script>alert(1)<\\script>", "markup (backslash: a '/' would make a module scope)"),
    ("]]><!-- & &amp; <\\script><!--", "CDATA end, comment start, ampersands"),
    ("quotes \"double\" 'single' `back`,comma;semi", "quotes and CSV separators"),
    ("line1\nline2\r\nline3\rend\ttab", "line breaks and a tab inside"),
    ("=HYPERLINK(\"http://example.invalid\",\"click\")", "a spreadsheet formula"),
    ("+1", "starts with +"),
    ("-0.5", "looks like a number, starts with -"),
    ("@SUM(A1)", "starts with @"),
    ("\tTAB", "starts with a tab"),
    ("\rCR", "starts with a carriage return"),
    ("'quoted", "starts with the neutralising quote itself"),
    ("bom\ufeff nonchar\ufffe\uffff", "BOM and the noncharacters U+FFFE/U+FFFF (XML 1.0 forbids the latter)"),
    ("long-" + "\u00e9x" * 5120, "a 10 KB name (10,245 characters, 15,365 UTF-8 bytes)"),
]

HIDDEN = 4
INPUTS = 6
CLASSES = 3
SAMPLES = 200


def savez(path, **arrays):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key, val in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(val), allow_pickle=False)
            zi = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, buf.getvalue(), compresslevel=6)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(0)
    nodes, inits = [], []
    weights, relus = [], []
    for k, (name, _) in enumerate(NAMES):
        w = rng.standard_normal((HIDDEN, INPUTS)).astype(np.float32)
        b = (rng.standard_normal(HIDDEN) * 0.5).astype(np.float32)
        inits += [numpy_helper.from_array(w, "w%d" % k), numpy_helper.from_array(b, "b%d" % k)]
        gemm = "g%d_output_0" % k
        nodes.append(helper.make_node("Gemm", ["x", "w%d" % k, "b%d" % k], [gemm], name="g%d" % k, transB=1))
        relu = name + "_output_0"
        nodes.append(helper.make_node("Relu", [gemm], [relu], name=name))
        weights.append((w, b))
        relus.append(relu)
    nodes.append(helper.make_node("Concat", relus, ["features"], name="concat", axis=1))
    value = "features"
    wo = rng.standard_normal((CLASSES, HIDDEN * len(NAMES))).astype(np.float32)
    bo = np.zeros(CLASSES, dtype=np.float32)
    inits += [numpy_helper.from_array(wo, "wo"), numpy_helper.from_array(bo, "bo")]
    nodes.append(helper.make_node("Gemm", [value, "wo", "bo"], ["logits"], name="head", transB=1))
    graph = helper.make_graph(nodes, "name-fuzz",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", INPUTS])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", CLASSES])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="coact make_name_fuzz_model.py", producer_version="1")
    model.ir_version = 8
    onnx.checker.check_model(model)
    with open(os.path.join(OUT, "name-fuzz.onnx"), "wb") as f:
        f.write(model.SerializeToString())

    x = rng.standard_normal((SAMPLES, INPUTS)).astype(np.float32)
    h = np.concatenate([np.maximum(x.astype(np.float64) @ w.T.astype(np.float64) + b, 0.0) for w, b in weights],
                       axis=1)
    logits = h @ wo.T.astype(np.float64) + bo
    y = np.argmax(logits, axis=1).astype(np.int64)
    savez(os.path.join(OUT, "name-fuzz.npz"), x=x, y=y)
    doc = {
        "what": "hostile layer names; see make_name_fuzz_model.py",
        "model": "name-fuzz.onnx",
        "data": "name-fuzz.npz (x float32 [%d, %d] standard normal, seed 0; y = the model's argmax)"
                % (SAMPLES, INPUTS),
        "neuronsPerLayer": HIDDEN,
        "classes": sorted(set(int(v) for v in y)),
        "layers": [{"name": n, "why": why} for n, why in NAMES],
    }
    with open(os.path.join(OUT, "names.json"), "w", encoding="ascii") as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write("\n")
    print("wrote", OUT, "classes", doc["classes"], "sizes",
          [os.path.getsize(os.path.join(OUT, p)) for p in sorted(os.listdir(OUT))])


if __name__ == "__main__":
    main()
