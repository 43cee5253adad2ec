package org.coact.runner.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.coact.api.DataException;
import org.coact.api.format.TensorSpec;

/**
 * A labelled dataset on disk, read as a stream of batches; nothing but the headers is held
 * in memory (and the labels, once {@link #labels()} is called: N longs).
 *
 * <p>Layouts:
 * <ul>
 *   <li>an {@code .npy} file: the features of a single-input model, known as array
 *       {@link DatasetOptions#featuresKey() x}; labels come from a separate file;</li>
 *   <li>an {@code .npz} ({@code np.savez} or {@code np.savez_compressed}) with {@code x} and
 *       {@code y}, or with one array per model input, named after it, plus {@code y}.</li>
 * </ul>
 * A separate labels file is an .npy, or an .npz whose labels are its {@code y} (or its
 * only) array; it takes precedence over a {@code y} in the data. Every array of the data
 * file and the labels must have the same number of samples (first axis), at least one.
 *
 * <p>Not thread-safe. Close the dataset after its cursors.
 */
public final class Dataset implements AutoCloseable {
    private final String location;
    private final String labelsLocation;
    private final DatasetOptions options;
    private final Map<String, ArrayRef> arrays;
    private final ArrayRef labels;
    private final List<NpzArchive> archives;
    private final int size;
    private final long[] pieceStarts;
    private long[] labelValues;

    private Dataset(String location, String labelsLocation, DatasetOptions options, Map<String, ArrayRef> arrays,
            ArrayRef labels, List<NpzArchive> archives, int size, long[] pieceStarts) {
        this.location = location;
        this.labelsLocation = labelsLocation;
        this.options = options;
        this.arrays = arrays;
        this.labels = labels;
        this.archives = archives;
        this.size = size;
        this.pieceStarts = pieceStarts;
    }

    /**
     * Opens a dataset and checks its headers: supported dtypes, C order, agreeing sample
     * counts, not empty, file sizes matching the headers, one label per sample.
     *
     * @param data an .npy or .npz file
     * @param labels a separate .npy (or .npz) of labels, or {@code null}
     * @param options scale and array names
     * @return the open dataset
     * @throws DataException naming the file and culprit when any check fails
     */
    public static Dataset open(Path data, Path labels, DatasetOptions options) throws DataException {
        Objects.requireNonNull(data, "data");
        return open(DataFile.of(data), labels == null ? null : DataFile.of(labels), options);
    }

