/** Entropy figures (docs/METHOD.md 7): per neuron, per layer and class, and over the model. */
package org.coact.analysis.entropy;
