package org.coact.runner.evolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Analysis;
import org.coact.analysis.ModelFigure;
import org.coact.analysis.Settings;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.OpenOptions;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.FileSource;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;

/**
 * {@code coact evolve} (METHOD.md 8): analyses every checkpoint with one configuration (one
 * pass over the data each, each through the plugin that recognises it), then correlates each
 * {@link ModelFigure} with accuracy and tracks communities between consecutive checkpoints.
 */
public final class EvolutionPipeline {

    private final AnalysisPipeline pipeline;

    /**
     * @param pipeline the single-model pipeline
     */
    public EvolutionPipeline(AnalysisPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Receives each checkpoint as it starts. */
    @FunctionalInterface
    public interface CheckpointListener {
        /**
         * @param index position in the series
         * @param total series length
         * @param checkpoint the checkpoint
         * @return progress listener for its passes
         */
        ProgressListener starting(int index, int total, CheckpointSeries.Checkpoint checkpoint);
    }

    /**
     * @param series the ordered checkpoints
     * @param format format id or null to recognise each
     * @param openOptions format options
     * @param data dataset
     * @param labels labels file or null
     * @param settings the settings for every checkpoint
     * @param tracking tracking settings
     * @param listener progress per checkpoint
     * @return the evolution
     * @throws CoactException naming the checkpoint and culprit of any failure
     */
    public Evolution run(List<CheckpointSeries.Checkpoint> series, String format, OpenOptions openOptions, Path data,
            Path labels, Settings settings, Evolution.TrackingOptions tracking, CheckpointListener listener)
            throws CoactException {
        return run(series, format, openOptions, data, labels, settings, tracking, 1, listener);
    }

    /**
     * @param series the ordered checkpoints
     * @param format format id or null to recognise each
     * @param openOptions format options
     * @param data dataset
     * @param labels labels file or null
     * @param settings the settings for every checkpoint
     * @param tracking tracking settings
     * @param shards row ranges each checkpoint's passes split the dataset into (the figures do
     *     not depend on it; with a shard runner, the tasks of each pass)
     * @param listener progress per checkpoint
     * @return the evolution
     * @throws CoactException naming the checkpoint and culprit of any failure
     */
    public Evolution run(List<CheckpointSeries.Checkpoint> series, String format, OpenOptions openOptions, Path data,
            Path labels, Settings settings, Evolution.TrackingOptions tracking, int shards, CheckpointListener listener)
            throws CoactException {
        return run(series, format, openOptions, FileSource.of(data, labels), settings, tracking, shards, listener);
    }

    /**
     * @param series the ordered checkpoints
     * @param format format id or null to recognise each
     * @param openOptions format options
     * @param data the dataset
     * @param settings the settings for every checkpoint
     * @param tracking tracking settings
     * @param shards row ranges each checkpoint's passes split the dataset into
     * @param listener progress per checkpoint
     * @return the evolution
     * @throws CoactException naming the checkpoint and culprit of any failure
     */
    public Evolution run(List<CheckpointSeries.Checkpoint> series, String format, OpenOptions openOptions,
            DataSource data, Settings settings, Evolution.TrackingOptions tracking, int shards,
            CheckpointListener listener) throws CoactException {
        long start = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        List<Evolution.Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            CheckpointSeries.Checkpoint c = series.get(i);
            ProgressListener progress = listener.starting(i, series.size(), c);
            Analysis a = pipeline.analyze(new AnalyzeRequest(c.path(), null, format, openOptions, data, settings,
                    shards), progress);
            if (!checkpoints.isEmpty()) {
                sameArchitecture(checkpoints.get(0).analysis(), series.get(0), a, c);
            }
            checkpoints.add(new Evolution.Checkpoint(i, c.epoch(), c.label(), a));
            timings.put(c.label(), a.timings().get("total"));
        }
        CommunityTracker tracker = new CommunityTracker(tracking);
        List<Evolution.Transition> transitions = new ArrayList<>();
        for (int i = 0; i + 1 < checkpoints.size(); i++) {
            transitions.add(tracker.track(i, i + 1, membership(checkpoints.get(i).analysis()),
                    membership(checkpoints.get(i + 1).analysis())));
        }
        timings.put("total", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
        return new Evolution(checkpoints, tracking, correlations(checkpoints), transitions, timings);
    }

    /** @return neuron id to community */
    static Map<String, Integer> membership(Analysis a) {
        Map<String, Integer> m = new LinkedHashMap<>();
        List<String> ids = a.graph().nodeIds();
        for (int node = 0; node < ids.size(); node++) {
            m.put(ids.get(node), a.communities().partition().communityOf(node));
        }
        return m;
    }

    private static void sameArchitecture(Analysis first, CheckpointSeries.Checkpoint firstCheckpoint, Analysis a,
            CheckpointSeries.Checkpoint c) throws ConfigException {
        if (!first.graph().nodeIds().equals(a.graph().nodeIds())) {
            throw new ConfigException("checkpoint " + c.path() + " has other layers or neurons (" + shape(a) + ") than "
                    + firstCheckpoint.path() + " (" + shape(first) + "); evolve analyses checkpoints of one architecture");
        }
    }

    private static List<String> shape(Analysis a) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < a.layers().size(); t++) {
            LayerInfo l = a.layers().get(t);
            out.add(l.name() + "[" + a.statistics().layers().get(t).neurons() + "]");
        }
        return out;
    }

    private static List<Evolution.Correlation> correlations(List<Evolution.Checkpoint> checkpoints) {
        double[] accuracy = checkpoints.stream().mapToDouble(c -> c.analysis().accuracy()).toArray();
        List<Evolution.Correlation> result = new ArrayList<>();
        for (ModelFigure f : ModelFigure.values()) {
            double[] all = checkpoints.stream().mapToDouble(c -> f.of(c.analysis())).toArray();
            // a figure undefined at some checkpoints (z with a null of no spread) correlates over the others
            int[] defined = java.util.stream.IntStream.range(0, all.length).filter(i -> !Double.isNaN(all[i])).toArray();
            double[] values = java.util.Arrays.stream(defined).mapToDouble(i -> all[i]).toArray();
            double[] acc = java.util.Arrays.stream(defined).mapToDouble(i -> accuracy[i]).toArray();
            result.add(new Evolution.Correlation(f.key(), values.length,
                    original(Correlations.robust(values, acc, false), defined),
                    original(Correlations.robust(values, acc, true), defined)));
        }
        return result;
    }

    /** The coefficient with its driving checkpoint numbered in the whole series. */
    private static Evolution.Coefficient original(Evolution.Coefficient c, int[] defined) {
        return c.drivenBy() == null ? c : new Evolution.Coefficient(c.value(), c.pValue(), c.looMin(), c.looMax(),
                defined[c.drivenBy()], c.fragile());
    }
}
