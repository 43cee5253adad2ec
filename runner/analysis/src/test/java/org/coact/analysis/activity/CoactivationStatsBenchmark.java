package org.coact.analysis.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.coact.api.DataException;
import org.coact.analysis.activity.CoactivationStats.PairCounting;

/**
 * A bench command, not a test: prints how long {@link CoactivationStats#accept} takes for 2000
 * samples on a few layer shapes, batch sizes, activity rates and pair-counting strategies.
 * Run with {@code java -cp <test classpath> org.coact.runner.analysis.CoactivationStatsBenchmark}.
 */
public final class CoactivationStatsBenchmark {

    private CoactivationStatsBenchmark() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws DataException {
        int samples = 2000;
        int[][] shapes = {{128, 64}, {1000, 1000}};
        for (int[] shape : shapes) {
            for (double activeRate : new double[] {0.5, 0.1}) {
                for (int batch : new int[] {1, 32, 256}) {
                    StringBuilder line = new StringBuilder(String.format("%4d+%-4d active %.1f batch %3d:", shape[0],
                            shape[1], activeRate, batch));
                    for (PairCounting counting : PairCounting.values()) {
                        line.append(String.format("  %s %7.1f ms", counting, time(shape, activeRate, batch, samples, counting)));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    private static double time(int[] shape, double activeRate, int batch, int samples, PairCounting counting)
            throws DataException {
        List<LayerShape> layers = List.of(new LayerShape("a", shape[0]), new LayerShape("b", shape[1]));
        SplittableRandom random = new SplittableRandom(1);
        List<List<double[]>> batches = new ArrayList<>();
        for (int from = 0; from < samples; from += batch) {
            int size = Math.min(batch, samples - from);
            List<double[]> values = new ArrayList<>();
            for (LayerShape layer : layers) {
                values.add(random.doubles((long) size * layer.neurons()).map(u -> u < activeRate ? 1 : 0).toArray());
            }
            batches.add(values);
        }
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            CoactivationStats stats = new CoactivationStats(layers, 10, Scope.ADJACENT, counting);
            long start = System.nanoTime();
            for (List<double[]> values : batches) {
                int size = values.get(0).length / shape[0];
                stats.accept(new int[size], new int[size], values, size, Taus.uniform(0, stats.layers()));
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }
}
