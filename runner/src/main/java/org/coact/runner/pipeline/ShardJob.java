package org.coact.runner.pipeline;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.coact.analysis.Settings;
import org.coact.analysis.activity.LayerShape;
import org.coact.api.CoactException;
import org.coact.api.DataException;
import org.coact.api.ModelException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.OpenOptions;
import org.coact.runner.config.SettingsJson;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.FileSource;
import org.coact.runner.plugin.PluginHost;
import org.coact.runner.plugin.Registered;

/**
 * What a shard task in another JVM needs to set up exactly as the analysing side did: the model
 * (path, format, options, SHA-256), the dataset (its {@link DataSource}, the stamp of its sizes, sample
 * count), the settings, and
 * the layout the analysing side's probe found (layers' neuron counts, K). Plain values, so it is
 * Serializable; {@link #open} sets up from it through the same code as a local run and refuses
 * a model or dataset that differs from the analysing side's, so a stale copy on one machine
 * cannot change the counts unnoticed. Immutable.
 */
public final class ShardJob implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String model;
    private final String format;
    private final String plugin;
    private final TreeMap<String, String> openOptions;
    private final String modelSha256;
    private final DataSource data;
    private final String dataStamp;
    private final int samples;
    private final String settings;
    private final List<LayerShape> shapes;
    private final int classes;

    private ShardJob(String model, String format, String plugin, Map<String, String> openOptions, String modelSha256,
            DataSource data, String dataStamp, int samples, String settings, List<LayerShape> shapes, int classes) {
        this.model = model;
        this.format = format;
        this.plugin = plugin;
        this.openOptions = new TreeMap<>(openOptions);
        this.modelSha256 = modelSha256;
        this.data = data;
        this.dataStamp = dataStamp;
        this.samples = samples;
        this.settings = settings;
        this.shapes = List.copyOf(shapes);
        this.classes = classes;
    }

    /** The job of one analysis, before the probe: no layout yet. */
    static ShardJob of(String model, Registered<ModelFormat> format, OpenOptions options, String modelSha256,
            DataSource data, int samples, Settings settings) throws CoactException {
        return new ShardJob(model, format.extension().id(), format.origin().id(), options.values(), modelSha256, data,
                data.stamp(), samples, SettingsJson.write(settings), List.of(), 0);
    }

    /** @return this job with the layout the analysing side's probe found */
    ShardJob withLayout(List<LayerShape> layerShapes, int classCount) {
        return new ShardJob(model, format, plugin, openOptions, modelSha256, data, dataStamp, samples, settings,
                layerShapes, classCount);
    }

    /** @return the model as the analysing side named it (absolute) */
    public String model() {
        return model;
    }

    /** @return the id of the format the analysing side opened the model with */
    public String format() {
        return format;
    }

    /** @return the id of the plugin that format came from ({@code builtin} for the runner's own) */
    public String plugin() {
        return plugin;
    }

    /** @return the model's SHA-256, as in the report's provenance */
    public String modelSha256() {
        return modelSha256;
    }

    /** @return the dataset as the analysing side named it (an absolute path, a URI) */
    public String data() {
        return data.location();
    }

    /** @return the separate labels file as the analysing side named it, or null */
    public String labels() {
        return data.labelsLocation();
    }

    /** @return the dataset as the analysing side opened it */
    public DataSource dataSource() {
        return data;
    }

    /** @return n, the dataset's samples */
    public int samples() {
        return samples;
    }

    /** @return each selected layer's neuron count, as the analysing side's probe found them */
    public List<LayerShape> shapes() {
        return shapes;
    }

    /** @return K, as the analysing side's probe decided it */
    public int classes() {
        return classes;
    }

    /**
     * Sets up in this JVM: checks that the files are the analysing side's (model SHA-256, data
     * and labels sizes), opens the model through the host's format of the same id, checks the
     * dataset and labels as a local run does, and probes the first sample, which must give the
     * same layers and classes.
     *
     * @param host started plugins of this JVM, offering {@link #format()}
     * @param localModel the model as this JVM reaches it
     * @param localData the dataset as this JVM reaches it
     * @param localLabels the labels file as this JVM reaches it, or null
     * @param fingerprints the hashes this JVM already knows
     * @return an open session; close it
     * @throws CoactException naming the file that differs, or what a local run would refuse
     */
    public ShardSession open(PluginHost host, Path localModel, Path localData, Path localLabels,
            Fingerprints fingerprints) throws CoactException {
        Objects.requireNonNull(localData, "localData");
        if ((localLabels == null) != (labels() == null)) {
            throw new IllegalArgumentException("labels " + localLabels + " for a job with labels " + labels());
        }
        return open(host, localModel, FileSource.of(localData, localLabels), fingerprints);
    }

    /**
     * Sets up in this JVM as {@link #open(PluginHost, Path, Path, Path, Fingerprints)} does, the
     * dataset opened from a source of its own (the analysing side's {@link #dataSource()}, or
     * the same files as this JVM reaches them).
     *
     * @param host started plugins of this JVM, offering {@link #format()}
     * @param localModel the model as this JVM reaches it
     * @param localData the dataset as this JVM reaches it
     * @param fingerprints the hashes this JVM already knows
     * @return an open session; close it
     * @throws CoactException naming the file that differs, or what a local run would refuse
     */
    public ShardSession open(PluginHost host, Path localModel, DataSource localData, Fingerprints fingerprints)
            throws CoactException {
        Objects.requireNonNull(localData, "localData");
        String sha = fingerprints.sha256(localModel);
        if (!sha.equals(modelSha256)) {
            throw new ModelException("model " + localModel + " here has SHA-256 " + sha + " but " + model
                    + " of the analysis has " + modelSha256 + "; every executor must read the same model file");
        }
        String stamp = localData.stamp();
        if (!stamp.equals(dataStamp)) {
            throw new DataException("data " + localData.location() + " here has " + stamp + " but " + data.location()
                    + " of the analysis has " + dataStamp + "; every executor must read the same dataset");
        }
        Settings s = SettingsJson.read(settings);
        Registered<ModelFormat> f = AnalysisPipeline.of(host).formats().select(localModel, format);
        Preparation p = Preparation.open(f.extension(), localModel, new OpenOptions(openOptions), localData, s, () -> {
        });
        try {
            if (p.data().size() != samples) {
                throw new DataException("dataset " + localData.location() + " here has " + p.data().size()
                        + " samples but " + data.location() + " of the analysis has " + samples);
            }
            ExtractionSession session = p.extraction().start(p.data(), s.batchSize());
            if (!session.shapes().equals(shapes) || session.classes() != classes) {
                session.close();
                throw new ModelException("model " + localModel + " here gives layers " + session.shapes() + " and "
                        + session.classes() + " classes but " + shapes + " and " + classes + " for the analysis");
            }
            return new ShardSession(p, session, localData);
        } catch (CoactException | RuntimeException | Error e) {
            try {
                p.close();
            } catch (CoactException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "ShardJob[" + model + " on " + data.location() + ", " + samples + " samples]";
    }
}
