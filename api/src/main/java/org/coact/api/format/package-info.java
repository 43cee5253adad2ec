/**
 * The model-format extension point. A {@link org.coact.api.format.ModelFormat} recognises and
 * opens model files; the resulting {@link org.coact.api.format.ModelHandle} describes the
 * model's inputs and layers and creates {@link org.coact.api.format.Extractor}s that run
 * batches and return the model output plus the requested layers' activations.
 *
 * <p>Conventions every plugin follows: tensors cross the boundary as float32 row-major
 * {@link org.coact.api.FloatTensor}s, batch axis first; dynamic dimensions are reported as
 * {@code -1}; a layer's {@link org.coact.api.format.LayerInfo#channelAxis()} says where the
 * channels of a rank-4 output live (1 for NCHW, 3 for NHWC).
 */
package org.coact.api.format;
