/**
 * From activations to additive counts (docs/METHOD.md 2-4): a layer's output reduced to one
 * value per neuron, thresholds (fixed, or each neuron's exact quantile by streamed radix
 * selection), and the sufficient statistics n, n_c, c_j, c_jc and C_jk, which merge by
 * addition across batches and shards.
 */
package org.coact.analysis.activity;
