package org.coact.runner.output;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.CoactException;
import org.coact.analysis.graph.JGraphTGraphs;
import org.coact.analysis.Analysis;
import org.coact.analysis.entropy.NeuronEntropy;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.gexf.GEXFAttributeType;
import org.jgrapht.nio.gexf.GEXFExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

/**
 * The neuron graph as GraphML and GEXF (jgrapht-io), for Gephi, Cytoscape or networkx. Node
 * {@code n<i>} is the analysis' neuron {@code i} (global order), labelled with its id and carrying its
 * {@code layer}, {@code index}, {@code community}, {@code preferredClass} (-1 for a dead
 * neuron), {@code activeFraction} and {@code entropyBits}; edges carry their {@code weight}.
 */
public final class GraphFiles {

    /** The node attributes both formats carry (besides the label), in file order. */
    private static final Map<String, AttributeType> NODE_ATTRIBUTES = attributeTypes();

    private GraphFiles() {
    }

    /**
     * Writes {@code graph.graphml} and {@code graph.gexf} into a directory, atomically.
     *
     * @param dir output directory
     * @param analysis the analysis whose graph, neurons and communities are written
     * @throws CoactException naming the file that cannot be written
     */
    public static void write(Path dir, Analysis analysis) throws CoactException {
        Graph<Integer, DefaultWeightedEdge> g = JGraphTGraphs.of(analysis.graph().graph(), w -> w);
        Map<Integer, Map<String, Attribute>> attributes = nodeAttributes(analysis);
        GraphMLExporter<Integer, DefaultWeightedEdge> graphml = new GraphMLExporter<>(v -> "n" + v);
        graphml.setExportVertexLabels(true);
        graphml.setVertexLabelAttributeName("label");
        graphml.setExportEdgeWeights(true);
        GEXFExporter<Integer, DefaultWeightedEdge> gexf = new GEXFExporter<>(v -> "n" + v, new EdgeIds(g)::id);
        gexf.setParameter(GEXFExporter.Parameter.EXPORT_EDGE_WEIGHTS, true);
        gexf.setParameter(GEXFExporter.Parameter.EXPORT_META, false);
        for (Map.Entry<String, AttributeType> a : NODE_ATTRIBUTES.entrySet()) {
            graphml.registerAttribute(a.getKey(), GraphMLExporter.AttributeCategory.NODE, a.getValue());
            gexf.registerAttribute(a.getKey(), GEXFExporter.AttributeCategory.NODE, gexfType(a.getValue()));
        }
        graphml.setVertexAttributeProvider(attributes::get);
        gexf.setVertexAttributeProvider(attributes::get);
        export(dir.resolve("graph.graphml"), graphml, g);
        export(dir.resolve("graph.gexf"), gexf, g);
    }

    private static void export(Path file, GraphExporter<Integer, DefaultWeightedEdge> exporter,
            Graph<Integer, DefaultWeightedEdge> g) throws CoactException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            exporter.exportGraph(g, w);
            w.flush();
        });
    }

    private static GEXFAttributeType gexfType(AttributeType type) {
        return switch (type) {
            case INT -> GEXFAttributeType.INTEGER;
            case DOUBLE -> GEXFAttributeType.DOUBLE;
            default -> GEXFAttributeType.STRING;
        };
    }

    private static Map<Integer, Map<String, Attribute>> nodeAttributes(Analysis analysis) {
        Map<Integer, Map<String, Attribute>> result = new LinkedHashMap<>();
        long n = analysis.samples();
        int v = 0;
        for (int t = 0; t < analysis.statistics().layers().size(); t++) {
            String layer = analysis.statistics().layers().get(t).name();
            for (int i = 0; i < analysis.statistics().layers().get(t).neurons(); i++, v++) {
                NeuronEntropy e = analysis.entropy().neurons().get(v);
                Map<String, Attribute> a = new LinkedHashMap<>();
                a.put("label", DefaultAttribute.createAttribute(e.id()));
                a.put("layer", DefaultAttribute.createAttribute(layer));
                a.put("index", DefaultAttribute.createAttribute(i));
                a.put("community", DefaultAttribute.createAttribute(analysis.communities().partition().communityOf(v)));
                a.put("preferredClass", DefaultAttribute.createAttribute(e.preferredClass()));
                a.put("activeFraction", DefaultAttribute.createAttribute((double) e.active() / n));
                a.put("entropyBits", DefaultAttribute.createAttribute(e.entropy()));
                result.put(v, a);
            }
        }
        return result;
    }

    private static Map<String, AttributeType> attributeTypes() {
        Map<String, AttributeType> m = new LinkedHashMap<>();
        m.put("layer", AttributeType.STRING);
        m.put("index", AttributeType.INT);
        m.put("community", AttributeType.INT);
        m.put("preferredClass", AttributeType.INT);
        m.put("activeFraction", AttributeType.DOUBLE);
        m.put("entropyBits", AttributeType.DOUBLE);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Edge ids {@code e<k>} in insertion order, so the files are deterministic. */
    private static final class EdgeIds {
        private final Map<DefaultWeightedEdge, String> ids = new java.util.IdentityHashMap<>();

        EdgeIds(Graph<Integer, DefaultWeightedEdge> g) {
            for (DefaultWeightedEdge e : g.edgeSet()) {
                ids.put(e, "e" + ids.size());
            }
        }

        String id(DefaultWeightedEdge e) {
            return ids.get(e);
        }
    }
}
