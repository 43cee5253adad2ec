package org.coact.plugin.tensorflow.generator;

import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The bundled MLP and CNN as TensorFlow ops with Keras layer names. The caller decides where the
 * weights come from (variables for graph-style, function arguments for function-style) and the
 * enclosing scope ({@code sequential} for Keras-like functions).
 */
final class Architectures {

    /** Which network. */
    enum Net {
        /** 784-128-64-10, input [N,784]. */
        MLP,
        /** conv-pool-conv-pool-dense-dense, input [N,28,28,1] NHWC. */
        CNN
    }

    private Architectures() {
    }

    /**
     * @param tf ops in the enclosing scope
     * @param x the input
     * @param w the layer's ops and a weight name ({@code dense/kernel}) to the weight's operand
     * @return the logits
     */
    static Operand<TFloat32> forward(Net net, Ops tf, Operand<TFloat32> x, BiFunction<Ops, String, Operand<TFloat32>> w) {
        return net == Net.MLP ? mlp(tf, x, w) : cnn(tf, x, w);
    }

    private static Operand<TFloat32> mlp(Ops tf, Operand<TFloat32> x, BiFunction<Ops, String, Operand<TFloat32>> w) {
        Operand<TFloat32> h = dense(tf, "dense", x, w, true);
        h = dense(tf, "dense_1", h, w, true);
        return dense(tf, "dense_2", h, w, false);
    }

    private static Operand<TFloat32> cnn(Ops tf, Operand<TFloat32> x, BiFunction<Ops, String, Operand<TFloat32>> w) {
        Operand<TFloat32> h = conv(tf, "conv2d", x, w);
        h = pool(tf, "max_pooling2d", h);
        h = conv(tf, "conv2d_1", h, w);
        h = pool(tf, "max_pooling2d_1", h);
        h = tf.withSubScope("flatten").reshape(h, tf.withSubScope("flatten").constant(new int[] {-1, 784}));
        h = dense(tf, "dense", h, w, true);
        return dense(tf, "dense_1", h, w, false);
    }

    private static Operand<TFloat32> dense(Ops tf, String layer, Operand<TFloat32> x,
            BiFunction<Ops, String, Operand<TFloat32>> w, boolean relu) {
        Ops s = tf.withSubScope(layer);
        Operand<TFloat32> y = s.nn.biasAdd(s.linalg.matMul(x, w.apply(s, layer + "/kernel")), w.apply(s, layer + "/bias"));
        return relu ? s.nn.relu(y) : y;
    }

    private static Operand<TFloat32> conv(Ops tf, String layer, Operand<TFloat32> x, BiFunction<Ops, String, Operand<TFloat32>> w) {
        Ops s = tf.withSubScope(layer);
        Operand<TFloat32> y = s.withName("Conv2D").nn.conv2d(x, w.apply(s, layer + "/kernel"), List.of(1L, 1L, 1L, 1L), "SAME");
        return s.nn.relu(s.nn.biasAdd(y, w.apply(s, layer + "/bias")));
    }

    private static Operand<TFloat32> pool(Ops tf, String layer, Operand<TFloat32> x) {
        Ops s = tf.withSubScope(layer);
        return s.nn.maxPool(x, s.constant(new int[] {1, 2, 2, 1}), s.constant(new int[] {1, 2, 2, 1}), "VALID");
    }
}
