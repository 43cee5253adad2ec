package org.coact.analysis.activity;

/**
 * Which neuron pairs get a co-activation count {@code C_jk} and can become graph edges
 * (METHOD.md sections 4 and 5, setting {@code graph.scope}).
 */
public enum Scope {
    /** {@code j} in layer {@code l_t}, {@code k} in the next selected layer {@code l_t+1}. */
    ADJACENT,
    /**
     * Every pair of selected neurons, within a layer and across any two layers: the scope in
     * which a community need not be a block of consecutive layers.
     */
    ALL;

    /** @return the id used in configuration files and reports: the name in lower case */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
