package org.coact.analysis.community;

import java.util.Arrays;
import org.coact.api.community.WeightedGraph;

/** Small graphs with known structure, shared by the community tests. */
public final class TestGraphs {

    private TestGraphs() {
    }

    /** Triangles 0-1-2 and 3-4-5 joined by the bridge 2-3, unit weights, plus {@code isolated} extra nodes. */
    public static WeightedGraph twoTrianglesWithBridge(int isolated) {
        return new WeightedGraph(6 + isolated, new int[] {0, 0, 1, 2, 3, 3, 4}, new int[] {1, 2, 2, 3, 4, 5, 5},
                new double[] {1, 1, 1, 1, 1, 1, 1});
    }

    /** {@code cliques} cliques of {@code size} nodes, unit weights, clique i's node 0 joined to clique i+1's node 1. */
    public static WeightedGraph ringOfCliques(int cliques, int size) {
        int edges = cliques * size * (size - 1) / 2 + cliques;
        int[] s = new int[edges];
        int[] t = new int[edges];
        int e = 0;
        for (int c = 0; c < cliques; c++) {
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    s[e] = c * size + i;
                    t[e++] = c * size + j;
                }
            }
            int a = c * size;
            int b = ((c + 1) % cliques) * size + 1;
            s[e] = Math.min(a, b);
            t[e++] = Math.max(a, b);
        }
        double[] w = new double[edges];
        Arrays.fill(w, 1.0);
        return new WeightedGraph(cliques * size, s, t, w);
    }

    /**
     * 12 nodes with random weights, made by networkx 2.8.8 (Debian python3-networkx):
     * <pre>
     * import random, networkx as nx
     * rng = random.Random(2024)
     * G = nx.Graph(); G.add_nodes_from(range(12))
     * for i in range(12):
     *     for j in range(i + 1, 12):
     *         if rng.random() &lt; 0.35:
     *             G.add_edge(i, j, weight=round(rng.uniform(0.1, 2.0), 3))
     * print(sorted((u, v, d['weight']) for u, v, d in G.edges(data=True)))
     * </pre>
     */
    public static WeightedGraph networkxTwelve() {
        double[][] edges = {{0, 3, 1.786}, {0, 6, 0.566}, {1, 2, 1.438}, {1, 6, 1.53}, {1, 10, 0.504}, {2, 3, 0.764},
            {2, 5, 1.513}, {2, 8, 0.482}, {2, 10, 0.507}, {3, 4, 0.177}, {3, 5, 0.137}, {3, 8, 1.925}, {3, 11, 1.718},
            {4, 6, 1.991}, {4, 8, 1.037}, {4, 10, 0.836}, {4, 11, 1.886}, {5, 8, 1.422}, {5, 10, 0.493}, {6, 7, 1.703},
            {6, 8, 0.386}, {6, 11, 1.626}, {7, 8, 0.976}, {7, 9, 1.095}, {8, 9, 0.235}, {8, 10, 0.358}, {9, 10, 0.291},
            {9, 11, 0.471}};
        int[] s = new int[edges.length];
        int[] t = new int[edges.length];
        double[] w = new double[edges.length];
        for (int e = 0; e < edges.length; e++) {
            s[e] = (int) edges[e][0];
            t[e] = (int) edges[e][1];
            w[e] = edges[e][2];
        }
        return new WeightedGraph(12, s, t, w);
    }
}
