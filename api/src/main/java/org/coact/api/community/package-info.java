/**
 * The community-algorithm extension point (METHOD.md section 6): a
 * {@link org.coact.api.community.WeightedGraph}, {@link org.coact.api.community.AlgorithmParameters}
 * and an explicit seed in, a {@link org.coact.api.community.Partition} out. Same graph, same
 * parameters, same seed: same partition.
 */
package org.coact.api.community;
