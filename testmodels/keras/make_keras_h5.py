#!/usr/bin/python3
"""Writes the epoch-10 MNIST MLP and CNN (testmodels/onnx/{mlp,cnn}/*-epoch10.onnx) as Keras 2
HDF5 files, in the layout Keras 2 (tf.keras 2.x, `model.save("x.h5")`) writes, with h5py only:

  /                      attrs: keras_version, backend, model_config (JSON, utf-8 bytes)
  /model_weights         attrs: layer_names, backend, keras_version
  /model_weights/<layer> attrs: weight_names [b"<layer>/kernel:0", b"<layer>/bias:0"] (empty if none)
  /model_weights/<layer>/<layer>/kernel:0, bias:0   datasets

Also three bad-input fixtures: unsupported-layer.h5 (a Sequential model with a Lambda layer),
weights-only.h5 (the layout of model.save_weights: no model_config) and unknown-activation.h5 (a
Sequential model whose Dense fc1 has activation "mish_unknown", which no importer knows).

No training_config and no optimizer_weights: an inference export (Keras loads it and warns that
the model was not compiled).

- mlp-epoch10.h5: Sequential, InputLayer [None,784], Dense fc1 (128, relu), Dense fc2 (64, relu),
  Dense fc3 (10, linear = torch's logits). Keras kernels are [in,out]: torch's Gemm weight
  [out,in] transposed.
- cnn-epoch10.h5: Functional, channels_last (Keras' default, and the only layout TensorFlow's CPU
  kernels run): input [None,28,28,1], Conv2D conv1 (8, 3x3, same, relu), MaxPooling2D pool1,
  Conv2D conv2 (16, 3x3, same, relu), MaxPooling2D pool2, Flatten flatten, Dense fc1 (64, relu),
  Dense fc2 (10, linear). Conv kernels are HWIO (torch OIHW transposed (2,3,1,0)). Keras flattens
  [7,7,16] in H,W,C order, torch [16,7,7] in C,H,W order, so fc1's kernel rows are permuted:
  kernel[h*112 + w*16 + c, o] = torch_fc1[o, c*49 + h*7 + w]. With C = 1 the [N,28,28,1] input
  holds the 784 pixels in the same order as torch's [N,1,28,28].
- gelu-mlp.h5: activations DL4J 1.0.0-M2.1's Keras import lacks (gelu) or has under one name only
  (swish, not silu). Sequential, InputLayer [None,784], Dense fc1 (32, "gelu": Keras' default
  exact form 0.5*x*(1 + erf(x/sqrt(2))), approximate=False), Dense fc2 (16, "swish" =
  x*sigmoid(x)), Dense fc3 (10, linear). Random weights (numpy default_rng(2024), normal, scaled
  so that fc1's and fc2's inputs spread over about [-5.5, 5.5] on the reference digits, where
  DL4J's own GELU, x*sigmoid(1.702x), is off by up to 2e-2 and the tanh form by 4.7e-4).
  gelu-mlp-reference.npz: the first 16 digits of mnist/test.npz, forward in float64 with the
  float32 weights (erf from math.erf), each value then cast to float32: input [16,784], y [16],
  fc1 [16,32] (after GELU), fc2 [16,16] (after swish), logits [16,10]. Written with fixed zip
  entry times so that reruns are byte-identical.

Run: apt-get install -y python3-h5py python3-onnx python3-numpy
     /usr/bin/python3 testmodels/keras/make_keras_h5.py
"""
import io
import json
import math
import os
import sys
import zipfile

import h5py
import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KERAS_VERSION = "2.11.0"
BACKEND = "tensorflow"


def weights(path):
    model = onnx.load(path)
    return {t.name: numpy_helper.to_array(t).astype(np.float32) for t in model.graph.initializer}


def initializers():
    return {
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None,
    }


def input_layer(name, shape):
    return {"class_name": "InputLayer",
            "config": {"batch_input_shape": [None] + list(shape), "dtype": "float32", "sparse": False,
                       "ragged": False, "name": name}}


def dense(name, units, activation):
    cfg = {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
           "use_bias": True}
    cfg.update(initializers())
    return {"class_name": "Dense", "config": cfg}


