package org.coact.plugin.tensorflow.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.plugin.tensorflow.generator.Architectures.Net;
import org.coact.plugin.tensorflow.generator.Weights.Var;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * A graph-style SavedModel, as TF1 or TF Java write them: the layers are ops of the top-level
 * graph ({@code dense_1/Relu}), the weights {@code VariableV2} variables restored by a
 * {@code save/restore_all} op from a V2 checkpoint. Built with TF Java's {@link Ops}.
 */
final class GraphStyle {

    private GraphStyle() {
    }

    static void write(Net net, Map<String, Var> vars, Path dir) throws IOException {
        long[] inShape = net == Net.MLP ? new long[] {-1, 784} : new long[] {-1, 28, 28, 1};
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("input").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(inShape)));
            Map<String, Variable<TFloat32>> v = new LinkedHashMap<>();
            // each variable is made in its layer's scope when the layer asks for it: dense/kernel
            Operand<TFloat32> logits = Architectures.forward(net, tf, x, (layer, name) -> v.computeIfAbsent(name,
                    k -> layer.withName(k.substring(k.indexOf('/') + 1)).variable(Shape.of(vars.get(k).shape()),
                            TFloat32.class)));

            Ops save = tf.withSubScope("save");
            Placeholder<TString> filename = save.withName("filename").placeholder(TString.class);
            String[] names = vars.keySet().toArray(String[]::new);
            String[] slices = new String[names.length];
            java.util.Arrays.fill(slices, "");
            List<Class<? extends TType>> types = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                types.add(TFloat32.class);
            }
            var restore = save.withName("RestoreV2").train.restore(filename,
                    save.withName("tensor_names").constant(StdArrays.ndCopyOf(names)),
                    save.withName("shape_and_slices").constant(StdArrays.ndCopyOf(slices)), types);
            List<Op> assigns = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                @SuppressWarnings("unchecked")
                Operand<TFloat32> value = (Operand<TFloat32>) restore.tensors().get(i);
                assigns.add(save.assign(v.get(names[i]), value));
            }
            save.withControlDependencies(assigns).withName("restore_all").noOp();

            SavedModelFiles.writeModel(dir, g.toGraphDef(),
                    SavedModelFiles.signature("input", "input:0", inShape, "logits", logits.asOutput().name()),
                    SavedModelFiles.saver("save/filename:0", "save/restore_all"));
        }
        SavedModelFiles.writeVariables(dir, vars);
    }
}
