package org.coact.analysis.activity;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each in-scope pair's count lives: one block per pair of layers {@code (t, u)},
 * {@code t <= u}, in scope, holding a row-major {@code F_t x F_u} matrix (a within-layer block
 * {@code (t, t)} uses its upper triangle only, {@code j < k}). Adjacent scope: blocks
 * {@code (t, t+1)}; all pairs: every {@code (t, u)} with {@code t <= u}.
 */
final class PairBlocks implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One block.
     *
     * @param from layer t
     * @param to layer u, {@code >= t}
     * @param rows F_t
     * @param columns F_u
     */
    record Block(int from, int to, int rows, int columns) implements java.io.Serializable {
        boolean within() {
            return from == to;
        }

        int size() {
            return Math.multiplyExact(rows, columns);
        }
    }

    private final List<Block> blocks = new ArrayList<>();
    /** Block index of {@code (t, u)}, or -1 when the pair of layers is not in scope. */
    private final int[][] index;

    PairBlocks(List<LayerShape> layers, Scope scope) {
        int n = layers.size();
        index = new int[n][n];
        for (int[] row : index) {
            java.util.Arrays.fill(row, -1);
        }
        for (int t = 0; t < n; t++) {
            for (int u = t; u < n; u++) {
                boolean in = scope == Scope.ALL || u == t + 1;
                if (in) {
                    index[t][u] = blocks.size();
                    blocks.add(new Block(t, u, layers.get(t).neurons(), layers.get(u).neurons()));
                }
            }
        }
    }

    List<Block> blocks() {
        return blocks;
    }

    /** @return the block of layers {@code t <= u}, or -1 */
    int of(int t, int u) {
        return index[t][u];
    }

    /** @return the pairs in scope */
    long pairs() {
        long p = 0;
        for (Block b : blocks) {
            p += b.within() ? (long) b.rows() * (b.rows() - 1) / 2 : (long) b.rows() * b.columns();
        }
        return p;
    }
}