def conv(name, filters):
    cfg = {"name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": [3, 3],
           "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1],
           "groups": 1, "activation": "relu", "use_bias": True}
    cfg.update(initializers())
    return {"class_name": "Conv2D", "config": cfg}


def pool(name):
    return {"class_name": "MaxPooling2D",
            "config": {"name": name, "trainable": True, "dtype": "float32", "pool_size": [2, 2], "padding": "valid",
                       "strides": [2, 2], "data_format": "channels_last"}}


def flatten(name):
    return {"class_name": "Flatten",
            "config": {"name": name, "trainable": True, "dtype": "float32", "data_format": "channels_last"}}


def write(path, model_config, layer_names, layer_weights):
    """layer_names: model.layers in order; layer_weights: name -> [(weight name, array)]."""
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = BACKEND
        f.attrs["keras_version"] = KERAS_VERSION
        f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        g = f.create_group("model_weights")
        g.attrs["backend"] = BACKEND
        g.attrs["keras_version"] = KERAS_VERSION
        g.attrs["layer_names"] = np.array([n.encode("utf8") for n in layer_names])
        for name in layer_names:
            lg = g.create_group(name)
            ws = layer_weights.get(name, [])
            names = [("%s/%s:0" % (name, w)).encode("utf8") for w, _ in ws]
            lg.attrs["weight_names"] = np.array(names) if names else np.array([])
            for (w, value), full in zip(ws, names):
                d = lg.create_dataset(full.decode("utf8"), value.shape, dtype=value.dtype)
                d[...] = value
    print("%s %d bytes" % (os.path.relpath(path, ROOT), os.path.getsize(path)))


def mlp(epoch):
    w = weights(os.path.join(ROOT, "onnx/mlp/mlp-epoch%02d.onnx" % epoch))
    layers = [input_layer("input", [784]), dense("fc1", 128, "relu"), dense("fc2", 64, "relu"),
              dense("fc3", 10, "linear")]
    config = {"class_name": "Sequential", "config": {"name": "mlp", "layers": layers}}
    lw = {m: [("kernel", np.ascontiguousarray(w[m + ".weight"].T)), ("bias", w[m + ".bias"])]
          for m in ("fc1", "fc2", "fc3")}
    write(os.path.join(HERE, "mlp-epoch%02d.h5" % epoch), config, ["fc1", "fc2", "fc3"], lw)


def cnn(epoch):
    w = weights(os.path.join(ROOT, "onnx/cnn/cnn-epoch%02d.onnx" % epoch))
    chain = [input_layer("input", [28, 28, 1]), conv("conv1", 8), pool("pool1"), conv("conv2", 16), pool("pool2"),
             flatten("flatten"), dense("fc1", 64, "relu"), dense("fc2", 10, "linear")]
    layers = []
    previous = None
    for layer in chain:
        name = layer["config"]["name"]
        layer = dict(layer, name=name, inbound_nodes=[] if previous is None else [[[previous, 0, 0, {}]]])
        layers.append(layer)
        previous = name
    config = {"class_name": "Functional",
              "config": {"name": "cnn", "layers": layers, "input_layers": [["input", 0, 0]],
                         "output_layers": [["fc2", 0, 0]]}}
    fc1 = w["fc1.weight"].reshape(64, 16, 7, 7).transpose(2, 3, 1, 0).reshape(784, 64)
    lw = {
        "conv1": [("kernel", np.ascontiguousarray(w["conv1.weight"].transpose(2, 3, 1, 0))), ("bias", w["conv1.bias"])],
        "conv2": [("kernel", np.ascontiguousarray(w["conv2.weight"].transpose(2, 3, 1, 0))), ("bias", w["conv2.bias"])],
        "fc1": [("kernel", np.ascontiguousarray(fc1)), ("bias", w["fc1.bias"])],
        "fc2": [("kernel", np.ascontiguousarray(w["fc2.weight"].T)), ("bias", w["fc2.bias"])],
    }
    write(os.path.join(HERE, "cnn-epoch%02d.h5" % epoch), config, [l["name"] for l in layers], lw)


