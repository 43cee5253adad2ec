package org.coact.runner.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.coact.api.format.DType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.analysis.BatchSize;
import org.coact.analysis.HeapBudget;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.activity.NeuronReduction;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Scope;
import org.coact.analysis.activity.Taus;
import org.coact.analysis.activity.Threshold;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.coact.api.ModelException;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.coact.runner.data.BatchCursor;
import org.coact.runner.data.DataShard;
import org.coact.runner.data.Dataset;
import org.coact.runner.data.RowRange;

/**
 * The streaming passes (METHOD.md 3-4) over a dataset split into shards (row ranges): each
 * shard's batches go through the model, each layer's output is reduced to neuron values, and
 * only additive state survives a batch: a {@link QuantileSelector.Histograms} per shard for
 * each quantile pass, a {@link CoactivationStats} per shard for the counting pass. The shards'
 * states merge by addition in shard order, so the result is the same for any split, batch size
 * or order. Layer sizes are probed with one sample before any pass; every batch of every
 * shard must agree with them. Within a shard the model runs batch i + 1 while a second thread
 * reduces and counts batch i ({@link Overlap}; the counts see the batches in order). The shards
 * of a pass run through an {@link ExtractionSession} here, or through a {@link ShardRunner}
 * elsewhere, one pass at a time; quantile selection stays here either way.
 */
final class Extraction {

    /**
     * What the passes produced.
     *
     * @param taus the thresholds the counts used
     * @param quantilePasses passes spent on quantiles (0 for a fixed threshold)
     * @param stats the counts
     * @param decoder how the output became classes
     * @param nonFiniteInputs NaN or infinite values among the inputs fed in the counting pass
     */
    record Result(Taus taus, int quantilePasses, CoactivationStats stats, OutputDecoder decoder,
            long nonFiniteInputs) {
    }

    /**
     * What the first sample tells before any pass.
     *
     * @param shapes each layer's neuron count
     * @param ranks each layer's output rank
     * @param decoder how the output becomes classes
     * @param bytesPerSample heap one sample takes in flight: its inputs, the layers' and the
     *     output's values as the plugin returns them (4 bytes each) and the reduced neuron values (8)
     */
    record Probe(List<LayerShape> shapes, List<Integer> ranks, OutputDecoder decoder, long bytesPerSample) {
    }

    /** Chooses the output decoding once the first sample's output shape is known (before any pass). */
    @FunctionalInterface
    interface DecoderChoice {
        /**
         * @param observed the output shape for a batch of 1, batch axis set to -1
         * @return the decoder, its K checked against the labels
         */
        OutputDecoder choose(long[] observed) throws CoactException;
    }

    /** One batch that went through the model, on its way to the counting thread (with its inputs when they are checked). */
    private record Ran(long[] labels, int batch, BatchResult result, Map<String, FloatTensor> inputs) {
    }

    /** Receives one reduced batch of a shard. */
    @FunctionalInterface
    interface BatchSink {
        void accept(long[] labels, int batch, int[] predictions, List<double[]> reduced) throws CoactException;
    }

    /**
     * Batches held at once with {@code workers} counting threads: one being run, as many waiting
     * ({@link Overlap}'s capacity) and one being counted by each worker.
     *
     * @param workers counting threads
     * @return batches in flight
     */
    static int inFlight(int workers) {
        return 1 + 2 * workers;
    }

    /**
     * Counting threads: as many as there are cores while each one's own counts (merged by
     * addition at the end of the shard: integers, so the result does not depend on which thread
     * counted which batch) and the batches in flight fit the free heap; else one. On a wide model
     * counting is the bottleneck (784-4096-4096-10: 16.7M pairs per sample, one core counting
     * while the model waited); on a small one the second thread idles.
     */
    static int workers(int cores, long countsBytes, long batchBytes, org.coact.analysis.HeapBudget.Heap heap) {
        for (int w = Math.max(1, cores); w > 1; w--) {
            long needed = countsBytes * w + batchBytes * inFlight(w);
            if (needed <= heap.free(needed)) {
                return w;
            }
        }
        return 1;
    }

    private final ModelRun run;
    private final NeuronReduction reduction;
    private final double activeFraction;
    private final Scope scope;
    private final boolean perClass;
    private final DecoderChoice decoderChoice;
    private final ConstantFeeds constants;

    /**
     * @param run the opened model and what to extract from it
     * @param reduction how rank-3/4 outputs become neuron values
     * @param activeFraction with the fraction reduction, the channels' threshold
     * @param scope the pairs to count
     * @param perClass whether to count pairs per class too
     * @param decoderChoice chooses how the output becomes classes, from the first sample
     * @param constants model inputs set in the config, fed whole with every batch
     */
    Extraction(ModelRun run, NeuronReduction reduction, double activeFraction, Scope scope, boolean perClass,
            DecoderChoice decoderChoice, ConstantFeeds constants) {
        this.run = run;
        this.reduction = reduction;
        this.activeFraction = activeFraction;
        this.scope = scope;
        this.perClass = perClass;
        this.decoderChoice = decoderChoice;
        this.constants = constants;
    }

