/**
 * The ONNX model-format plugin: opens {@code .onnx} files (typically PyTorch exports) with
 * ONNX Runtime and extracts inner activations by adding the layers' output values as graph
 * outputs of an in-memory copy of the model; the user's file is never written.
 *
 * <p>{@link org.coact.plugin.onnx.OnnxPlugin} is the PF4J entry point and
 * {@link org.coact.plugin.onnx.OnnxFormat} the {@code ModelFormat} extension. The rest is
 * package-private: {@code HeaderCheck} (cheap content recognition without the engine),
 * {@code OnnxGraph} (the parsed proto and its in-memory rewrites), {@code IfFolding}
 * (control flow decided by fixed inputs), {@code LayerScanner} (layers by node and module scope),
 * {@code ActivationChains} (activations and gates found by dataflow), {@code CompositePatterns}
 * (LayerNorm scopes), {@code Recurrent} (batch-first recurrent outputs), {@code LayerShapes}
 * (inferred or observed layer shapes), {@code Sessions} (ONNX Runtime session options and
 * creation), {@code OnnxModelHandle}, {@code OnnxExtractor}, {@code BatchMode} and
 * {@code Tensors} (dtype conversion).
 */
package org.coact.plugin.onnx;