def fixtures():
    """Two small files for the plugin's bad-input tests (random weights, seed 0)."""
    rng = np.random.default_rng(0)
    k = lambda *shape: rng.standard_normal(shape).astype(np.float32)
    # a Sequential model with a Lambda layer, which DL4J's Keras import cannot run
    layers = [input_layer("input", [4]), dense("fc1", 3, "relu"),
              {"class_name": "Lambda", "config": {"name": "scale", "trainable": True, "dtype": "float32",
                                                  "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwApAk7pAgAAAKkAKQHaAXhyAgAAAHICAAAA+gg8c3RyaW5nPtoIPGxhbWJkYT4BAAAA8wAAAAA=", None, None],
                                                  "function_type": "lambda", "module": "__main__", "output_shape": None,
                                                  "output_shape_type": "raw", "output_shape_module": None, "arguments": {}}}]
    config = {"class_name": "Sequential", "config": {"name": "unsupported", "layers": layers}}
    write(os.path.join(HERE, "unsupported-layer.h5"), config, ["fc1", "scale"],
          {"fc1": [("kernel", k(4, 3)), ("bias", k(3))]})
    # what model.save_weights("x.h5") writes: weights, no architecture
    path = os.path.join(HERE, "weights-only.h5")
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = BACKEND
        f.attrs["keras_version"] = KERAS_VERSION
        f.attrs["layer_names"] = np.array([b"fc1"])
        g = f.create_group("fc1")
        g.attrs["weight_names"] = np.array([b"fc1/kernel:0", b"fc1/bias:0"])
        g.create_dataset("fc1/kernel:0", data=k(4, 3))
        g.create_dataset("fc1/bias:0", data=k(3))
    print("%s %d bytes" % (os.path.relpath(path, ROOT), os.path.getsize(path)))


def savez(path, **arrays):
    """np.savez_compressed with fixed entry times (numpy stamps the current time): same bytes on every run."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, value in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(value), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, buf.getvalue())
    print("%s %d bytes" % (os.path.relpath(path, ROOT), os.path.getsize(path)))


def gelu(x):
    """Keras' gelu(approximate=False) in float64."""
    return 0.5 * x * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0)))


def swish(x):
    return x / (1.0 + np.exp(-x))


def gelu_mlp():
    """gelu-mlp.h5 and its float64 reference on the first 16 test digits."""
    rng = np.random.default_rng(2024)
    shapes = {"fc1": (784, 32, 0.15), "fc2": (32, 16, 0.25), "fc3": (16, 10, 0.3)}
    lw = {}
    for name, (n_in, n_out, scale) in shapes.items():
        kernel = (rng.standard_normal((n_in, n_out)) * scale).astype(np.float32)
        bias = (rng.standard_normal(n_out) * 0.5).astype(np.float32)
        lw[name] = [("kernel", kernel), ("bias", bias)]
    layers = [input_layer("input", [784]), dense("fc1", 32, "gelu"), dense("fc2", 16, "swish"),
              dense("fc3", 10, "linear")]
    config = {"class_name": "Sequential", "config": {"name": "gelu_mlp", "layers": layers}}
    write(os.path.join(HERE, "gelu-mlp.h5"), config, ["fc1", "fc2", "fc3"], lw)

    test = np.load(os.path.join(ROOT, "mnist/test.npz"))
    x = test["x"][:16]
    k = lambda n: lw[n][0][1].astype(np.float64)
    b = lambda n: lw[n][1][1].astype(np.float64)
    pre1 = x.astype(np.float64) @ k("fc1") + b("fc1")
    fc1 = gelu(pre1)
    pre2 = fc1 @ k("fc2") + b("fc2")
    fc2 = swish(pre2)
    logits = fc2 @ k("fc3") + b("fc3")
    savez(os.path.join(HERE, "gelu-mlp-reference.npz"), input=x, y=test["y"][:16], fc1=fc1.astype(np.float32),
          fc2=fc2.astype(np.float32), logits=logits.astype(np.float32))
    sigmoid_gelu = pre1 / (1.0 + np.exp(-1.702 * pre1))
    tanh_gelu = 0.5 * pre1 * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (pre1 + 0.044715 * pre1 ** 3)))
    print("gelu-mlp: fc1 inputs in [%.2f, %.2f], fc2 inputs in [%.2f, %.2f]; exact GELU vs x*sigmoid(1.702x) "
          "%.3g, vs tanh form %.3g" % (pre1.min(), pre1.max(), pre2.min(), pre2.max(),
                                       abs(fc1 - sigmoid_gelu).max(), abs(fc1 - tanh_gelu).max()))


