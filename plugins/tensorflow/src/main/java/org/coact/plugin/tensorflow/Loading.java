package org.coact.plugin.tensorflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;

/**
 * Loads a SavedModel and prepares what runs: the bundle's own session for graph-style models, or
 * a session on a {@link GraphFlattener flattened} copy when the signature calls functions.
 */
final class Loading {

    private static final Logger LOG = LoggerFactory.getLogger(Loading.class);
    private static volatile Map<String, OpDef> opDefs;

    private Loading() {
    }

    /** Variable ops, whose values a SavedModel keeps in {@code variables/}. */
    private static final java.util.Set<String> VARIABLE_OPS = java.util.Set.of("VarHandleOp", "VariableV2", "Variable");

    /**
     * A SavedModel whose graph holds variables but whose {@code variables/variables.index} is
     * missing (a copy without its variables directory) would load and then fail at the first batch
     * ("Attempting to use uninitialized value"): refused here, naming what is missing.
     */
    private static void requireVariables(SavedModelDir dir, MetaGraphDef meta) throws ModelException {
        boolean variables = meta.getGraphDef().getNodeList().stream().anyMatch(n -> VARIABLE_OPS.contains(n.getOp()))
                || meta.getGraphDef().getLibrary().getFunctionList().stream()
                        .anyMatch(f -> f.getNodeDefList().stream().anyMatch(n -> VARIABLE_OPS.contains(n.getOp())));
        java.nio.file.Path index = dir.dir().resolve("variables").resolve("variables.index");
        if (variables && !java.nio.file.Files.isRegularFile(index)) {
            throw new ModelException("SavedModel " + dir.dir() + " has variables but no " + dir.dir().relativize(index)
                    + " (copied without its variables/ directory?); copy the whole SavedModel directory");
        }
    }

    static TfModelHandle open(SavedModelDir dir, LoadOptions options) throws CoactException {
        MetaGraphDef meta = dir.metaGraph(options.tags());
        requireVariables(dir, meta);
        SignatureDef sig = dir.signature(meta, options.signature());
        Map<String, TensorInfo> inputs = sorted(sig.getInputsMap());
        Map<String, TensorInfo> outputs = sorted(sig.getOutputsMap());
        for (Map.Entry<String, TensorInfo> e : new ArrayList<>(inputs.entrySet())) {
            if (e.getValue().getName().isEmpty()) {
                throw new ModelException("signature '" + options.signature() + "' of " + dir.dir() + ": input '"
                        + e.getKey() + "' is not a dense tensor (sparse and composite inputs are not supported)");
            }
        }
        for (Map.Entry<String, TensorInfo> e : outputs.entrySet()) {
            if (e.getValue().getName().isEmpty()) {
                throw new ModelException("signature '" + options.signature() + "' of " + dir.dir() + ": output '"
                        + e.getKey() + "' is not a dense tensor");
            }
        }
        if (System.getenv("TF_CPP_MIN_LOG_LEVEL") == null) {
            LOG.debug("tensorflow: TF_CPP_MIN_LOG_LEVEL is not set; TensorFlow's native log lines go to stderr");
        }
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(options.threads())
                .setInterOpParallelismThreads(1).setAllowSoftPlacement(true).build();
        SavedModelBundle bundle = loadBundle(dir, options, config);
        try {
            GraphDef graph = meta.getGraphDef();
            List<String> outTensors = outputs.values().stream().map(TensorInfo::getName).toList();
            if (!GraphFlattener.callsFunctions(graph, outTensors)) {
                Map<String, String> tensors = new HashMap<>();
                inputs.values().forEach(t -> tensors.put(t.getName(), t.getName()));
                outputs.values().forEach(t -> tensors.put(t.getName(), t.getName()));
                LOG.debug("tensorflow: {} is graph-style; running the bundle's session", dir.dir());
                return new TfModelHandle(dir.dir(), options.signature(), bundle, null, null, graph, inputs, outputs,
                        tensors, 0);
            }
            Map<String, Map<String, AttrValue>> placeholders = new LinkedHashMap<>();
            for (TensorInfo t : inputs.values()) {
                placeholders.put(t.getName(), Map.of("dtype", AttrValue.newBuilder().setType(t.getDtype()).build(),
                        "shape", AttrValue.newBuilder().setShape(t.getTensorShape()).build()));
            }
            GraphFlattener.Flat flat = GraphFlattener.flatten(graph, placeholders, outTensors, opDefs(),
                    variable -> readVariable(bundle, variable, dir), dir.dir().toString());
            Graph g = new Graph();
            Session s;
            try {
                g.importGraphDef(flat.graph());
                s = new Session(g, config);
            } catch (RuntimeException e) {
                g.close();
                throw new ModelException("TensorFlow cannot build the flattened graph of " + dir.dir() + ": "
                        + SavedModelDir.firstLine(e.getMessage()), e);
            }
            LOG.debug("tensorflow: {} is function-style; inlined {} function calls into {} nodes", dir.dir(),
                    flat.inlinedCalls(), flat.graph().getNodeCount());
            return new TfModelHandle(dir.dir(), options.signature(), bundle, g, s, flat.graph(), inputs, outputs,
                    flat.tensors(), flat.inlinedCalls());
        } catch (CoactException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static SavedModelBundle loadBundle(SavedModelDir dir, LoadOptions options, ConfigProto config)
            throws CoactException {
        try {
            return SavedModelBundle.loader(dir.dir().toString()).withTags(options.tags().toArray(String[]::new))
                    .withConfigProto(config).load();
        } catch (LinkageError e) {
            throw new CoactException("cannot load TensorFlow's native library: " + e, e);
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow cannot load SavedModel " + dir.dir() + ": "
                    + SavedModelDir.firstLine(e.getMessage()), e);
        }
    }

    private static TensorProto readVariable(SavedModelBundle bundle, String variable, SavedModelDir dir)
            throws CoactException {
        try (Result r = bundle.session().runner().fetch(readOp(bundle.graph(), variable)).run()) {
            return Tensors.toProto(r.get(0));
        } catch (RuntimeException e) {
            throw new ModelException("cannot read variable '" + variable + "' of " + dir.dir() + ": "
                    + SavedModelDir.firstLine(e.getMessage()), e);
        }
    }

    /**
     * A value of a variable: a ref variable's own output, or a new {@code ReadVariableOp} of a
     * resource variable (TF Java's own resource fetch trips over consumers without outputs).
     */
    private static org.tensorflow.Output<?> readOp(Graph g, String variable) {
        GraphOperation v = g.operationOrThrow(variable);
        if (v.output(0).dataType() != DataType.DT_RESOURCE) {
            return v.output(0);
        }
        String name = "coact_read/" + variable;
        GraphOperation read = g.operation(name);
        if (read == null) {
            read = g.opBuilder("ReadVariableOp", name, g.baseScope()).addInput(v.output(0))
                    .setAttr("dtype", v.attributes().getAttrType("dtype")).build();
        }
        return read.output(0);
    }

    /** @return every op TensorFlow knows, by name (read once) */
    static Map<String, OpDef> opDefs() {
        Map<String, OpDef> m = opDefs;
        if (m == null) {
            Map<String, OpDef> all = new HashMap<>();
            TensorFlow.registeredOpList().getOpList().forEach(o -> all.put(o.getName(), o));
            m = Collections.unmodifiableMap(all);
            opDefs = m;
        }
        return m;
    }

    private static Map<String, TensorInfo> sorted(Map<String, TensorInfo> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
