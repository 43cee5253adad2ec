/**
 * The pipeline of {@code coact analyze}: model -> layer selection -> streamed batches ->
 * additive statistics -> graph -> communities -> entropy -> report. Activations are reduced
 * to counts batch by batch and never kept.
 */
package org.coact.runner.pipeline;
