package org.coact.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.DataException;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.FileSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options a Spark run adds for its data, and where {@code --model}, {@code --data} and
 * {@code --labels} are read from: a path with a scheme ({@code hdfs://}, {@code s3a://},
 * {@code file:}, ...) through Hadoop's file systems, any other path as a file of this machine (a
 * shared path, or the same path on every node) as {@code coact analyze} reads it. The data is
 * .npy/.npz, or Parquet: a {@code .parquet} file or a directory of part files, with one array
 * column per model input and an integer label column.
 */
public final class DataOptions {

    @Option(names = "--data-format", paramLabel = "auto|numpy|parquet", defaultValue = "auto",
            description = "What --data is: numpy (.npy/.npz), parquet (a .parquet file or a directory of part files), "
                    + "or auto (default): a .parquet file or a directory is Parquet, else .npy/.npz by its extension.")
    String format;

    @Option(names = "--input-column", paramLabel = "INPUT=COLUMN", mapFallbackValue = "",
            description = "Parquet only: the array column feeding a model input (repeatable; default: the column "
                    + "named after the input or x, else the only array column).")
    Map<String, String> inputColumns = new LinkedHashMap<>();

    @Option(names = "--label-column", paramLabel = "COLUMN", defaultValue = "label",
            description = "Parquet only: the column of integer class indices (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    /**
     * Checks the values before Spark starts.
     *
     * @throws ConfigException if {@code --data-format} is none of its values, or a column is blank
     */
    void validate() throws ConfigException {
        if (!format.equals("auto") && !format.equals("numpy") && !format.equals("parquet")) {
            throw new ConfigException("--data-format must be auto, numpy or parquet, got '" + format + "'");
        }
        for (Map.Entry<String, String> e : inputColumns.entrySet()) {
            if (e.getKey().isBlank() || e.getValue().isBlank()) {
                throw new ConfigException("--input-column takes INPUT=COLUMN, got '" + e.getKey() + "="
                        + e.getValue() + "'");
            }
        }
        if (labelColumn.isBlank()) {
            throw new ConfigException("--label-column must name a column");
        }
    }

    /**
     * @param data the {@code --data} argument as given
     * @param labels the {@code --labels} argument as given, or null
     * @param files the Hadoop file systems
     * @return the dataset: Parquet, .npy/.npz of a Hadoop file system, or files of this machine
     * @throws CoactException naming the culprit (a Parquet dataset is planned here, from its footers)
     */
    DataSource source(String data, String labels, HadoopFiles files) throws CoactException {
        validate();
        boolean uri = HadoopFiles.isUri(data);
        if (!isParquet(data, uri, files)) {
            if (!inputColumns.isEmpty() || !labelColumn.equals("label")) {
                throw new ConfigException("--input-column and --label-column are for Parquet data; " + data
                        + " is read as .npy/.npz (its arrays are named after the model inputs, or x and y)");
            }
            if (uri || HadoopFiles.isUri(labels)) {
                return new HadoopNpySource(uri ? data : fileUri(data), labels == null || HadoopFiles.isUri(labels)
                        ? labels : fileUri(labels), files);
            }
            return FileSource.of(Path.of(data), labels == null ? null : Path.of(labels));
        }
        if (labels != null) {
            throw new ConfigException("--labels does not apply to Parquet data: its labels are its column '"
                    + labelColumn + "' (--label-column)");
        }
        String location = uri ? data : Path.of(data).toAbsolutePath().normalize().toString();
        return ParquetPlan.plan(location, uri ? data : fileUri(data), inputColumns, labelColumn, files);
    }

    private boolean isParquet(String data, boolean uri, HadoopFiles files) throws DataException {
        if (!format.equals("auto")) {
            return format.equals("parquet");
        }
        String name = data.toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return true;
        }
        if (name.endsWith(".npy") || name.endsWith(".npz")) {
            return false;
        }
        if (!uri) {
            return Files.isDirectory(Path.of(data));
        }
        try {
            FileStatus s = files.status(data);
            return s != null && s.isDirectory();
        } catch (IOException e) {
            throw new DataException("cannot read " + data + ": " + HadoopFiles.why(e), e);
        }
    }

    /** @return a path of this machine as a {@code file:} URI */
    private static String fileUri(String path) {
        return Path.of(path).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * @param spec a command's spec
     * @param option one of its options
     * @return the option's argument as given on the command line (a URI's {@code //} intact,
     *     which a {@code Path} value loses), or null if it was not given
     */
    static String raw(CommandSpec spec, String option) {
        java.util.List<String> given = spec.findOption(option).originalStringValues();
        return given.isEmpty() ? null : given.get(given.size() - 1);
    }
}
