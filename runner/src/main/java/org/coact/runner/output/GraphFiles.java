package org.coact.runner.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.coact.analysis.Analysis;
import org.coact.analysis.entropy.NeuronEntropy;
import org.coact.api.CoactException;
import org.coact.api.community.WeightedGraph;

/**
 * The neuron graph as GraphML and GEXF 1.2, for Gephi, Cytoscape or networkx, streamed with the
 * JDK's StAX writer straight from the graph's primitive edge arrays (no per-edge objects). Node
 * {@code n<i>} is the analysis' neuron {@code i} (global order), labelled with its id and
 * carrying its {@code layer}, {@code index}, {@code community}, {@code preferredClass} (-1 for
 * none), {@code activeFraction} and {@code entropyBits}; edge {@code e<k>} carries its
 * {@code weight}.
 *
 * <p>Size policy ({@code outputs.graph_edges}, docs/METHOD.md 11): the files hold every node and
 * at most that many edges, the heaviest (ties: the earlier edge in the graph's (source, target)
 * order), written in graph order; {@code 0} writes every edge. A graph with more edges says so
 * in the files (GraphML graph data {@code edgesTotal}, {@code edgesWritten}; GEXF meta
 * description) and in {@code report.json} ({@code graph.fileEdges}). Names pass through
 * {@link Xml#text}: characters XML 1.0 forbids become U+FFFD.
 */
public final class GraphFiles {

    private static final String[] ATTRIBUTES = {"layer", "index", "community", "preferredClass", "activeFraction",
        "entropyBits"};
    private static final String[] TYPES = {"string", "int", "int", "int", "double", "double"};

    private GraphFiles() {
    }

    /**
     * Which edges the files hold under the size policy.
     *
     * @param g the graph
     * @param limit {@code outputs.graph_edges}; 0 for all
     * @return per edge, whether it is written
     */
    public static boolean[] kept(WeightedGraph g, int limit) {
        int e = g.edgeCount();
        boolean[] keep = new boolean[e];
        if (limit <= 0 || e <= limit) {
            Arrays.fill(keep, true);
            return keep;
        }
        double[] sorted = g.weights();
        Arrays.sort(sorted);
        double cut = sorted[e - limit];
        int above = 0;
        for (int i = 0; i < e; i++) {
            if (g.weight(i) > cut) {
                keep[i] = true;
                above++;
            }
        }
        int ties = limit - above;
        for (int i = 0; i < e && ties > 0; i++) {
            if (g.weight(i) == cut) {
                keep[i] = true;
                ties--;
            }
        }
        return keep;
    }

    /**
     * @param g the graph
     * @param limit {@code outputs.graph_edges}
     * @return how many edges the files hold
     */
    public static int keptCount(WeightedGraph g, int limit) {
        return limit <= 0 ? g.edgeCount() : Math.min(limit, g.edgeCount());
    }

    /**
     * Writes {@code graph.graphml} and {@code graph.gexf} into a directory, atomically.
     *
     * @param dir output directory
     * @param analysis the analysis whose graph, neurons and communities are written
     * @param limit {@code outputs.graph_edges}
     * @throws CoactException naming the file that cannot be written
     */
    public static void write(Path dir, Analysis analysis, int limit) throws CoactException {
        WeightedGraph g = analysis.graph().graph();
        boolean[] keep = kept(g, limit);
        Nodes nodes = new Nodes(analysis);
        AtomicFiles.write(dir.resolve("graph.graphml"), out -> graphml(out, g, keep, nodes, limit));
        AtomicFiles.write(dir.resolve("graph.gexf"), out -> gexf(out, g, keep, nodes, limit));
    }

    /** Every node's label and attribute values as text, in attribute order. */
    private static final class Nodes {
        final String[] labels;
        final String[][] values;

        Nodes(Analysis analysis) {
            int count = analysis.graph().graph().nodeCount();
            labels = new String[count];
            values = new String[count][];
            long n = analysis.samples();
            int v = 0;
            for (int t = 0; t < analysis.statistics().layers().size(); t++) {
                String layer = analysis.statistics().layers().get(t).name();
                for (int i = 0; i < analysis.statistics().layers().get(t).neurons(); i++, v++) {
                    NeuronEntropy e = analysis.entropy().neurons().get(v);
                    labels[v] = e.id();
                    values[v] = new String[] {layer, Integer.toString(i),
                        Integer.toString(analysis.communities().partition().communityOf(v)),
                        Integer.toString(e.preferredClass()), Double.toString((double) e.active() / n),
                        Double.toString(e.entropy())};
                }
            }
        }
    }

