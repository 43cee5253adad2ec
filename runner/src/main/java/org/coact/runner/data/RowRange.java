package org.coact.runner.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A consecutive range of samples, {@code start} inclusive to {@code end} exclusive: one shard
 * of a dataset. Statistics over disjoint ranges merge by addition (METHOD.md 4).
 *
 * @param start the first sample
 * @param end one past the last sample
 */
public record RowRange(long start, long end) implements java.io.Serializable {

    /** Validates. */
    public RowRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad row range [" + start + ", " + end + ")");
        }
    }

    /** @return the number of samples */
    public long size() {
        return end - start;
    }

    /**
     * Splits {@code 0..n} into consecutive ranges of whole batches: every range but the last
     * starts and ends on a multiple of {@code batchSize}, so each sample lands in the same batch
     * however the data is split. That matters: engines may round a value differently in a batch
     * of another size or make-up (blocked kernels), and a split that kept every batch would
     * otherwise not give identical floats.
     *
     * @param samples n
     * @param count the number of ranges wanted, at least 1
     * @param batchSize samples per batch, at least 1
     * @return {@code min(count, batches)} ranges (at least one) covering {@code 0..n}, the first
     *     {@code batches % count} one batch longer
     */
    public static List<RowRange> split(long samples, int count, int batchSize) {
        if (count < 1 || batchSize < 1) {
            throw new IllegalArgumentException("count and batch size must be >= 1, got " + count + ", " + batchSize);
        }
        long batches = (samples + batchSize - 1) / batchSize;
        int k = (int) Math.max(1, Math.min(count, batches));
        List<RowRange> ranges = new ArrayList<>(k);
        long base = batches / k;
        long extra = batches % k;
        long start = 0;
        for (int i = 0; i < k; i++) {
            long end = Math.min(samples, start + (base + (i < extra ? 1 : 0)) * batchSize);
            ranges.add(new RowRange(start, end));
            start = end;
        }
        return ranges;
    }

    /**
     * Splits as {@link #split(long, int, int)}, then moves each boundary between two ranges to
     * the nearest piece start (of the files or row groups the data is stored in) that is a
     * multiple of {@code batchSize}, when one lies after the boundary before it, before the next
     * boundary, and within half a range of where it was: every sample still lands in the same
     * batch, and a range reads whole pieces wherever the pieces allow (rows per piece a multiple
     * of the batch size).
     *
     * @param samples n
     * @param count the number of ranges wanted, at least 1
     * @param batchSize samples per batch, at least 1
     * @param pieceStarts the first sample of each piece, ascending
     * @return the ranges, as many as {@link #split(long, int, int)} gives, covering {@code 0..n}
     */
    public static List<RowRange> split(long samples, int count, int batchSize, long[] pieceStarts) {
        List<RowRange> even = split(samples, count, batchSize);
        long[] aligned = java.util.Arrays.stream(pieceStarts).filter(s -> s > 0 && s < samples && s % batchSize == 0)
                .sorted().distinct().toArray();
        if (even.size() < 2 || aligned.length == 0) {
            return even;
        }
        long[] bounds = new long[even.size() + 1];
        for (int i = 0; i < even.size(); i++) {
            bounds[i] = even.get(i).start();
        }
        bounds[even.size()] = samples;
        long[] moved = bounds.clone();
        for (int i = 1; i < even.size(); i++) {
            long reach = (bounds[i] - bounds[i - 1]) / 2;
            long best = -1;
            for (long c : aligned) {
                boolean fits = c > moved[i - 1] && c < bounds[i + 1] && Math.abs(c - bounds[i]) <= reach;
                if (fits && (best < 0 || Math.abs(c - bounds[i]) < Math.abs(best - bounds[i]))) {
                    best = c;
                }
            }
            if (best >= 0) {
                moved[i] = best;
            }
        }
        List<RowRange> ranges = new ArrayList<>(even.size());
        for (int i = 0; i < even.size(); i++) {
            ranges.add(new RowRange(moved[i], moved[i + 1]));
        }
        return ranges;
    }

    @Override
    public String toString() {
        return "rows [" + start + ", " + end + ")";
    }
}
