package org.coact.runner.evolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tracks communities between two checkpoints by the Jaccard overlap of their neuron ids
 * (METHOD.md 8). Each earlier community A is matched forward to the later community with the
 * highest Jaccard overlap, f(A); each later community B backward to the earlier one, g(B);
 * ties go to the lowest community id and a match needs Jaccard &ge; {@code minJaccard}. Then:
 * <ul>
 *   <li>continuation: f(A) = B and g(B) = A;</li>
 *   <li>death: A has no forward match; birth: B has no backward match;</li>
 *   <li>split: two or more B have g(B) = A; merge: two or more A have f(A) = B.</li>
 * </ul>
 * A community may take part in a continuation and a split (or merge) at once. The threshold
 * follows Greene, Doyle and Cunningham, "Tracking the evolution of communities in dynamic
 * social networks" (ASONAM 2010), whose matching uses Jaccard with a threshold around 0.3.
 * O(N + A*B) for N neurons.
 */
public final class CommunityTracker {

    private final Evolution.TrackingOptions options;

    /**
     * @param options threshold and whether singletons are tracked
     */
    public CommunityTracker(Evolution.TrackingOptions options) {
        if (!(options.minJaccard() > 0) || options.minJaccard() > 1) {
            throw new IllegalArgumentException("minJaccard must be in (0, 1], got " + options.minJaccard());
        }
        this.options = options;
    }

    /**
     * @param from index of the earlier checkpoint
     * @param to index of the later checkpoint
     * @param before neuron id to community at the earlier checkpoint
     * @param after neuron id to community at the later checkpoint
     * @return the transition's flows, events and counts
     */
    public Evolution.Transition track(int from, int to, Map<String, Integer> before, Map<String, Integer> after) {
        Map<Integer, Integer> sizeA = sizes(before);
        Map<Integer, Integer> sizeB = sizes(after);
        List<Integer> as = sizeA.keySet().stream().filter(c -> tracked(sizeA.get(c))).toList();
        List<Integer> bs = sizeB.keySet().stream().filter(c -> tracked(sizeB.get(c))).toList();
        Map<Integer, Integer> rowOf = index(as);
        Map<Integer, Integer> colOf = index(bs);
        int[][] overlap = new int[as.size()][bs.size()];
        for (Map.Entry<String, Integer> e : before.entrySet()) {
            Integer row = rowOf.get(e.getValue());
            Integer b = after.get(e.getKey());
            Integer col = b == null ? null : colOf.get(b);
            if (row != null && col != null) {
                overlap[row][col]++;
            }
        }
        double[][] jaccard = new double[as.size()][bs.size()];
        List<Evolution.Flow> flows = new ArrayList<>();
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++) {
                int o = overlap[i][j];
                if (o > 0) {
                    jaccard[i][j] = (double) o / (sizeA.get(as.get(i)) + sizeB.get(bs.get(j)) - o);
                    flows.add(new Evolution.Flow(as.get(i), bs.get(j), o, jaccard[i][j]));
                }
            }
        }
        int[] forward = new int[as.size()];
        for (int i = 0; i < as.size(); i++) {
            forward[i] = best(jaccard[i]);
        }
        int[] backward = new int[bs.size()];
        for (int j = 0; j < bs.size(); j++) {
            double[] column = new double[as.size()];
            for (int i = 0; i < as.size(); i++) {
                column[i] = jaccard[i][j];
            }
            backward[j] = best(column);
        }
        return events(from, to, as, bs, jaccard, forward, backward, flows);
    }

    private Evolution.Transition events(int from, int to, List<Integer> as, List<Integer> bs, double[][] jaccard,
            int[] forward, int[] backward, List<Evolution.Flow> flows) {
        List<Evolution.Event> events = new ArrayList<>();
        int continuations = 0;
        int births = 0;
        int deaths = 0;
        int splits = 0;
        int merges = 0;
        for (int i = 0; i < as.size(); i++) {
            int j = forward[i];
            if (j < 0) {
                deaths++;
                events.add(new Evolution.Event("death", List.of(as.get(i)), List.of(), 0.0));
            } else if (backward[j] == i) {
                continuations++;
                events.add(new Evolution.Event("continuation", List.of(as.get(i)), List.of(bs.get(j)),
                        jaccard[i][j]));
            }
            List<Integer> parts = new ArrayList<>();
            double max = 0;
            for (int k = 0; k < bs.size(); k++) {
                if (backward[k] == i) {
                    parts.add(bs.get(k));
                    max = Math.max(max, jaccard[i][k]);
                }
            }
            if (parts.size() >= 2) {
                splits++;
                events.add(new Evolution.Event("split", List.of(as.get(i)), parts, max));
            }
        }
        for (int j = 0; j < bs.size(); j++) {
            if (backward[j] < 0) {
                births++;
                events.add(new Evolution.Event("birth", List.of(), List.of(bs.get(j)), 0.0));
            }
            List<Integer> sources = new ArrayList<>();
            double max = 0;
            for (int i = 0; i < as.size(); i++) {
                if (forward[i] == j) {
                    sources.add(as.get(i));
                    max = Math.max(max, jaccard[i][j]);
                }
            }
            if (sources.size() >= 2) {
                merges++;
                events.add(new Evolution.Event("merge", sources, List.of(bs.get(j)), max));
            }
        }
        return new Evolution.Transition(from, to, continuations, births, deaths, splits, merges, flows, events);
    }

    /** @return the index of the largest value &ge; minJaccard (first on ties), or -1 */
    private int best(double[] values) {
        int best = -1;
        for (int k = 0; k < values.length; k++) {
            if (values[k] >= options.minJaccard() && (best < 0 || values[k] > values[best])) {
                best = k;
            }
        }
        return best;
    }

    private boolean tracked(int size) {
        return options.includeSingletons() || size >= 2;
    }

    private static Map<Integer, Integer> sizes(Map<String, Integer> membership) {
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (Integer c : membership.values()) {
            sizes.merge(c, 1, Integer::sum);
        }
        return sizes;
    }

    private static Map<Integer, Integer> index(List<Integer> ids) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            m.put(ids.get(i), i);
        }
        return m;
    }
}
