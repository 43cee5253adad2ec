/**
 * The TensorFlow model-format plugin: opens SavedModel directories with TensorFlow Java and
 * extracts inner activations by fetching op outputs by name.
 *
 * <p>{@link org.coact.plugin.tensorflow.TensorFlowPlugin} is the PF4J entry point and
 * {@link org.coact.plugin.tensorflow.TensorFlowFormat} the {@code ModelFormat} extension. The
 * rest is package-private: {@code SavedModelDir} (the SavedModel proto, tags and signatures,
 * no engine), {@code LoadOptions}, {@code Loading} (bundle, and for function-style models the
 * flattened graph's session), {@code GraphFlattener} (inlines the functions a Keras/TF2
 * signature calls, variables frozen to constants), {@code LayerScanner} (layers and name-scope
 * composites), {@code TfModelHandle}, {@code TfExtractor} and {@code Tensors}.
 */
package org.coact.plugin.tensorflow;
