/**
 * The shared analysis stage (METHOD.md sections 2-7): from layer activations to neurons
 * ({@link org.coact.runner.analysis.NeuronReduction}), activity
 * ({@link org.coact.runner.analysis.Threshold}; exact per-neuron quantiles by streamed radix
 * selection in {@link org.coact.runner.analysis.QuantileSelector}), additive counts
 * ({@link org.coact.runner.analysis.CoactivationStats}), entropy
 * ({@link org.coact.runner.analysis.EntropyFigures}), the neuron graph
 * ({@link org.coact.runner.analysis.GraphBuilder}), the built-in community algorithms
 * ({@link org.coact.runner.analysis.LouvainCommunityAlgorithm},
 * {@link org.coact.runner.analysis.LeidenCommunityAlgorithm}) and the quality of a partition
 * ({@link org.coact.runner.analysis.Modularity}, {@link org.coact.runner.analysis.CommunityFigures}).
 * Nothing here keeps activations or global state; every class is engine-independent.
 */
package org.coact.runner.analysis;
