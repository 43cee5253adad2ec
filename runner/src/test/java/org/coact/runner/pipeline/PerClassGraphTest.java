package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.ClassGraph;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.community.Modularity;
import org.coact.api.community.WeightedGraph;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;

/**
 * {@code graph.per_class} on the trained MLP: one graph per digit from that digit's own counts,
 * Jaccard weights recomputed here from C_jkc, c_jc, and each class's Q recomputed from its
 * graph and partition (docs/METHOD.md 5, 6).
 */
class PerClassGraphTest {

    @Test
    void eachClassHasItsOwnGraphPartitionAndNullModel() throws Exception {
        Analysis a = TestEnv.pipeline().analyze(TestEnv.mnistRequest("onnx/mlp/mlp-epoch10.onnx",
                Map.of("graph.per_class", true, "community.null_samples", 3)), ProgressListener.NONE);
        CoactivationStats stats = a.statistics();
        assertEquals(10, a.classGraphs().size());
        long samples = 0;
        for (ClassGraph g : a.classGraphs()) {
            int c = g.classIndex();
            assertEquals(stats.samples(c), g.samples());
            samples += g.samples();
            WeightedGraph w = g.graph().graph();
            assertEquals(192, w.nodeCount());
            int edges = 0;
            for (int j = 0; j < 128; j++) {
                for (int k = 128; k < 192; k++) {
                    edges += stats.coactive(j, k, c) > 0 ? 1 : 0;
                }
            }
            assertEquals(edges, w.edgeCount(), "class " + c + ": one edge per adjacent pair active together");
            for (int e = 0; e < w.edgeCount(); e += 97) {
                int j = w.source(e);
                int k = w.target(e);
                double coactive = stats.coactive(j, k, c);
                assertEquals(coactive / (stats.active(j, c) + stats.active(k, c) - coactive), w.weight(e), 1e-15);
            }
            double q = Modularity.of(w, g.communities().partition(), 1.0);
            assertEquals(q, g.communities().figures().modularity(), 1e-12, "class " + c);
            assertNotNull(g.communities().nullModel());
            assertEquals(3, g.communities().nullModel().samples());
            assertTrue(q > g.communities().nullModel().mean(), "class " + c + " Q " + q + " above its null");
        }
        assertEquals(2000, samples);
    }
}
