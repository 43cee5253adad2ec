/** The neuron graph (docs/METHOD.md 5): edges weighted from the counts, sparsified, as a {@code WeightedGraph}. */
package org.coact.analysis.graph;
