package org.coact.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.coact.analysis.Analysis;
import org.coact.api.CoactException;
import org.coact.api.format.OpenOptions;
import org.coact.runner.config.ConfigLoader;
import org.coact.runner.config.Configuration;
import org.coact.runner.output.OutputDirectory;
import org.coact.runner.output.Outputs;
import org.coact.runner.pipeline.AnalysisPipeline;
import org.coact.runner.pipeline.AnalyzeRequest;
import org.coact.runner.pipeline.ProgressListener;
import org.coact.runner.plugin.PluginHost;

/**
 * Coact as a library: the same analysis as {@code coact analyze}, from Java.
 *
 * <pre>{@code
 * Analysis a = Coact.analysis()
 *         .model(Path.of("model.onnx"))
 *         .data(Path.of("test.npz"))
 *         .set("community.algorithm", "leiden")     // any configuration key, dotted
 *         .pluginsDir(Path.of("coact/plugins"))     // the distribution's plugins/
 *         .run();
 * double q = a.communities().figures().modularity();
 * Coact.write(a, Path.of("out"));                  // report.json, report.html, CSVs, GraphML, GEXF
 * }</pre>
 *
 * Settings start from the built-in defaults ({@code conf/coact.yaml}), then an optional YAML
 * file ({@link AnalysisBuilder#config}), then {@link AnalysisBuilder#set} calls in order, exactly
 * as the command line layers them; errors are the same {@link CoactException}s the command line
 * reports.
 */
public final class Coact {

    private Coact() {
    }

    /** @return a builder for one analysis */
    public static AnalysisBuilder analysis() {
        return new AnalysisBuilder();
    }

    /**
     * Writes every output file of {@code coact analyze} into a directory, all at once or none
     * (the files of an earlier run there are replaced; see the README's Outputs section).
     *
     * @param analysis an analysis
     * @param dir the output directory, created if needed
     * @return the files written, the report page first
     * @throws CoactException naming the directory or file that cannot be written, or the pid of
     *     another run writing into the directory
     */
    public static List<Path> write(Analysis analysis, Path dir) throws CoactException {
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            return Outputs.analysis(out, analysis);
        }
    }

    /** Collects one analysis' inputs; {@link #run()} runs it. Not thread-safe. */
    public static final class AnalysisBuilder {
        private Path model;
        private String format;
        private final Map<String, String> options = new LinkedHashMap<>();
        private Path data;
        private Path labels;
        private Path config;
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private Path pluginsDir;
        private int shards = 1;
        private ProgressListener progress = ProgressListener.NONE;

        private AnalysisBuilder() {
        }

        /** @param path the model file or directory @return this */
        public AnalysisBuilder model(Path path) {
            this.model = Objects.requireNonNull(path, "path");
            return this;
        }

        /** @param id a format id (see {@code coact plugins}); default: the plugin that recognises the model @return this */
        public AnalysisBuilder format(String id) {
            this.format = id;
            return this;
        }

        /** @param key a format option @param value its value @return this */
        public AnalysisBuilder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /** @param path the dataset (.npz or .npy) @return this */
        public AnalysisBuilder data(Path path) {
            this.data = Objects.requireNonNull(path, "path");
            return this;
        }

        /** @param path a separate labels file @return this */
        public AnalysisBuilder labels(Path path) {
            this.labels = path;
            return this;
        }

        /** @param yaml a configuration file overlaid on the defaults @return this */
        public AnalysisBuilder config(Path yaml) {
            this.config = yaml;
            return this;
        }

        /**
         * @param key a configuration key, dotted ({@code graph.top_k}; docs/METHOD.md 11)
         * @param value its value
         * @return this
         */
        public AnalysisBuilder set(String key, Object value) {
            overrides.put(key, value);
            return this;
        }

        /** @param dir the plugins directory (default: {@code $COACT_PLUGINS_DIR}, else the distribution's) @return this */
        public AnalysisBuilder pluginsDir(Path dir) {
            this.pluginsDir = dir;
            return this;
        }

        /** @param count row ranges to split the data into (the figures do not depend on it) @return this */
        public AnalysisBuilder shards(int count) {
            this.shards = count;
            return this;
        }

        /** @param listener receives the passes' progress @return this */
        public AnalysisBuilder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @return the analysis
         * @throws CoactException naming the culprit of any failure, as the command line does
         */
        public Analysis run() throws CoactException {
            if (model == null || data == null) {
                throw new IllegalStateException("a model and data are needed: call model(...) and data(...)");
            }
            Configuration configuration = new ConfigLoader().load(config, overrides);
            PluginHost host = PluginHost.start(PluginHost.resolvePluginsDir(pluginsDir));
            return AnalysisPipeline.of(host).analyze(new AnalyzeRequest(model, format, new OpenOptions(options), data,
                    labels, configuration.analysis(), shards), progress);
        }
    }
}
