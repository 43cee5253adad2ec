package org.coact.plugin.tensorflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.format.Names;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.TensorSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorInfo;

/**
 * An opened SavedModel. Runs either the bundle's own session (graph-style models) or a session
 * on the flattened graph (function-style), and describes the layers of whichever graph runs,
 * with the static shapes TensorFlow infers. Thread-safe; the extractors it creates are not.
 */
final class TfModelHandle implements ModelHandle {

    private static final Set<DataType> FLOAT_TYPES = Set.of(DataType.DT_FLOAT, DataType.DT_DOUBLE, DataType.DT_HALF,
            DataType.DT_BFLOAT16);

    private final Path dir;
    private final String signature;
    private final SavedModelBundle bundle;
    private final Graph flatGraph;
    private final Session flatSession;
    private final Map<String, TensorInfo> inputs;
    private final Map<String, TensorInfo> outputs;
    private final Map<String, String> tensors;
    private final int inlinedCalls;
    private final ModelDescription description;
    private final Map<String, String> layerTensors;
    private final List<TfExtractor> extractors = new ArrayList<>();
    private boolean closed;

    TfModelHandle(Path dir, String signature, SavedModelBundle bundle, Graph flatGraph, Session flatSession,
            GraphDef runGraph, Map<String, TensorInfo> inputs, Map<String, TensorInfo> outputs, Map<String, String> tensors,
            int inlinedCalls) {
        this.dir = dir;
        this.signature = signature;
        this.bundle = bundle;
        this.flatGraph = flatGraph;
        this.flatSession = flatSession;
        this.inputs = inputs;
        this.outputs = outputs;
        this.tensors = Map.copyOf(tensors);
        this.inlinedCalls = inlinedCalls;
        Map<String, String> layerMap = new HashMap<>();
        this.description = describe(runGraph, layerMap);
        this.layerTensors = Collections.unmodifiableMap(layerMap);
    }

    private ModelDescription describe(GraphDef runGraph, Map<String, String> layerMap) {
        List<TensorSpec> in = new ArrayList<>();
        inputs.forEach((k, t) -> in.add(new TensorSpec(k, Tensors.dtype(t.getDtype()), Tensors.dims(t.getTensorShape()))));
        List<TensorSpec> out = new ArrayList<>();
        outputs.forEach((k, t) -> out.add(new TensorSpec(k, Tensors.dtype(t.getDtype()), Tensors.dims(t.getTensorShape()))));
        List<String> inTensors = inputs.values().stream().map(t -> tensors.get(t.getName())).toList();
        List<String> outTensors = outputs.values().stream().map(t -> tensors.get(t.getName())).toList();
        int channelAxis = channelsFirst(runGraph) ? 1 : 3;
        Graph g = graph();
        List<LayerInfo> layers = new ArrayList<>();
        for (LayerScanner.LayerDef def : new LayerScanner(runGraph, inTensors, outTensors).scan()) {
            GraphOperation op = g.operation(GraphDefs.nodeOf(def.tensor()));
            if (op == null || op.numOutputs() == 0 || !FLOAT_TYPES.contains(op.output(0).dataType())) {
                continue;
            }
            long[] shape = Tensors.dims(op.output(0).shape());
            int axis = shape.length == 4 ? channelAxis : shape.length == 3 ? 2 : -1;
            layers.add(new LayerInfo(def.name(), def.opType(), shape, axis, def.roles()));
            layerMap.put(def.name(), def.tensor());
        }
        return new ModelDescription(in, out, layers);
    }

    /** NCHW if any op of the graph says so in its data_format. */
    private static boolean channelsFirst(GraphDef g) {
        for (NodeDef n : g.getNodeList()) {
            var f = n.getAttrMap().get("data_format");
            if (f != null && f.getS().toStringUtf8().startsWith("NC")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized ModelDescription describe() {
        checkOpen();
        return description;
    }

    @Override
    public synchronized Extractor extractor(ExtractionRequest request) throws CoactException {
        checkOpen();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String layer : request.layers()) {
            String tensor = layerTensors.get(layer);
            if (tensor == null) {
                throw new ConfigException("unknown layer '" + layer + "' in " + dir + "; run 'coact layers --model " + dir
                        + "' to list them" + Names.didYouMean(layer, layerTensors.keySet()));
            }
            wanted.put(layer, tensor);
        }
        TensorInfo out = outputs.get(request.output());
        if (out == null) {
            throw new ConfigException("unknown output '" + request.output() + "' of signature '" + signature + "' in "
                    + dir + "; its outputs are " + outputs.keySet() + Names.didYouMean(request.output(), outputs.keySet()));
        }
        Map<String, String> feeds = new LinkedHashMap<>();
        inputs.forEach((k, t) -> feeds.put(k, tensors.get(t.getName())));
        TfExtractor x = new TfExtractor(this, session(), description.inputs(), inputTypes(), feeds, wanted,
                tensors.get(out.getName()));
        extractors.add(x);
        return x;
    }

    private Map<String, DataType> inputTypes() {
        Map<String, DataType> m = new HashMap<>();
        inputs.forEach((k, t) -> m.put(k, t.getDtype()));
        return m;
    }

    /** @return whether the signature runs through inlined functions (function-style) */
    boolean flattened() {
        return flatGraph != null;
    }

    /** @return how many function calls were inlined */
    int inlinedCalls() {
        return inlinedCalls;
    }

    /** @return the SavedModel directory, for messages */
    String modelName() {
        return dir.toString();
    }

    synchronized void forget(TfExtractor x) {
        extractors.remove(x);
    }

    private Graph graph() {
        return flatGraph != null ? flatGraph : bundle.graph();
    }

    private Session session() {
        return flatSession != null ? flatSession : bundle.session();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TfExtractor x : new ArrayList<>(extractors)) {
            x.close();
        }
        extractors.clear();
        if (flatSession != null) {
            flatSession.close();
            flatGraph.close();
        }
        bundle.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model " + dir + " is closed");
        }
    }
}