    /**
     * The opened model and what to take from it.
     *
     * @param where the model path, for messages
     * @param model the opened model
     * @param layers the selected layers
     * @param output the prediction output
     */
    record ModelRun(java.nio.file.Path where, ModelHandle model, List<LayerInfo> layers, TensorSpec output) {
    }

    /**
     * Runs the quantile passes the threshold needs, then the counting pass, shard by shard, in
     * this thread or through a {@link ShardRunner}.
     *
     * @param session the session {@link #start} opened on the data (the caller closes it)
     * @param data the dataset (its headers, binding and labels are already checked)
     * @param shards the row ranges, covering the dataset in order, split at the session's batch size
     * @param threshold the threshold setting
     * @param progress progress sink, one task per pass
     * @param timings receives the {@code quantiles} stage when there are quantile passes
     * @param runner where the shards run, or null for here, one after another
     * @param job what a shard task elsewhere needs to set up as this one did (with a runner)
     * @return the thresholds and the counts
     */
    Result run(ExtractionSession session, Dataset data, List<DataShard> shards, Threshold threshold,
            ProgressListener progress, org.coact.analysis.Timings timings, ShardRunner runner, ShardJob job)
            throws CoactException {
        Probe probe = session.probe();
        List<LayerShape> shapes = probe.shapes();
        ExtractionSession.Passes passes = runner == null ? session.local(shards, progress)
                : ExtractionSession.remote(runner, job.withLayout(shapes, probe.decoder().classes()), shards);
        Taus taus;
        int quantilePasses = 0;
        if (threshold instanceof Threshold.Quantile q) {
            QuantileSelector selector = new QuantileSelector(shapes, data.size(), q.q());
            while (!selector.done()) {
                quantilePasses++;
                QuantileSelector.Histograms merged;
                progress.start("Quantiles " + quantilePasses + "/" + QuantileSelector.MAX_PASSES, data.size());
                try {
                    merged = passes.histograms(selector);
                } finally {
                    progress.finish();
                }
                selector.finishPass(merged);
            }
            taus = selector.taus();
            timings.lap("quantiles");
        } else {
            taus = fixedTaus(((Threshold.Fixed) threshold).tau(), probe);
        }
        CoactivationStats total;
        progress.start(quantilePasses == 0 ? "Extracting" : "Counting", data.size());
        try {
            total = passes.count(taus);
        } finally {
            progress.finish();
        }
        return new Result(taus, quantilePasses, total, probe.decoder(), total.nonFiniteInputs());
    }

