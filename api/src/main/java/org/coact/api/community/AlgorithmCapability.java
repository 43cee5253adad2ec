package org.coact.api.community;

/** Optional abilities a {@link CommunityAlgorithm} declares. */
public enum AlgorithmCapability {
    /** Uses edge weights (otherwise every edge counts as 1). */
    WEIGHTED,
    /** Honours {@link AlgorithmParameters#resolution()}. */
    RESOLUTION,
    /** Uses {@link AlgorithmParameters#seed()}; without it the result is deterministic anyway. */
    RANDOMISED,
    /** Only practical on small graphs (e.g. Girvan-Newman). */
    SMALL_GRAPHS_ONLY
}