    /**
     * Opens a dataset of files some file system reaches, as {@link #open(Path, Path, DatasetOptions)}.
     *
     * @param data an .npy or .npz file
     * @param labels a separate .npy (or .npz) of labels, or {@code null}
     * @param options scale and array names
     * @return the open dataset
     * @throws DataException naming the file and culprit when any check fails
     */
    public static Dataset open(DataFile data, DataFile labels, DatasetOptions options) throws DataException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        List<NpzArchive> archives = new ArrayList<>();
        try {
            Map<String, ArrayRef> arrays = DatasetFiles.openArrays(data, "data", options.featuresKey(), archives);
            ArrayRef labelRef = arrays.get(options.labelsKey());
            String labelsAt = labels == null ? null : labels.location();
            if (labels != null) {
                Map<String, ArrayRef> l = DatasetFiles.openArrays(labels, "labels", options.labelsKey(), archives);
                labelRef = l.size() == 1 ? l.values().iterator().next() : l.get(options.labelsKey());
                if (labelRef == null) {
                    throw new DataException("labels file " + labelsAt + " has no array '" + options.labelsKey()
                            + "'; arrays present: " + l.keySet());
                }
            }
            int n = DatasetFiles.checkSizes(data.location(), labelsAt, arrays, labelRef, options.featuresKey());
            return new Dataset(data.location(), labelsAt, options, Collections.unmodifiableMap(arrays), labelRef,
                    List.copyOf(archives), n, new long[] {0});
        } catch (DataException | RuntimeException e) {
            for (NpzArchive a : archives) {
                try {
                    a.close();
                } catch (DataException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * A dataset whose arrays are read from elsewhere, such as the columns of a Parquet dataset:
     * each array described by the header an .npy of it would have, all with one row per sample.
     *
     * @param location the dataset as messages and the report name it
     * @param options scale and array names
     * @param arrays the arrays that may feed model inputs, by name, in order
     * @param labels the labels, one value per sample, or null
     * @param pieceStarts the first sample of each piece the data is stored in (files, row
     *     groups), ascending from 0: {@link #split} starts shards at those that fall on a batch
     *     boundary where it can, so a shard reads whole pieces
     * @return the dataset; closing it closes nothing (each reader closes what it opened)
     * @throws DataException if it is empty, or the arrays disagree on the number of samples
     */
    public static Dataset of(String location, DatasetOptions options, Map<String, ArrayRef> arrays, ArrayRef labels,
            long[] pieceStarts) throws DataException {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(options, "options");
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs an array");
        }
        Map<String, ArrayRef> copy = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        int n = DatasetFiles.checkSizes(location, null, copy, labels, options.featuresKey());
        for (ArrayRef a : copy.values()) {
            if (a.header().rows() != n) {
                throw new DataException(a.where() + " has " + a.header().rows() + " samples but " + location + " has "
                        + n);
            }
        }
        return new Dataset(location, null, options, copy, labels, List.of(), n, pieceStarts.clone());
    }

    /** @return the data as messages and the report name it: its file, or a URI */
    public String location() {
        return location;
    }

    /** @return the separate labels file as messages name it, if one was given */
    public Optional<String> labelsLocation() {
        return Optional.ofNullable(labelsLocation);
    }

    /** @return the options the dataset was opened with */
    public DatasetOptions options() {
        return options;
    }

    /** @return N, the number of samples */
    public int size() {
        return size;
    }

    /** @return the arrays of the data file, in file order (the labels array included, if it is there) */
    public List<String> arrays() {
        return new ArrayList<>(arrays.keySet());
    }

    /**
     * @param array an array of {@link #arrays()}
     * @return the shape of one sample of it (its shape without the first axis)
     * @throws DataException if there is no such array
     */
    public long[] sampleShape(String array) throws DataException {
        return ref(array).header().sampleShape();
    }

    /**
     * @param array an array of {@link #arrays()}
     * @return its numpy dtype name, e.g. {@code "float32"}, {@code "uint8"}
     * @throws DataException if there is no such array
     */
    public String dtype(String array) throws DataException {
        return ref(array).header().dtype().numpyName();
    }

    /** @return whether labels are available (a separate file, or the labels array of the data) */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Reads all labels (N longs, cached).
     *
     * @return one class index per sample, a fresh copy
     * @throws DataException if there are no labels, or they cannot be read as whole numbers
     */
    public long[] labels() throws DataException {
        if (labels == null) {
            throw new DataException("no labels: data " + location + " has no array '" + options.labelsKey()
                    + "' and no labels file was given");
        }
        if (labelValues == null) {
            try (RowReader r = labels.open(1f)) {
                labelValues = r.readLongs(size);
            }
        }
        return labelValues.clone();
    }

    /**
     * @param rows a row range
     * @return the labels of those samples
     * @throws DataException if there are no labels, or they cannot be read as whole numbers
     */
    public long[] labels(RowRange rows) throws DataException {
        long[] all = labels();
        return java.util.Arrays.copyOfRange(all, Math.toIntExact(rows.start()), Math.toIntExact(rows.end()));
    }

    /**
     * Splits the samples into {@code count} consecutive ranges of whole batches (see
     * {@link RowRange#split(long, int, int, long[])}: starting at the dataset's pieces where they
     * fall on a batch boundary); fewer when there are fewer batches.
     *
     * @param count the number of ranges wanted, at least 1
     * @param batchSize samples per batch
     * @return the ranges, in order, covering {@code 0..size()}
     */
    public List<RowRange> split(int count, int batchSize) {
        return RowRange.split(size, count, batchSize, pieceStarts);
    }

    /**
     * Checks that there is one label per sample, each in {@code 0..classes-1}.
     *
     * @param values labels, as from {@link #labels()}
     * @param classes the model's number of classes, at least 1
     * @throws DataException naming the labels file, the first bad value and its index, or the lengths
     */
    public void validateLabels(long[] values, int classes) throws DataException {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1: " + classes);
        }
        String where = labels == null ? location : labelsLocation != null ? labelsLocation : labels.where();
        if (values.length != size) {
            throw new DataException("labels " + where + " has " + values.length + " entries but data "
                    + location + " has " + size + " samples");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new DataException("labels in " + where + ": value " + values[i] + " at index " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
    }

    /**
     * Streams the data in order, {@code batchSize} samples at a time (the last batch may be
     * smaller). Each bound array is read through a stream of its own, all in lockstep.
     *
     * @param batchSize samples per batch, at least 1
     * @param binding model input name to array name, e.g. from {@link #bindInputs}; its order
     *     is the order of each batch's map
     * @param targetSampleShape model input name to the per-sample shape to feed (no batch
     *     axis); missing inputs get the array's own; at most one {@code -1}, inferred
     * @return a cursor; close it
     * @throws DataException if an array is missing or its per-sample element count does not
     *     match the target shape
     */
    public BatchCursor batches(int batchSize, Map<String, String> binding, Map<String, long[]> targetSampleShape)
            throws DataException {
        return batches(batchSize, binding, targetSampleShape, new RowRange(0, size));
    }

    /**
     * Streams one row range of the data, as {@link #batches(int, Map, Map)} streams all of it.
     *
     * @param batchSize samples per batch, at least 1
     * @param binding model input name to array name
     * @param targetSampleShape model input name to the per-sample shape to feed
     * @param rows the samples to stream, within {@code 0..size()}
     * @return a cursor; close it
     * @throws DataException if an array is missing or does not fit the target shape
     */
    public BatchCursor batches(int batchSize, Map<String, String> binding, Map<String, long[]> targetSampleShape,
            RowRange rows) throws DataException {
        return batches(batchSize, binding, targetSampleShape, rows, java.util.Set.of());
    }

    /**
     * Streams one row range of the data, the arrays bound to the {@code exact} inputs unscaled.
     * Integer and boolean model inputs (token ids, masks) are exact: {@code data.scale} does not
     * apply to them, and their values reach the plugin as float32, exact for whole numbers up to
     * 2^24 (the plugin converts them back and refuses anything else).
     *
     * @param batchSize samples per batch, at least 1
     * @param binding model input name to array name
     * @param targetSampleShape model input name to the per-sample shape to feed
     * @param rows the samples to stream, within {@code 0..size()}
     * @param exact model inputs whose arrays are not scaled
     * @return a cursor; close it
     * @throws DataException if an array is missing or does not fit the target shape
     */
    public BatchCursor batches(int batchSize, Map<String, String> binding, Map<String, long[]> targetSampleShape,
            RowRange rows, java.util.Set<String> exact) throws DataException {
        if (rows.end() > size) {
            throw new IllegalArgumentException(rows + " is beyond the " + size + " samples of " + location);
        }
        Map<String, ArrayRef> bound = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : binding.entrySet()) {
            ArrayRef r = arrays.get(e.getValue());
            if (r == null) {
                throw new DataException("data " + location + " has no array '" + e.getValue() + "' for model input '"
                        + e.getKey() + "'; arrays present: " + arrays.keySet());
            }
            if (r.header().rows() != size) {
                throw new DataException("array '" + e.getValue() + "' in " + location + " has " + r.header().rows()
                        + " samples but the dataset has " + size + "; every input array needs one row per label");
            }
            bound.put(e.getKey(), r);
        }
        return BatchCursor.open(batchSize, bound, targetSampleShape, options.scale(), rows, exact);
    }

    /**
     * The per-sample shape to feed each model input whose non-batch axes are all fixed (the
     * {@code targetSampleShape} of {@link #batches}): {@code [1, 28, 28]} for a model input
     * {@code [-1, 1, 28, 28]}, so {@code [N, 784]} data is reshaped by element count.
     *
     * @param modelInputs the model inputs the data feeds
     * @return input name to its per-sample shape
     */
    public static Map<String, long[]> sampleShapes(List<TensorSpec> modelInputs) {
        Map<String, long[]> targets = new LinkedHashMap<>();
        for (TensorSpec in : modelInputs) {
            long[] shape = in.shape();
            if (shape.length > 1 && Arrays.stream(shape, 1, shape.length).allMatch(d -> d >= 0)) {
                targets.put(in.name(), Arrays.copyOfRange(shape, 1, shape.length));
            }
        }
        return targets;
    }

    /**
     * Chooses the array for each model input; see {@link InputBinding#bind}.
     *
     * @param modelInputs the model's inputs
     * @param d the dataset
     * @return model input name to array name, in input order
     * @throws DataException naming the data file, the input and the arrays present
     */
    public static Map<String, String> bindInputs(List<TensorSpec> modelInputs, Dataset d) throws DataException {
        return InputBinding.bind(modelInputs, d);
    }

    private ArrayRef ref(String array) throws DataException {
        ArrayRef r = arrays.get(array);
        if (r == null) {
            throw new DataException("data " + location + " has no array '" + array + "'; arrays present: "
                    + arrays.keySet());
        }
        return r;
    }

    /** Closes the .npz archives. Safe to call twice. */
    @Override
    public void close() throws DataException {
        DataException first = null;
        for (NpzArchive a : archives) {
            try {
                a.close();
            } catch (DataException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