def unknown_activation():
    """A Sequential model whose fc1 has an activation no importer knows."""
    rng = np.random.default_rng(7)
    k = lambda *shape: rng.standard_normal(shape).astype(np.float32)
    layers = [input_layer("input", [4]), dense("fc1", 3, "mish_unknown"), dense("fc2", 2, "linear")]
    config = {"class_name": "Sequential", "config": {"name": "unknown_activation", "layers": layers}}
    write(os.path.join(HERE, "unknown-activation.h5"), config, ["fc1", "fc2"],
          {"fc1": [("kernel", k(4, 3)), ("bias", k(3))], "fc2": [("kernel", k(3, 2)), ("bias", k(2))]})


def check():
    """numpy forward pass of the written files vs testmodels/onnx/special/*-reference.npz (torch)."""
    def relu(x):
        return np.maximum(x, 0)

    with h5py.File(os.path.join(HERE, "mlp-epoch10.h5"), "r") as f:
        k = lambda n, w: f["model_weights/%s/%s/%s:0" % (n, n, w)][...]
        ref = np.load(os.path.join(ROOT, "onnx/special/mlp-fixed-batch-reference.npz"))
        a1 = relu(ref["input"] @ k("fc1", "kernel") + k("fc1", "bias"))
        a2 = relu(a1 @ k("fc2", "kernel") + k("fc2", "bias"))
        logits = a2 @ k("fc3", "kernel") + k("fc3", "bias")
        print("mlp max |diff| vs torch: act1 %.3g act2 %.3g logits %.3g" % (
            abs(a1 - ref["act1"]).max(), abs(a2 - ref["act2"]).max(), abs(logits - ref["logits"]).max()))
    with h5py.File(os.path.join(HERE, "cnn-epoch10.h5"), "r") as f:
        k = lambda n, w: f["model_weights/%s/%s/%s:0" % (n, n, w)][...]
        ref = np.load(os.path.join(ROOT, "onnx/special/cnn-fixed-batch-reference.npz"))
        x = ref["input"].reshape(-1, 28, 28, 1)

        def conv2d(x, kern, bias):
            n, h, w_, c = x.shape
            p = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
            out = np.zeros((n, h, w_, kern.shape[3]), np.float32)
            for i in range(3):
                for j in range(3):
                    out += np.einsum("nhwc,co->nhwo", p[:, i:i + h, j:j + w_, :], kern[i, j])
            return relu(out + bias)

        def maxpool(x):
            n, h, w_, c = x.shape
            return x.reshape(n, h // 2, 2, w_ // 2, 2, c).max(axis=(2, 4))

        a1 = conv2d(x, k("conv1", "kernel"), k("conv1", "bias"))
        a2 = conv2d(maxpool(a1), k("conv2", "kernel"), k("conv2", "bias"))
        flat = maxpool(a2).reshape(len(x), -1)
        a3 = relu(flat @ k("fc1", "kernel") + k("fc1", "bias"))
        logits = a3 @ k("fc2", "kernel") + k("fc2", "bias")
        print("cnn max |diff| vs torch: act1 %.3g act2 %.3g act3 %.3g logits %.3g" % (
            abs(a1.transpose(0, 3, 1, 2) - ref["act1"]).max(), abs(a2.transpose(0, 3, 1, 2) - ref["act2"]).max(),
            abs(a3 - ref["act3"]).max(), abs(logits - ref["logits"]).max()))


if __name__ == "__main__":
    epochs = [int(a) for a in sys.argv[1:]] or [10]
    for e in epochs:
        mlp(e)
        cnn(e)
    fixtures()
    gelu_mlp()
    unknown_activation()
    check()
