package org.coact.runner.output.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Settings;

/**
 * The result of {@code coact analyze}: provenance, the effective configuration, and every
 * figure of METHOD.md sections 1-7. Everything but {@code timings} is a pure function of the
 * model, the data and the configuration.
 *
 * @param schema the schema id, {@value #SCHEMA}
 * @param tool the producing tool and its version
 * @param model the analysed model's provenance
 * @param dataset the dataset's provenance
 * @param accuracy fraction of samples whose argmax prediction equals the label
 * @param correct number of such samples
 * @param config the effective configuration
 * @param summary model-level figures over all selected neurons: {@code layers}, {@code neurons}, then
 *     every {@link org.coact.analysis.ModelFigure} with {@code inSummary()}, in its order
 * @param layers per-layer figures, in forward order
 * @param neurons per-neuron figures, in layer order then index
 * @param graph the neuron graph's size
 * @param communities the partition and its quality
 * @param classGraphs each class's own graph and partition ({@code graph.per_class}); empty otherwise
 * @param warnings what a reader must know to judge the figures (a default that makes one
 *     trivial, say), one sentence each; empty when there is nothing to say
 * @param timings wall-clock seconds per stage (the only non-deterministic section)
 */
@JsonPropertyOrder({"schema", "tool", "model", "dataset", "accuracy", "correct", "config", "summary", "layers",
    "neurons", "graph", "communities", "classGraphs", "warnings", "timings"})
