package org.coact.plugin.tensorflow.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coact.plugin.tensorflow.generator.Weights.Var;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/** Writes a SavedModel directory: {@code saved_model.pb} and a V2 variables checkpoint. */
final class SavedModelFiles {

    private SavedModelFiles() {
    }

    /**
     * Writes {@code variables/variables.{index,data-00000-of-00001}} with SaveV2, from constants in a
     * throwaway graph (the model graph never holds the initial values).
     */
    static void writeVariables(Path dir, Map<String, Var> vars) throws IOException {
        Path varDir = Files.createDirectories(dir.resolve("variables"));
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            List<Operand<?>> tensors = new ArrayList<>();
            for (Var v : vars.values()) {
                tensors.add(tf.constant(Shape.of(v.shape()), DataBuffers.of(v.data(), true, false)));
            }
            String[] names = vars.keySet().toArray(String[]::new);
            String[] slices = new String[names.length];
            java.util.Arrays.fill(slices, "");
            var save = tf.train.save(tf.constant(varDir.resolve("variables").toString()),
                    tf.constant(StdArrays.ndCopyOf(names)), tf.constant(StdArrays.ndCopyOf(slices)), tensors);
            s.runner().addTarget(save).run();
        }
    }

    /** Writes {@code saved_model.pb} with one MetaGraph tagged {@code serve}. */
    static void writeModel(Path dir, GraphDef graph, SignatureDef signature, SaverDef saver) throws IOException {
        MetaGraphDef meta = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve")
                        .setTensorflowVersion(TensorFlow.version()))
                .setGraphDef(graph)
                .setSaverDef(saver)
                .putSignatureDef("serving_default", signature)
                .build();
        SavedModel model = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build();
        try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
            // sorted map entries: TF's own GraphDef serialisation orders attrs by hash
            com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(out);
            c.useDeterministicSerialization();
            model.writeTo(c);
            c.flush();
        }
    }

    static SaverDef saver(String filenameTensor, String restoreOp) {
        return SaverDef.newBuilder().setFilenameTensorName(filenameTensor).setSaveTensorName(filenameTensor)
                .setRestoreOpName(restoreOp).setVersion(SaverDef.CheckpointFormatVersion.V2).build();
    }

    static SignatureDef signature(String inKey, String inTensor, long[] inShape, String outKey, String outTensor) {
        return SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
                .putInputs(inKey, info(inTensor, inShape))
                .putOutputs(outKey, info(outTensor, new long[] {-1, 10}))
                .build();
    }

    static TensorInfo info(String tensor, long[] shape) {
        return TensorInfo.newBuilder().setName(tensor).setDtype(DataType.DT_FLOAT).setTensorShape(shape(shape)).build();
    }

    static TensorShapeProto shape(long[] dims) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        for (long d : dims) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }
}
