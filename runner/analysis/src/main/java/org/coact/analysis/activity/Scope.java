package org.coact.analysis.activity;


/**
 * Which neuron pairs get a co-activation count {@code C_jk} and can become graph edges
 * (METHOD.md sections 4 and 5, option {@code scope}).
 *
 * <p>Only the default exists so far. {@code ALL} (every pair of selected neurons) is a further
 * constant plus its pair layout in {@link CoactivationStats}; per-class counts {@code C_jkc} are
 * an orthogonal option of the statistics, not a scope.
 */
public enum Scope {
    /** {@code j} in layer {@code l_t}, {@code k} in the next selected layer {@code l_t+1}. */
    ADJACENT;

    /** @return the id used in configuration files and reports: the name in lower case */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