public record Report(
        String schema,
        Tool tool,
        ModelInfo model,
        DatasetInfo dataset,
        double accuracy,
        long correct,
        Settings config,
        com.fasterxml.jackson.databind.node.ObjectNode summary,
        List<LayerFigures> layers,
        List<NeuronFigures> neurons,
        GraphSummary graph,
        Communities communities,
        List<ClassGraphFigures> classGraphs,
        List<String> warnings,
        Map<String, Double> timings) {

    /** Copies the warnings. */
    public Report {
        classGraphs = classGraphs == null ? List.of() : List.copyOf(classGraphs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Schema id of this report format. */
    public static final String SCHEMA = "coact-report/1";

    /**
     * @param name always {@code coact}
     * @param version the runner version
     */
    public record Tool(String name, String version) {
    }

    /**
     * @param id plugin id
     * @param version plugin version
     */
    public record Plugin(String id, String version) {
    }

    /**
     * @param path absolute path of the model file or directory
     * @param sha256 SHA-256 of the file (of every file, in path order, for a directory)
     * @param format format id
     * @param plugin the plugin that read it
     * @param options the format options it was opened with ({@code --model-option},
     *     {@code --signature}, {@code --tag}), sorted by key; empty for the plugin's defaults
     * @param output the model output used for predictions
     * @param prediction how that output was decoded into classes: {@code kind} (argmax, binary,
     *     pooled), {@code classes}, the binary {@code threshold} and the {@code reason}
     * @param rewrites what the format changed in memory before the run (folded control flow)
     */
    @JsonPropertyOrder({"path", "sha256", "format", "plugin", "options", "output", "prediction", "rewrites"})
    public record ModelInfo(String path, String sha256, String format, Plugin plugin, Map<String, String> options,
            String output, org.coact.analysis.Decoding prediction, java.util.List<String> rewrites) {

        /** Copies the options, sorted. */
        public ModelInfo {
            options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
        }
    }

    /**
     * @param path absolute path of the data file
     * @param sha256 its SHA-256
     * @param labelsPath the separate labels file, if any
     * @param labelsSha256 its SHA-256, if any
     * @param samples n
     * @param classes K
     * @param classCounts n_c for c = 0..K-1
     * @param nonFinite NaN or infinite input values fed to the model (as float32)
     * @param batchSize samples per forward pass the run used (config {@code batch_size}, with
     *     {@code auto} resolved; speed and memory only); 0 where unknown
     */
    @JsonPropertyOrder({"path", "sha256", "labelsPath", "labelsSha256", "samples", "classes", "classCounts",
        "nonFinite", "batchSize"})
    public record DatasetInfo(String path, String sha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) String labelsPath,
            @JsonInclude(JsonInclude.Include.NON_NULL) String labelsSha256,
            long samples, int classes, long[] classCounts, long nonFinite, int batchSize) {

        /** Without non-finite inputs. */
        public DatasetInfo(String path, String sha256, String labelsPath, String labelsSha256, long samples, int classes,
                long[] classCounts) {
            this(path, sha256, labelsPath, labelsSha256, samples, classes, classCounts, 0, 0);
        }
    }


    /**
     * @param name layer name
     * @param opType op or module type
     * @param shape output shape reported by the plugin (-1 = dynamic)
     * @param channelAxis channel axis for rank-4 outputs, -1 otherwise
     * @param neurons number of neurons
     * @param meanActiveFraction mean of c_j / n
     * @param meanEntropyBits mean H_j
     * @param meanConditionalEntropyBits mean H(A_j|Y)
     * @param meanMutualInformationBits mean I(A_j;Y)
     * @param dead neurons with c_j = 0
     * @param alwaysOn neurons with c_j = n
     * @param classMeanEntropyBits per class c, the mean of H_j|c over the layer's neurons
     * @param nonFinite how many of the layer's n x F neuron values were NaN or infinite
     */
    @JsonPropertyOrder({"name", "opType", "shape", "channelAxis", "neurons", "meanActiveFraction", "meanEntropyBits",
        "meanConditionalEntropyBits", "meanMutualInformationBits", "dead", "alwaysOn", "classMeanEntropyBits",
        "nonFinite"})
    public record LayerFigures(String name, String opType, long[] shape, int channelAxis, int neurons,
            double meanActiveFraction, double meanEntropyBits, double meanConditionalEntropyBits,
            double meanMutualInformationBits, int dead, int alwaysOn, double[] classMeanEntropyBits, long nonFinite) {

        /** Without non-finite values. */
        public LayerFigures(String name, String opType, long[] shape, int channelAxis, int neurons,
                double meanActiveFraction, double meanEntropyBits, double meanConditionalEntropyBits,
                double meanMutualInformationBits, int dead, int alwaysOn, double[] classMeanEntropyBits) {
            this(name, opType, shape, channelAxis, neurons, meanActiveFraction, meanEntropyBits,
                    meanConditionalEntropyBits, meanMutualInformationBits, dead, alwaysOn, classMeanEntropyBits, 0);
        }
    }

    /**
     * @param id {@code <layer>:<index>}
     * @param layer layer name
     * @param index neuron index within the layer
     * @param threshold tau_j, the threshold its activity was counted against: the fixed tau, or
     *     its q-quantile over the dataset for {@code threshold: quantile q}
     * @param activeCount c_j
     * @param activeFraction c_j / n
     * @param entropyBits H_j
     * @param conditionalEntropyBits H(A_j|Y)
     * @param mutualInformationBits I(A_j;Y)
     * @param preferredClass argmax_c c_jc / n_c; null when the activity does not depend on the
     *     class (G-test p not below {@code community.alignment_alpha}: dead, always on, or noise)
     * @param classAssociationP the G-test p-value of independence of activity and class
     * @param classActiveCounts c_jc for c = 0..K-1
     * @param classEntropyBits H_j|c = H(c_jc / n_c) for c = 0..K-1 (0 where n_c = 0)
     */
    @JsonPropertyOrder({"id", "layer", "index", "threshold", "activeCount", "activeFraction", "entropyBits",
        "conditionalEntropyBits", "mutualInformationBits", "preferredClass", "classAssociationP", "classActiveCounts",
        "classEntropyBits"})
    public record NeuronFigures(String id, String layer, int index, double threshold, long activeCount,
            double activeFraction, double entropyBits, double conditionalEntropyBits, double mutualInformationBits,
            Integer preferredClass, double classAssociationP, long[] classActiveCounts, double[] classEntropyBits) {
    }

    /**
     * @param scope pair scope
     * @param weight edge weighting
     * @param nodes number of nodes (= selected neurons)
     * @param edges number of edges
     * @param totalWeight m, the sum of edge weights
     * @param fileEdges how many of the edges graph.graphml and graph.gexf hold (the heaviest;
     *     {@code outputs.graph_edges})
     */
    @JsonPropertyOrder({"scope", "weight", "nodes", "edges", "totalWeight", "fileEdges"})
    public record GraphSummary(String scope, String weight, int nodes, int edges, double totalWeight, int fileEdges) {
    }

    /**
     * The null model beside a modularity (METHOD.md 6).
     *
     * @param samples R, the null draws
     * @param mean the null draws' mean Q
     * @param sd their sample standard deviation
     * @param z {@code (Q - mean) / sd}, null when sd is 0
     * @param p the empirical p-value {@code (1 + #{Q_null >= Q}) / (R + 1)}
     * @param baseline Q of the layer-structure baseline (weights from firing rates only)
     * @param modularity every draw's Q
     */
    @JsonPropertyOrder({"samples", "mean", "sd", "z", "p", "baseline", "modularity"})
    public record NullModelFigures(int samples, double mean, double sd, Double z, double p, double baseline,
            double[] modularity) {
    }

    /**
     * One class's own graph and partition ({@code graph.per_class}).
     *
     * @param classIndex the class
     * @param samples n_c
     * @param nodes neurons
     * @param edges edges
     * @param totalWeight m
     * @param count communities
     * @param countWithoutSingletons communities of two or more neurons
     * @param modularity Q
     * @param sizes community sizes, largest first
     * @param nullModel its null model, or null
     */
    @JsonPropertyOrder({"class", "samples", "nodes", "edges", "totalWeight", "count", "countWithoutSingletons",
        "modularity", "sizes", "nullModel"})
    public record ClassGraphFigures(@com.fasterxml.jackson.annotation.JsonProperty("class") int classIndex, long samples,
            int nodes, int edges, double totalWeight, int count, int countWithoutSingletons, double modularity,
            int[] sizes, NullModelFigures nullModel) {
    }

    /**
     * The partition and its quality (METHOD.md 6).
     *
     * @param algorithm algorithm id
     * @param plugin the plugin that provided it
     * @param parameters resolution and algorithm options
     * @param seed the seed used
     * @param count number of communities, singletons included
     * @param countWithoutSingletons number of communities with two or more neurons
     * @param modularity Q (METHOD.md 6) of this partition
     * @param sizes community sizes, largest first
     * @param coverage fraction of edge weight inside communities
     * @param meanConductance mean conductance over communities with a defined conductance
     * @param purity class-alignment purity over neurons with a preferred class
     * @param nmi normalised mutual information between community and preferred class
     * @param alignedNeurons the neurons with a preferred class, over which purity and NMI are taken
     * @param nullModel the null model beside Q, or null without null samples
     * @param membership neuron id to community id
     */
    @JsonPropertyOrder({"algorithm", "plugin", "parameters", "seed", "count", "countWithoutSingletons", "modularity",
        "sizes", "coverage", "meanConductance", "purity", "nmi", "alignedNeurons", "nullModel", "membership"})
    public record Communities(String algorithm, Plugin plugin, Map<String, Object> parameters, long seed, int count,
            int countWithoutSingletons, double modularity, int[] sizes, double coverage, double meanConductance,
            double purity, double nmi, int alignedNeurons, NullModelFigures nullModel, Map<String, Integer> membership) {
    }
}
