#!/usr/bin/python3
"""Writes tiny ONNX models that no run could analyse: two whose declared shapes no run could hold,
and one without outputs (testmodels/README.md,
refusals/): Coact refuses each in `coact layers` and `coact analyze` before any inference.

    /usr/bin/python3 testmodels/make_shape_refusals.py

- refusals/huge-expand.onnx: x [N,784] -> MatMul (784x4) -> Relu -> Expand to the constant shape
  [2^20, 2^20, 4] (4.4e12 elements) -> ReduceMean over all axes -> y [] (a scalar): ONNX shape inference
  gives the Expand's output its full static shape.
- refusals/huge-input.onnx: x declared [N, 65536, 65536] (2^32 elements per sample) -> ReduceMean
  over axes 1, 2 -> y [N].
- refusals/no-outputs.onnx: x [N,784] -> Relu, and no graph output: no prediction to analyse.
No random numbers: the weights are all ones. onnx 1.12 (Debian 12), opset 13, IR version 7.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "onnx", "wild", "refusals")


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="coact-testmodels")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))
    print("wrote", os.path.join(OUT, name))


def huge_expand():
    w = numpy_helper.from_array(np.ones((784, 4), np.float32), "W")
    shape = numpy_helper.from_array(np.array([1 << 20, 1 << 20, 4], np.int64), "shape")
    nodes = [helper.make_node("MatMul", ["x", "W"], ["h"], name="fc"),
             helper.make_node("Relu", ["h"], ["r"], name="act"),
             helper.make_node("Expand", ["r", "shape"], ["e"], name="expand"),
             helper.make_node("ReduceMean", ["e"], ["y"], name="mean", keepdims=0)]
    graph = helper.make_graph(nodes, "huge-expand", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 784])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [])], [w, shape])
    save(graph, "huge-expand.onnx")


def huge_input():
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="act"),
             helper.make_node("ReduceMean", ["r"], ["y"], name="mean", axes=[1, 2], keepdims=0)]
    graph = helper.make_graph(nodes, "huge-input",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 65536, 65536])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N"])])
    save(graph, "huge-input.onnx")


def no_outputs():
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["r"], name="act")], "no-outputs",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 784])], [])
    save(graph, "no-outputs.onnx")


if __name__ == "__main__":
    huge_expand()
    huge_input()
    no_outputs()
