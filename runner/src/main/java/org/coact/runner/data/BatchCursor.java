package org.coact.runner.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;

/**
 * Walks a {@link Dataset}, or one {@link RowRange} of it, batch by batch, in sample order. Each distinct array is read
 * through a stream of its own; all advance together, so batch {@code k} of every model
 * input holds the same samples. Two inputs bound to one array share its values.
 *
 * <p>Memory: the batch being built, O(batchSize × sample size), plus 64 KiB per array.
 * Not thread-safe; not an {@link java.util.Iterator} because reading throws
 * {@link DataException}.
 */
public final class BatchCursor implements AutoCloseable {
    /** One model input: the array it reads and the per-sample shape it is fed. */
    private record Feed(String input, String array, long[] sampleShape) {
    }

    private final int batchSize;
    private final int start;
    private final int size;
    private final Map<String, RowReader> readers;
    private final List<Feed> feeds;
    private int position;
    private int offset = -1;
    private boolean closed;

    private BatchCursor(int batchSize, RowRange rows, Map<String, RowReader> readers, List<Feed> feeds) {
        this.batchSize = batchSize;
        this.start = Math.toIntExact(rows.start());
        this.size = Math.toIntExact(rows.size());
        this.readers = readers;
        this.feeds = feeds;
    }

    /** Plans the feeds (checking shapes), then opens one reader per distinct array. */
    static BatchCursor open(int batchSize, Map<String, ArrayRef> bound, Map<String, long[]> targets, float scale,
            RowRange rows, java.util.Set<String> exact) throws DataException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        if (bound.isEmpty()) {
            throw new IllegalArgumentException("binding is empty: no model input to feed");
        }
        List<Feed> feeds = new ArrayList<>();
        Map<String, ArrayRef> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, ArrayRef> e : bound.entrySet()) {
            ArrayRef r = e.getValue();
            long[] shape = SampleShapes.resolve(e.getKey(), r, targets.get(e.getKey()));
            if (Math.multiplyExact(r.header().sampleElements(), (long) batchSize) > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("batch size " + batchSize + " × " + r.header().sampleElements()
                        + " values per sample of array '" + r.name() + "' does not fit one Java array");
            }
            feeds.add(new Feed(e.getKey(), r.name(), shape));
            arrays.put(r.name(), r);
        }
        if (scale != 1f && arrays.values().stream().noneMatch(r -> r.header().dtype().isInteger())) {
            throw new DataException("scale " + scale + " applies to integer arrays only, but the arrays fed to the "
                    + "model (" + arrays.keySet() + ") are " + arrays.values().stream()
                            .map(r -> r.header().dtype().numpyName()).distinct().toList() + "; drop the scale");
        }
        java.util.Set<String> scaled = new java.util.HashSet<>();
        for (Feed f : feeds) {
            if (!exact.contains(f.input())) {
                scaled.add(f.array());
            }
        }
        Map<String, RowReader> readers = new LinkedHashMap<>();
        try {
            for (ArrayRef r : arrays.values()) {
                RowReader reader = r.open(scaled.contains(r.name()) ? scale : 1f);
                readers.put(r.name(), reader);
                reader.skipRows(rows.start());
            }
        } catch (DataException | RuntimeException e) {
            closeAll(readers.values(), e);
            throw e;
        }
        return new BatchCursor(batchSize, rows, readers, feeds);
    }

    /** @return whether another batch remains */
    public boolean hasNext() {
        return !closed && position < size;
    }

    /**
     * Reads the next batch.
     *
     * @return model input name to a tensor of shape {@code [b, sampleShape...]}, b ≤ batchSize,
     *     in binding order
     * @throws DataException if an array cannot be read (truncated, I/O error)
     * @throws NoSuchElementException if no batch remains
     */
    public Map<String, FloatTensor> next() throws DataException {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "cursor is closed" : "no batch after sample " + position);
        }
        int n = Math.min(batchSize, size - position);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, RowReader> e : readers.entrySet()) {
            values.put(e.getKey(), e.getValue().readFloats(n));
        }
        Map<String, FloatTensor> batch = new LinkedHashMap<>();
        for (Feed f : feeds) {
            long[] shape = new long[f.sampleShape().length + 1];
            shape[0] = n;
            System.arraycopy(f.sampleShape(), 0, shape, 1, f.sampleShape().length);
            batch.put(f.input(), new FloatTensor(shape, values.get(f.array())));
        }
        offset = position;
        position += n;
        return batch;
    }

    /**
     * @return the dataset index of the first sample of the batch last returned by
     *     {@link #next()}, -1 before
     */
    public int offset() {
        return offset < 0 ? -1 : start + offset;
    }

    /** @return samples returned so far */
    public int position() {
        return position;
    }

    /** @return the per-sample shape each input is fed, copies, in binding order */
    public Map<String, long[]> sampleShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        feeds.forEach(f -> m.put(f.input(), f.sampleShape().clone()));
        return m;
    }

    /** Closes the array streams. Safe to call twice. */
    @Override
    public void close() throws DataException {
        if (!closed) {
            closed = true;
            DataException first = new DataException("closing");
            closeAll(readers.values(), first);
            if (first.getSuppressed().length > 0) {
                throw (DataException) first.getSuppressed()[0];
            }
        }
    }

    private static void closeAll(Iterable<RowReader> readers, Exception primary) {
        for (RowReader r : readers) {
            try {
                r.close();
            } catch (DataException e) {
                primary.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "BatchCursor[" + position + "/" + size + ", batch " + batchSize + ", "
                + feeds.stream().map(f -> f.input() + "<-" + f.array() + Arrays.toString(f.sampleShape())).toList()
                + "]";
    }
}
