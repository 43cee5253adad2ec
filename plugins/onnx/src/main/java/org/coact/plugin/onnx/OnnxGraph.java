package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.coact.api.ModelException;
import org.coact.api.format.DType;
import org.coact.api.format.TensorSpec;

/**
 * A parsed ONNX model plus the in-memory rewrites Coact needs: extra graph outputs for inner
 * values, and a symbolic batch dimension for exports that fixed it at 1. Every rewrite works
 * on {@link ModelProto#toBuilder()}; the file the model came from is never touched. Value names
 * ONNX Runtime's Java API cannot carry are aliased on parsing ({@link ValueNames}): this class
 * and everything that talks to ONNX Runtime use the internal names; {@link #names()} translates.
 */
final class OnnxGraph {

    /** The name given to the batch dimension when a fixed batch of 1 is made symbolic. */
    static final String BATCH_DIM = "batch";

    private final Path path;
    private final ModelProto model;
    private final ValueNames names;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final Set<String> outputNames;
    private final Set<String> initializerNames;
    private final Map<String, TypeProto> declaredTypes = new HashMap<>();
    private final Map<String, NodeProto> constantNodes = new HashMap<>();

    private OnnxGraph(Path path, ModelProto model, ValueNames names) {
        this.path = path;
        this.model = model;
        this.names = names;
        GraphProto g = model.getGraph();
        this.initializerNames = new HashSet<>();
        g.getInitializerList().forEach(t -> initializerNames.add(t.getName()));
        g.getValueInfoList().forEach(v -> declaredTypes.put(v.getName(), v.getType()));
        g.getInputList().forEach(v -> declaredTypes.put(v.getName(), v.getType()));
        g.getOutputList().forEach(v -> declaredTypes.put(v.getName(), v.getType()));
        List<TensorSpec> in = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializerNames.contains(v.getName())) {
                in.add(spec(v));
            }
        }
        this.inputs = List.copyOf(in);
        this.outputs = g.getOutputList().stream().map(OnnxGraph::spec).toList();
        this.outputNames = new LinkedHashSet<>();
        outputs.forEach(o -> outputNames.add(o.name()));
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getOutputCount() > 0) {
                constantNodes.put(n.getOutput(0), n);
            }
        }
    }

    /**
     * Parses model bytes.
     *
     * @param path the file the bytes came from, for messages
     * @param bytes the serialized {@code ModelProto}
     * @return the parsed graph
     * @throws ModelException if the bytes are no ONNX model with a graph of nodes
     */
    static OnnxGraph parse(Path path, byte[] bytes) throws ModelException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(path + " is not a valid ONNX model: " + firstSentence(e.getMessage()), e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelException(path + " is not a valid ONNX model: it has no graph nodes");
        }
        if (model.getIrVersion() <= 0) {
            throw new ModelException(path + " is not a valid ONNX model: it declares no IR version");
        }
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw new ModelException(path + " keeps its weights in external data files (initializer '"
                        + t.getName() + "'), which the onnx plugin does not support yet");
            }
        }
        ValueNames.Portable portable = ValueNames.of(model);
        return new OnnxGraph(path, portable.model(), portable.names());
    }

    /**
     * @param rewritten a rewrite of this model (e.g. with folded control flow), in its internal names
     * @return the graph of the rewrite, for the same file
     */
    OnnxGraph withModel(ModelProto rewritten) {
        return new OnnxGraph(path, rewritten, names);
    }

    /** @return the translation between the file's value names and the internal ones used here */
    ValueNames names() {
        return names;
    }

    /** @return the file this model was read from */
    Path path() {
        return path;
    }

    /** @return the parsed model, in internal value names */
    ModelProto model() {
        return model;
    }

    /** @return the graph's nodes in (topological) file order */
    List<NodeProto> nodes() {
        return model.getGraph().getNodeList();
    }

    /** @return the values that are constants: initializers and outputs of {@code Constant} nodes */
    Set<String> constantValues() {
        Set<String> c = new HashSet<>(initializerNames);
        c.addAll(constantNodes.keySet());
        return c;
    }

    /** @return the inputs the caller feeds (graph inputs that are not initializers), internal names */
    List<TensorSpec> inputs() {
        return inputs;
    }

    /** @return the graph outputs as declared, internal names */
    List<TensorSpec> outputs() {
        return outputs;
    }

    /** @return internal names of the graph outputs */
    Set<String> outputNames() {
        return outputNames;
    }

    /**
     * @param value a value name
     * @return its shape as declared in value_info, the inputs or the outputs, if known
     */
    Optional<long[]> declaredShape(String value) {
        TypeProto t = declaredTypes.get(value);
        if (t == null || !t.hasTensorType() || !t.getTensorType().hasShape()) {
            return Optional.empty();
        }
        return Optional.of(dims(t.getTensorType().getShape()));
    }

    /**
     * @param value a value name
     * @return its element type as declared, if known
     */
    Optional<DType> declaredType(String value) {
        TypeProto t = declaredTypes.get(value);
        if (t == null || !t.hasTensorType() || t.getTensorType().getElemType() == 0) {
            return Optional.empty();
        }
        return Optional.of(dtype(t.getTensorType().getElemType()));
    }

    /**
     * Whether every input has a leading dimension fixed at 1 or free, with at least one fixed:
     * the mark of an export without a dynamic batch axis.
     *
     * @return true for a fixed-batch export
     */
    boolean hasFixedBatch() {
        boolean anyFixed = false;
        for (TensorSpec in : inputs) {
            long[] s = in.shape();
            if (s.length == 0 || s[0] > 1) {
                return false;
            }
            anyFixed |= s[0] == 1;
        }
        return anyFixed;
    }

    /**
     * The value of a scalar constant: an initializer or the output of a {@code Constant} node.
     *
     * @param value a value name
     * @return its single value, if it is a one-element numeric constant
     */
    OptionalDouble scalarConstant(String value) {
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getName().equals(value)) {
                return scalar(t);
            }
        }
        NodeProto c = constantNodes.get(value);
        if (c != null) {
            for (AttributeProto a : c.getAttributeList()) {
                if (a.getName().equals("value") && a.hasT()) {
                    return scalar(a.getT());
                }
                if (a.getName().equals("value_float")) {
                    return OptionalDouble.of(a.getF());
                }
                if (a.getName().equals("value_int")) {
                    return OptionalDouble.of(a.getI());
                }
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * A copy of the model with the given values added as graph outputs (type and shape left to
     * ONNX Runtime's inference). Values that already are outputs are not repeated.
     *
     * @param values value names
     * @return the rewritten model
     */
    ModelProto withOutputs(Collection<String> values) {
        return addOutputs(model.toBuilder(), values).build();
    }

    /**
     * A copy of the model whose inputs and outputs have the leading dimension 1 replaced by the
     * symbolic {@value #BATCH_DIM}, value_info dropped (it repeats the fixed batch), and the given
     * values added as outputs.
     *
     * @param values value names to add as outputs
     * @return the rewritten model
     */
    ModelProto withSymbolicBatch(Collection<String> values) {
        ModelProto.Builder b = model.toBuilder();
        GraphProto.Builder g = b.getGraphBuilder();
        g.clearValueInfo();
        for (ValueInfoProto.Builder v : g.getInputBuilderList()) {
            if (!initializerNames.contains(v.getName())) {
                makeBatchSymbolic(v);
            }
        }
        for (ValueInfoProto.Builder v : g.getOutputBuilderList()) {
            makeBatchSymbolic(v);
        }
        return addOutputs(b, values).build();
    }

    private ModelProto.Builder addOutputs(ModelProto.Builder b, Collection<String> values) {
        Set<String> present = new HashSet<>(outputNames);
        GraphProto.Builder g = b.getGraphBuilder();
        for (String v : values) {
            if (present.add(v)) {
                g.addOutput(ValueInfoProto.newBuilder().setName(v));
            }
        }
        return b;
    }

    private static void makeBatchSymbolic(ValueInfoProto.Builder v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return;
        }
        TensorShapeProto.Builder shape = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        if (shape.getDimCount() > 0 && shape.getDim(0).hasDimValue() && shape.getDim(0).getDimValue() == 1) {
            shape.setDim(0, TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
        }
    }

    private static TensorSpec spec(ValueInfoProto v) {
        TypeProto t = v.getType();
        if (!t.hasTensorType()) {
            return new TensorSpec(v.getName(), DType.OTHER, new long[0]);
        }
        // no shape at all: unknown rank, written [-1]; a shape of no dimensions: a scalar, []
        long[] shape = t.getTensorType().hasShape() ? dims(t.getTensorType().getShape()) : new long[] {-1};
        return new TensorSpec(v.getName(), dtype(t.getTensorType().getElemType()), shape);
    }

    /**
     * @param shape a shape proto
     * @return its dimensions, {@code -1} for symbolic or unknown ones
     */
    static long[] dims(TensorShapeProto shape) {
        long[] d = new long[shape.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            TensorShapeProto.Dimension dim = shape.getDim(i);
            d[i] = dim.hasDimValue() && dim.getDimValue() > 0 ? dim.getDimValue() : -1;
        }
        return d;
    }

    /**
     * @param elemType a {@code TensorProto.DataType} number
     * @return Coact's name for it
     */
    static DType dtype(int elemType) {
        return switch (elemType) {
            case TensorProto.DataType.FLOAT_VALUE -> DType.FLOAT32;
            case TensorProto.DataType.DOUBLE_VALUE -> DType.FLOAT64;
            case TensorProto.DataType.FLOAT16_VALUE -> DType.FLOAT16;
            case TensorProto.DataType.INT64_VALUE -> DType.INT64;
            case TensorProto.DataType.INT32_VALUE -> DType.INT32;
            case TensorProto.DataType.UINT8_VALUE -> DType.UINT8;
            case TensorProto.DataType.BOOL_VALUE -> DType.BOOL;
            default -> DType.OTHER;
        };
    }

    private static OptionalDouble scalar(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        if (n != 1) {
            return OptionalDouble.empty();
        }
        if (t.getFloatDataCount() == 1) {
            return OptionalDouble.of(t.getFloatData(0));
        }
        if (t.getDoubleDataCount() == 1) {
            return OptionalDouble.of(t.getDoubleData(0));
        }
        if (t.getInt64DataCount() == 1) {
            return OptionalDouble.of(t.getInt64Data(0));
        }
        if (t.getInt32DataCount() == 1) {
            return OptionalDouble.of(t.getInt32Data(0));
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> raw.remaining() == 4 ? OptionalDouble.of(raw.getFloat()) : OptionalDouble.empty();
            case TensorProto.DataType.DOUBLE_VALUE -> raw.remaining() == 8 ? OptionalDouble.of(raw.getDouble()) : OptionalDouble.empty();
            case TensorProto.DataType.INT64_VALUE -> raw.remaining() == 8 ? OptionalDouble.of(raw.getLong()) : OptionalDouble.empty();
            case TensorProto.DataType.INT32_VALUE -> raw.remaining() == 4 ? OptionalDouble.of(raw.getInt()) : OptionalDouble.empty();
            default -> OptionalDouble.empty();
        };
    }

    /**
     * @param message an engine or parser message
     * @return its first sentence (or line), for one-line user messages
     */
    static String firstSentence(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl).strip();
        }
        int dot = m.indexOf(". ");
        return dot > 0 ? m.substring(0, dot + 1) : m;
    }
}
