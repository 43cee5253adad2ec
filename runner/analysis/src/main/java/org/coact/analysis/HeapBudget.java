package org.coact.analysis;

import java.util.Locale;
import org.coact.analysis.activity.CoactivationStats;
import org.coact.api.ConfigException;

/**
 * Refuses, before the work, what would not fit the free heap: the counts and the batches in
 * flight before any pass over the data (their sizes follow from the layer sizes and one probed
 * sample), the graph before it is built (its edge
 * count is known exactly from the counts). Each refusal names the figure, the heap this JVM may
 * use ({@code -Xmx}) and the keys that make the work smaller.
 *
 * <p>What the figures cover: the counts are 8 bytes per entry of each pair block (a within-layer
 * block is a full square of which the upper triangle is used), times {@code 1 + K} with
 * per-class graphs, plus the per-neuron counts. The graph stage holds
 * {@value #BYTES_PER_EDGE} bytes per edge at its peak: the edge list (16), the graph's arrays
 * (16), the community network in compressed-row form (24) and the copy networkanalysis keeps
 * (24). The largest single array Java allows is {@value #MAX_ARRAY} entries. "Free" is the heap
 * not in use by live data, less a reserve for the batches in flight (an eighth of the heap, at
 * least {@value #RESERVE} bytes).
 */
public final class HeapBudget {