    /**
     * Opens the document and its root element, with its namespace and schema location. The
     * writer is the JDK's own StAX, whatever providers the class path registers: Hadoop's shaded
     * Woodstox (on every Spark class path) writes differently and fails on these calls, and the
     * files must be the same bytes wherever they are written.
     */
    private static XMLStreamWriter start(OutputStream out, String root, String namespace, String schema)
            throws IOException, XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement(root);
        w.writeDefaultNamespace(namespace);
        w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        w.writeAttribute("xsi", "http://www.w3.org/2001/XMLSchema-instance", "schemaLocation", namespace + " " + schema);
        return w;
    }

    private static void graphml(OutputStream out, WeightedGraph g, boolean[] keep, Nodes nodes, int limit)
            throws IOException {
        try {
            XMLStreamWriter w = start(out, "graphml", "http://graphml.graphdrawing.org/xmlns",
                    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
            w.writeCharacters("\n");
            key(w, "label", "node", "label", "string");
            for (int a = 0; a < ATTRIBUTES.length; a++) {
                key(w, ATTRIBUTES[a], "node", ATTRIBUTES[a], TYPES[a]);
            }
            key(w, "weight", "edge", "weight", "double");
            key(w, "edgesTotal", "graph", "edgesTotal", "int");
            key(w, "edgesWritten", "graph", "edgesWritten", "int");
            key(w, "edgePolicy", "graph", "edgePolicy", "string");
            w.writeStartElement("graph");
            w.writeAttribute("edgedefault", "undirected");
            w.writeCharacters("\n");
            data(w, "edgesTotal", Integer.toString(g.edgeCount()));
            data(w, "edgesWritten", Integer.toString(keptCount(g, limit)));
            data(w, "edgePolicy", policy(g, limit));
            w.writeCharacters("\n");
            for (int v = 0; v < g.nodeCount(); v++) {
                w.writeStartElement("node");
                w.writeAttribute("id", "n" + v);
                data(w, "label", Xml.text(nodes.labels[v]));
                for (int a = 0; a < ATTRIBUTES.length; a++) {
                    data(w, ATTRIBUTES[a], Xml.text(nodes.values[v][a]));
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            edges(w, g, keep, false);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.writeCharacters("\n");
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The kept edges in graph order, ids {@code e0, e1, ...}; GEXF carries the weight as an attribute. */
    private static void edges(XMLStreamWriter w, WeightedGraph g, boolean[] keep, boolean gexf)
            throws XMLStreamException {
        int id = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            if (!keep[e]) {
                continue;
            }
            if (gexf) {
                w.writeEmptyElement("edge");
            } else {
                w.writeStartElement("edge");
            }
            w.writeAttribute("id", "e" + id++);
            w.writeAttribute("source", "n" + g.source(e));
            w.writeAttribute("target", "n" + g.target(e));
            if (gexf) {
                w.writeAttribute("weight", Double.toString(g.weight(e)));
            } else {
                data(w, "weight", Double.toString(g.weight(e)));
                w.writeEndElement();
            }
            w.writeCharacters("\n");
        }
    }

    private static String policy(WeightedGraph g, int limit) {
        return limit <= 0 || g.edgeCount() <= limit ? "all edges"
                : "the " + limit + " heaviest of " + g.edgeCount() + " edges (outputs.graph_edges)";
    }

    private static void key(XMLStreamWriter w, String id, String domain, String name, String type)
            throws XMLStreamException {
        w.writeEmptyElement("key");
        w.writeAttribute("id", id);
        w.writeAttribute("for", domain);
        w.writeAttribute("attr.name", name);
        w.writeAttribute("attr.type", type);
        w.writeCharacters("\n");
    }

    private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
        w.writeStartElement("data");
        w.writeAttribute("key", key);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void gexf(OutputStream out, WeightedGraph g, boolean[] keep, Nodes nodes, int limit)
            throws IOException {
        try {
            XMLStreamWriter w = start(out, "gexf", "http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/gexf.xsd");
            w.writeAttribute("version", "1.2");
            w.writeCharacters("\n");
            w.writeStartElement("meta");
            w.writeStartElement("description");
            w.writeCharacters("Coact neuron graph: " + policy(g, limit));
            w.writeEndElement();
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeStartElement("graph");
            w.writeAttribute("defaultedgetype", "undirected");
            w.writeStartElement("attributes");
            w.writeAttribute("class", "node");
            for (int a = 0; a < ATTRIBUTES.length; a++) {
                w.writeEmptyElement("attribute");
                w.writeAttribute("id", ATTRIBUTES[a]);
                w.writeAttribute("title", ATTRIBUTES[a]);
                w.writeAttribute("type", TYPES[a].equals("int") ? "integer" : TYPES[a]);
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeStartElement("nodes");
            w.writeCharacters("\n");
            for (int v = 0; v < g.nodeCount(); v++) {
                w.writeStartElement("node");
                w.writeAttribute("id", "n" + v);
                w.writeAttribute("label", Xml.text(nodes.labels[v]));
                w.writeStartElement("attvalues");
                for (int a = 0; a < ATTRIBUTES.length; a++) {
                    w.writeEmptyElement("attvalue");
                    w.writeAttribute("for", ATTRIBUTES[a]);
                    w.writeAttribute("value", Xml.text(nodes.values[v][a]));
                }
                w.writeEndElement();
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeStartElement("edges");
            w.writeCharacters("\n");
            edges(w, g, keep, true);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.writeCharacters("\n");
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
