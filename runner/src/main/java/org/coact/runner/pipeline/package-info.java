/**
 * The pipeline of {@code coact analyze}: model -> layer selection -> streamed batches
 * (first the quantile passes of {@code threshold: quantile q}, if set) -> additive statistics -> graph -> communities -> entropy -> report. Activations are reduced
 * to histograms or counts batch by batch and never kept.
 */
package org.coact.runner.pipeline;