    /** Peak heap of the graph and community stage per edge (see the class comment). */
    public static final long BYTES_PER_EDGE = 80;
    /** Heap kept back for the batches in flight and everything else a run holds: at least this, or an eighth of the heap. */
    public static final long RESERVE = 64L << 20;
    /** The longest array the JVM allocates (Integer.MAX_VALUE - 8, as the JDK's own collections assume). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private HeapBudget() {
    }

    /**
     * @param counts what counting the selected layers takes
     * @param perClass whether graph.per_class multiplies the pair counts
     * @param batches the batches in flight beside the counts
     * @param heap the heap this JVM has
     * @throws ConfigException if a block is longer than a Java array or the counts exceed the free heap
     */
    public static void requireCounts(CoactivationStats.Footprint counts, boolean perClass, Batches batches, Heap heap)
            throws ConfigException {
        if (counts.largestBlock() > MAX_ARRAY) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "the pairs of layers %s are %,d counts, more than the %,d one array can hold; select smaller "
                            + "layers (--layers) or, with graph.scope 'all', use 'adjacent'",
                    counts.largestBlockLayers(), counts.largestBlock(), MAX_ARRAY));
        }
        long needed = counts.bytes() + batches.bytes();
        long free = heap.free(needed);
        if (needed > free && counts.bytes() <= free && batches.bytes() > 0) {
            long fits = (free - counts.bytes()) / ((long) batches.inFlight() * batches.bytesPerSample());
            throw new ConfigException(String.format(Locale.ROOT,
                    "batch_size %d needs %s of heap for the %d batches in flight (%s per sample) beside %s of counts, "
                            + "more than the %s free of the %s this JVM may use; %s, or give Java more heap "
                            + "(JAVA_OPTS=-Xmx...)",
                    batches.size(), size(batches.bytes()), batches.inFlight(), size(batches.bytesPerSample()),
                    size(counts.bytes()), size(free), size(heap.max()),
                    fits >= 1 ? "set batch_size to " + Math.min(fits, batches.size() - 1) + " or less (--batch-size)"
                            : "even one sample does not fit; select fewer layers (--layers)"));
        }
        if (needed > free) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "counting %,d neuron pairs%s needs %s of heap, more than the %s free of the %s this JVM may use; "
                            + "select fewer layers (--layers)%s, or give Java more heap (JAVA_OPTS=-Xmx...)",
                    counts.pairs(), perClass ? " per class (graph.per_class: true)" : "", size(needed),
                    size(free), size(heap.max()), perClass ? ", set graph.per_class to false" : ""));
        }
    }

    /**
     * {@code batch_size: auto}: {@code limit}, or, if its batches in flight do not fit the free
     * heap beside the counts, the largest batch that does (the one a refusal of a fixed size names).
     *
     * @param counts what counting the selected layers takes
     * @param perClass whether graph.per_class multiplies the pair counts
     * @param bytesPerSample heap per sample in flight, {@code >= 1}
     * @param inFlight batches held at once
     * @param limit the most samples per batch, {@code >= 1}
     * @param heap the heap this JVM has
     * @return samples per batch, 1 to {@code limit}
     * @throws ConfigException as {@link #requireCounts} for a batch of one sample, if even that does not fit
     */
    public static int largestBatch(CoactivationStats.Footprint counts, boolean perClass, long bytesPerSample,
            int inFlight, int limit, Heap heap) throws ConfigException {
        if (limit < 1 || bytesPerSample < 1 || inFlight < 1) {
            throw new IllegalArgumentException("limit, bytesPerSample and inFlight must be >= 1, got " + limit + ", "
                    + bytesPerSample + ", " + inFlight);
        }
        requireCounts(counts, perClass, new Batches(1, bytesPerSample, inFlight), heap);
        long full = counts.bytes() + new Batches(limit, bytesPerSample, inFlight).bytes();
        long free = heap.free(full);
        if (full <= free) {
            return limit;
        }
        long fits = (free - counts.bytes()) / ((long) inFlight * bytesPerSample);
        return (int) Math.max(1, Math.min(limit, fits));
    }

    /**
     * @param edges the edges the graph will have (before graph.top_k)
     * @param heap the heap this JVM has (the counts are in it)
     * @throws ConfigException if the edges exceed a Java array or the graph stage would not fit
     */
    public static void requireGraph(long edges, Heap heap) throws ConfigException {
        long needed = edges * BYTES_PER_EDGE;
        if (edges > MAX_ARRAY / 2 || needed > heap.free(needed)) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "the graph would have %,d edges, which need about %s of heap, more than the %s free of the %s "
                            + "this JVM may use; keep fewer edges with graph.min_weight (edges lighter than it are "
                            + "never stored), select fewer layers (--layers), or give Java more heap "
                            + "(JAVA_OPTS=-Xmx...)",
                    edges, size(needed), size(heap.free(needed)), size(heap.max())));
        }
    }

    /**
     * The batches a pass holds at once.
     *
     * @param size samples per batch (batch_size)
     * @param bytesPerSample heap per sample in flight (model outputs and reduced values)
     * @param inFlight batches held at once
     */
    public record Batches(int size, long bytesPerSample, int inFlight) {
        /** @return their heap, bytes */
        public long bytes() {
            return (long) size * bytesPerSample * inFlight;
        }
    }

    /** The heap a check compares with. */
    public interface Heap {
        /** @return the most this JVM may use, bytes ({@code -Xmx}) */
        long max();

        /**
         * @param needed what the caller is about to allocate: when it exceeds what is free now, the
         *     garbage is collected once, so that only live data counts against it
         * @return bytes free for it
         */
        long free(long needed);

        /** @return this JVM's heap */
        static Heap runtime() {
            return new Heap() {
                @Override
                public long max() {
                    return Runtime.getRuntime().maxMemory();
                }

                @Override
                public long free(long needed) {
                    Runtime r = Runtime.getRuntime();
                    long reserve = Math.max(RESERVE, r.maxMemory() / 8);
                    long free = r.maxMemory() - (r.totalMemory() - r.freeMemory()) - reserve;
                    if (needed > free) {
                        System.gc(); // once, before a refusal: garbage is not a reason to refuse
                        free = r.maxMemory() - (r.totalMemory() - r.freeMemory()) - reserve;
                    }
                    return Math.max(0, free);
                }
            };
        }

        /**
         * @param max the maximum
         * @param free what is free, whatever is needed
         * @return a fixed heap, for tests
         */
        static Heap of(long max, long free) {
            return new Heap() {
                @Override
                public long max() {
                    return max;
                }

                @Override
                public long free(long needed) {
                    return free;
                }
            };
        }
    }

    /** @return bytes as MiB or GiB, one decimal */
    static String size(long bytes) {
        double mib = bytes / (1024.0 * 1024);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024) : String.format(Locale.ROOT, "%.1f MiB", mib);
    }
}