    /**
     * Opens the extractor and probes the first sample: what every pass, here or in a shard task,
     * starts from. The counts the probe implies are checked against the heap, and {@code auto}
     * becomes the largest batch that fits ({@link BatchSize}).
     *
     * @param data the dataset
     * @param batchSize samples per forward pass, or auto
     * @return the session; close it
     */
    ExtractionSession start(Dataset data, BatchSize batchSize) throws CoactException {
        List<TensorSpec> inputs = run.model().describe().inputs();
        List<TensorSpec> fed = inputs.stream().filter(i -> !constants.inputs().contains(i.name())).toList();
        Map<String, String> binding = Dataset.bindInputs(fed, data);
        Map<String, long[]> targets = Dataset.sampleShapes(fed);
        Set<String> exact = new HashSet<>();
        for (TensorSpec in : fed) {
            if (in.dtype() != DType.FLOAT32 && in.dtype() != DType.FLOAT64 && in.dtype() != DType.FLOAT16) {
                exact.add(in.name());
            }
        }
        ArrayLimit arrays = largestArrayBatch(data, binding);
        int arrayLimit = arrays.samples();
        if (!batchSize.auto() && batchSize.samples() > arrayLimit) {
            throw new org.coact.api.ConfigException("config key 'batch_size' is " + batchSize + ": a batch of array '"
                    + arrays.array() + "' (" + arrays.perSample() + " values per sample) would not fit one Java array "
                    + "of at most " + MAX_ARRAY + " values; use a batch size of at most " + arrayLimit + ", or auto");
        }
        List<String> names = run.layers().stream().map(LayerInfo::name).toList();
        Extractor extractor = run.model().extractor(new ExtractionRequest(names, run.output().name()));
        try {
            Feeder feeder = new Feeder(extractor, binding, targets, exact, constants);
            Probe probe = feeder.probe(data);
            CoactivationStats.Footprint footprint = CoactivationStats.footprint(probe.shapes(),
                    probe.decoder().classes(), scope, perClass);
            HeapBudget.Heap heap = HeapBudget.Heap.runtime();
            int batch;
            if (batchSize.auto()) {
                batch = HeapBudget.largestBatch(footprint, perClass, probe.bytesPerSample(), inFlight(1),
                        Math.min(BatchSize.AUTO_LIMIT, arrayLimit), heap);
            } else {
                batch = batchSize.samples();
                HeapBudget.requireCounts(footprint, perClass, new HeapBudget.Batches(batch, probe.bytesPerSample(),
                        inFlight(1)), heap);
            }
            int workers = workers(Runtime.getRuntime().availableProcessors(), footprint.bytes(),
                    (long) batch * probe.bytesPerSample(), heap);
            return new ExtractionSession(extractor, feeder, probe, batch, scope, perClass, workers);
        } catch (CoactException | RuntimeException | Error e) {
            try {
                extractor.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Largest Java array, as the JDK's own collections allow. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * A batch of every array fed must fit one Java array: a larger batch_size is refused before
     * any pass, and auto stays below this.
     *
     * @return the most samples per batch that every input array allows, and the array that sets it
     */
    private static ArrayLimit largestArrayBatch(Dataset data, Map<String, String> binding) throws CoactException {
        ArrayLimit limit = new ArrayLimit(Integer.MAX_VALUE, "", 0);
        for (String array : new java.util.LinkedHashSet<>(binding.values())) {
            long perSample = 1;
            for (long d : data.sampleShape(array)) {
                perSample = Math.multiplyExact(perSample, d);
            }
            if (perSample > 0 && MAX_ARRAY / perSample < limit.samples()) {
                limit = new ArrayLimit((int) Math.max(1, MAX_ARRAY / perSample), array, perSample);
            }
        }
        return limit;
    }

    /** The most samples per batch one Java array allows, set by this input array's values per sample. */
    private record ArrayLimit(int samples, String array, long perSample) {
    }

    /**
     * One tau per neuron: the threshold itself, except that with the fraction reduction a rank-3
     * or rank-4 layer's neurons (whose values are fractions of active positions) take
     * {@code active_fraction}.
     */
    private Taus fixedTaus(double tau, Probe probe) {
        List<LayerShape> shapes = probe.shapes();
        List<double[]> perLayer = new ArrayList<>();
        for (int t = 0; t < shapes.size(); t++) {
            double[] taus = new double[shapes.get(t).neurons()];
            boolean fraction = reduction.reduction() == org.coact.analysis.activity.Reduction.FRACTION && probe.ranks().get(t) > 2;
            Arrays.fill(taus, fraction ? activeFraction : tau);
            perLayer.add(taus);
        }
        return new Taus(perLayer);
    }


    /** Streams shards through one extractor. */
    final class Feeder {
        private final Extractor extractor;
        private final Map<String, String> binding;
        private final Map<String, long[]> targets;
        private final Set<String> exact;
        private final ConstantFeeds constantFeeds;

        Feeder(Extractor extractor, Map<String, String> binding, Map<String, long[]> targets,
                Set<String> exact, ConstantFeeds constantFeeds) {
            this.extractor = extractor;
            this.binding = binding;
            this.targets = targets;
            this.exact = exact;
            this.constantFeeds = constantFeeds;
        }

        private Map<String, FloatTensor> withConstants(Map<String, FloatTensor> batch) {
            if (constantFeeds.isEmpty()) {
                return batch;
            }
            Map<String, FloatTensor> all = new LinkedHashMap<>(batch);
            all.putAll(constantFeeds.forBatch(batch.values().iterator().next().batchSize()));
            return all;
        }

        /** @return each layer's neuron count, from the first sample */
        Probe probe(Dataset data) throws CoactException {
            if (data.size() == 0) {
                throw new DataException("dataset " + data.location() + " is empty");
            }
            try (BatchCursor cursor = data.batches(1, binding, targets, new RowRange(0, 1), exact)) {
                Map<String, FloatTensor> first = cursor.next();
                BatchResult result = extractor.run(withConstants(first));
                long[] observed = result.output().shape();
                if (observed.length > 0) {
                    observed[0] = -1;
                }
                OutputDecoder decoder = decoderChoice.choose(observed);
                decoder.check(result.output(), 1);
                List<double[]> reduced = reduce(result, 1);
                List<Integer> ranks = new ArrayList<>();
                for (LayerInfo layer : run.layers()) {
                    ranks.add(result.activations().get(layer.name()).rank());
                }
                List<LayerShape> shapes = new ArrayList<>();
                long bytes = 4L * result.output().data().length;
                for (FloatTensor in : first.values()) {
                    bytes += 4L * in.data().length;
                }
                for (int t = 0; t < reduced.size(); t++) {
                    shapes.add(new LayerShape(run.layers().get(t).name(), reduced.get(t).length));
                    bytes += 4L * result.activations().get(run.layers().get(t).name()).data().length
                            + 8L * reduced.get(t).length;
                }
                return new Probe(List.copyOf(shapes), List.copyOf(ranks), decoder, bytes);
            }
        }

        /** Streams one shard; {@code nonFiniteInputs[0]}, if given, counts the NaN or infinite inputs fed. */
        void stream(DataShard shard, int batchSize, Probe probe, ProgressListener progress, List<BatchSink> sinks,
                long[] nonFiniteInputs) throws CoactException {
            List<LayerShape> shapes = probe.shapes();
            try (Dataset data = shard.open();
                    BatchCursor cursor = data.batches(batchSize, binding, targets, shard.rows(), exact)) {
                long[] labels = data.labels(shard.rows());
                int offset = 0;
                Object progressLock = new Object();
                long[] nonFiniteByWorker = new long[sinks.size()]; // the inputs' check runs beside the model too
                try (Overlap<Ran> counting = new Overlap<>("coact-counting", sinks.size(), sinks.size(), worker -> ran -> {
                    BatchSink sink = sinks.get(worker);
                    if (ran.inputs() != null) {
                        nonFiniteByWorker[worker] += nonFinite(ran.inputs());
                    }
                    List<double[]> reduced = reduce(ran.result(), ran.batch());
                    for (int t = 0; t < reduced.size(); t++) {
                        if (reduced.get(t).length != (long) ran.batch() * shapes.get(t).neurons()) {
                            throw new ModelException("layer '" + shapes.get(t).name() + "' of " + run.where()
                                    + " gave " + reduced.get(t).length / Math.max(1, ran.batch())
                                    + " neurons per sample in " + shard.rows() + " but " + shapes.get(t).neurons()
                                    + " on the first sample");
                        }
                    }
                    sink.accept(ran.labels(), ran.batch(), probe.decoder().decode(ran.result().output(), ran.batch()),
                            reduced);
                    synchronized (progressLock) {
                        progress.advance(ran.batch());
                    }
                })) {
                    while (cursor.hasNext()) {
                        Map<String, FloatTensor> batch = cursor.next();
                        int b = batch.values().iterator().next().batchSize();
                        BatchResult result = extractor.run(withConstants(batch));
                        counting.submit(new Ran(Arrays.copyOfRange(labels, offset, offset + b), b, result,
                                nonFiniteInputs == null ? null : batch));
                        offset += b;
                    }
                    counting.finish();
                }
                if (nonFiniteInputs != null) {
                    for (long n : nonFiniteByWorker) {
                        nonFiniteInputs[0] += n;
                    }
                }
            }
        }

        private List<double[]> reduce(BatchResult result, int b) throws CoactException {
            List<double[]> reduced = new ArrayList<>(run.layers().size());
            for (LayerInfo layer : run.layers()) {
                FloatTensor act = result.activations().get(layer.name());
                if (act == null) {
                    throw new ModelException("the plugin returned no output for layer '" + layer.name() + "' of "
                            + run.where());
                }
                if (act.rank() == 0 || act.dim(0) != b) {
                    throw new ModelException("layer '" + layer.name() + "' of " + run.where() + " gave shape "
                            + Arrays.toString(act.shape()) + " for a batch of " + b
                            + "; its first axis is not the batch axis, so it cannot be analysed per sample");
                }
                reduced.add(reduction.reduce(act, channelAxis(layer, act)));
            }
            return reduced;
        }
    }

    /** @return the NaN or infinite values of a batch's distinct input arrays */
    private static long nonFinite(Map<String, FloatTensor> batch) {
        long n = 0;
        java.util.Set<float[]> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (FloatTensor t : batch.values()) {
            float[] values = t.data();
            if (seen.add(values) && anyNonFinite(values)) { // two inputs fed from one array share its values
                for (float v : values) {
                    if (!Float.isFinite(v)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /**
     * v * 0 is 0 for a finite v and NaN for NaN and +-Inf, and NaN stays NaN through any sum: four
     * independent sums tell whether to count, without a branch per value (the common case is none).
     */
    private static boolean anyNonFinite(float[] values) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int i = 0;
        for (; i + 3 < values.length; i += 4) {
            a += values[i] * 0f;
            b += values[i + 1] * 0f;
            c += values[i + 2] * 0f;
            d += values[i + 3] * 0f;
        }
        for (; i < values.length; i++) {
            a += values[i] * 0f;
        }
        return !(a + b + c + d == 0); // NaN or 0
    }

    private static int channelAxis(LayerInfo layer, FloatTensor act) {
        if (act.rank() == 4) {
            return layer.channelAxis() == 3 ? 3 : 1;
        }
        return act.rank() == 3 ? 2 : -1;
    }
}
