/**
 * {@code coact evolve} (METHOD.md 8): a series of checkpoints of one architecture analysed with
 * one configuration, every figure per checkpoint, the correlation of each model-level figure
 * with accuracy, and community tracking by Jaccard overlap of neuron ids.
 */
package org.coact.runner.evolve;
