package org.coact.plugin.tensorflow.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.plugin.tensorflow.generator.Architectures.Net;
import org.coact.plugin.tensorflow.generator.Weights.Var;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * A function-style SavedModel laid out as Keras/TF2 writes one. The layers
 * ({@code sequential/dense/MatMul}, {@code sequential/dense/Relu}...) live in a function
 * {@code __inference__wrapped_model_N}, built with TF Java's {@link ConcreteFunction} and then
 * given resource arguments read through {@code ReadVariableOp}, as Keras captures variables. A
 * wrapper {@code __inference_signature_wrapper_N} calls it through a
 * {@code StatefulPartitionedCall}; the top-level graph holds only the input placeholder, the
 * {@code VarHandleOp}s, the {@code StatefulPartitionedCall} of the wrapper and the restore ops.
 * So the layers' ops are only in the function library, two calls deep.
 */
final class FunctionStyle {

    static final String INNER = "__inference__wrapped_model_1234";
    static final String WRAPPER = "__inference_signature_wrapper_5678";

    private FunctionStyle() {
    }

    static void write(Net net, Map<String, Var> vars, Path dir) throws IOException {
        long[] inShape = net == Net.MLP ? new long[] {-1, 784} : new long[] {-1, 28, 28, 1};
        List<String> names = new ArrayList<>(vars.keySet());
        FunctionDef inner;
        GraphDef.Builder top = GraphDef.newBuilder();
        try (Graph fg = new Graph()) {
            Ops tf = Ops.create(fg);
            Placeholder<TFloat32> x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(inShape)));
            Map<String, Operand<TFloat32>> w = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                w.put(names.get(i), tf.withName("resource_" + i).placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(vars.get(names.get(i)).shape()))));
            }
            Operand<TFloat32> logits = Architectures.forward(net, tf.withSubScope("sequential"), x, (layer, name) -> w.get(name));
            Signature.Builder sig = Signature.builder().key("wrapped_model").input("input", x);
            for (int i = 0; i < names.size(); i++) {
                sig.input("resource_" + i, w.get(names.get(i)));
            }
            sig.output("output_0", logits);
            try (ConcreteFunction f = ConcreteFunction.create(sig.build(), fg)) {
                inner = withResourceArgs(f.getFunctionDef(), names.size());
            }
            top.setVersions(fg.toGraphDef().getVersions());
        }

        List<DataType> tin = new ArrayList<>();
        tin.add(DataType.DT_FLOAT);
        names.forEach(n -> tin.add(DataType.DT_RESOURCE));
        top.addNode(NodeDef.newBuilder().setName("serving_default_input").setOp("Placeholder")
                .putAttr("dtype", type(DataType.DT_FLOAT)).putAttr("shape", shape(inShape)));
        List<String> callInputs = new ArrayList<>(List.of("serving_default_input"));
        for (String n : names) {
            top.addNode(NodeDef.newBuilder().setName(n).setOp("VarHandleOp")
                    .putAttr("dtype", type(DataType.DT_FLOAT)).putAttr("shape", shape(vars.get(n).shape()))
                    .putAttr("shared_name", str(n)).putAttr("container", str("")));
            callInputs.add(n);
        }
        top.addNode(call("StatefulPartitionedCall", WRAPPER, callInputs, tin));
        restoreNodes(top, names);
        top.setLibrary(FunctionDefLibrary.newBuilder().addFunction(inner).addFunction(wrapper(inner, tin)));

        SavedModelFiles.writeModel(dir, top.build(),
                SavedModelFiles.signature("input", "serving_default_input:0", inShape, "output_0", "StatefulPartitionedCall:0"),
                SavedModelFiles.saver("saver_filename:0", "save/restore_all"));
        SavedModelFiles.writeVariables(dir, vars);
    }

    /**
     * Turns the weight arguments 1..k (float placeholders) into resource arguments read by a
     * {@code ReadVariableOp} named after the op that uses them, as Keras writes
     * ({@code sequential/dense/MatMul/ReadVariableOp}).
     */
    private static FunctionDef withResourceArgs(FunctionDef f, int weights) {
        FunctionDef.Builder b = f.toBuilder();
        OpDef.Builder sig = b.getSignatureBuilder().setName(INNER).setIsStateful(true);
        for (int i = 1; i <= weights; i++) {
            String arg = sig.getInputArg(i).getName();
            sig.getInputArgBuilder(i).setType(DataType.DT_RESOURCE);
            b.removeArgAttr(i);
            String read = null;
            for (int n = 0; n < b.getNodeDefCount(); n++) {
                NodeDef.Builder node = b.getNodeDefBuilder(n);
                for (int k = 0; k < node.getInputCount(); k++) {
                    if (node.getInput(k).equals(arg)) {
                        read = read == null ? node.getName() + "/ReadVariableOp" : read;
                        node.setInput(k, read + ":value:0");
                    }
                }
            }
            if (read == null) {
                throw new IllegalStateException("argument " + arg + " is not used in " + f.getSignature().getName());
            }
            b.addNodeDef(NodeDef.newBuilder().setName(read).setOp("ReadVariableOp").addInput(arg)
                    .putAttr("dtype", type(DataType.DT_FLOAT)));
        }
        return b.build();
    }

    /** The signature wrapper: calls the inner function and returns its output through an Identity. */
    private static FunctionDef wrapper(FunctionDef inner, List<DataType> tin) {
        OpDef.Builder sig = OpDef.newBuilder().setName(WRAPPER).setIsStateful(true);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < tin.size(); i++) {
            String name = i == 0 ? "input" : i == 1 ? "unknown" : "unknown_" + (i - 2);
            sig.addInputArg(OpDef.ArgDef.newBuilder().setName(name).setType(tin.get(i)));
            args.add(name);
        }
        sig.addOutputArg(OpDef.ArgDef.newBuilder().setName("output_0").setType(DataType.DT_FLOAT));
        return FunctionDef.newBuilder().setSignature(sig)
                .addNodeDef(call("StatefulPartitionedCall", inner.getSignature().getName(), args, tin))
                .addNodeDef(NodeDef.newBuilder().setName("Identity").setOp("Identity")
                        .addInput("StatefulPartitionedCall:output:0").putAttr("T", type(DataType.DT_FLOAT)))
                .putRet("output_0", "Identity:output:0")
                .build();
    }

    private static NodeDef call(String name, String function, List<String> inputs, List<DataType> tin) {
        return NodeDef.newBuilder().setName(name).setOp("StatefulPartitionedCall").addAllInput(inputs)
                .putAttr("Tin", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addAllType(tin)).build())
                .putAttr("Tout", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()
                        .addType(DataType.DT_FLOAT)).build())
                .putAttr("f", AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(function)).build())
                .putAttr("config", str("")).putAttr("config_proto", str("")).putAttr("executor_type", str(""))
                .build();
    }

    /** RestoreV2 from {@code saver_filename} and one AssignVariableOp per variable. */
    private static void restoreNodes(GraphDef.Builder g, List<String> names) {
        g.addNode(NodeDef.newBuilder().setName("saver_filename").setOp("Placeholder")
                .putAttr("dtype", type(DataType.DT_STRING)).putAttr("shape", shape(new long[0])));
        TensorProto.Builder tensorNames = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(names.size())));
        TensorProto.Builder slices = tensorNames.clone();
        for (String n : names) {
            tensorNames.addStringVal(com.google.protobuf.ByteString.copyFromUtf8(n));
            slices.addStringVal(com.google.protobuf.ByteString.EMPTY);
        }
        g.addNode(constant("save/RestoreV2/tensor_names", tensorNames.build()));
        g.addNode(constant("save/RestoreV2/shape_and_slices", slices.build()));
        AttrValue.ListValue.Builder dtypes = AttrValue.ListValue.newBuilder();
        names.forEach(n -> dtypes.addType(DataType.DT_FLOAT));
        g.addNode(NodeDef.newBuilder().setName("save/RestoreV2").setOp("RestoreV2")
                .addInput("saver_filename").addInput("save/RestoreV2/tensor_names").addInput("save/RestoreV2/shape_and_slices")
                .putAttr("dtypes", AttrValue.newBuilder().setList(dtypes).build()));
        NodeDef.Builder all = NodeDef.newBuilder().setName("save/restore_all").setOp("NoOp");
        for (int i = 0; i < names.size(); i++) {
            String assign = "save/AssignVariableOp" + (i == 0 ? "" : "_" + i);
            g.addNode(NodeDef.newBuilder().setName(assign).setOp("AssignVariableOp").addInput(names.get(i))
                    .addInput("save/RestoreV2" + (i == 0 ? "" : ":" + i)).putAttr("dtype", type(DataType.DT_FLOAT)));
            all.addInput("^" + assign);
        }
        g.addNode(all);
    }

    private static NodeDef constant(String name, TensorProto value) {
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(value.getDtype()))
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
    }

    private static AttrValue type(DataType t) {
        return AttrValue.newBuilder().setType(t).build();
    }

    private static AttrValue str(String s) {
        return AttrValue.newBuilder().setS(com.google.protobuf.ByteString.copyFromUtf8(s)).build();
    }

    private static AttrValue shape(long[] dims) {
        return AttrValue.newBuilder().setShape(SavedModelFiles.shape(dims)).build();
    }
}
