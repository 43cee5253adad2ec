package org.coact.plugin.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras' {@code gelu}, for layers imported from Keras: the exact form
 * {@code 0.5 x (1 + erf(x / sqrt 2))} (Keras' default, {@code approximate=False}), or with
 * {@code approximate=True} the tanh form {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
 * ND4J's own {@code ActivationGELU} is neither (it is {@code x sigmoid(1.702 x)}, or the tanh form
 * when "precise"), which puts a trained model's outputs off by about 1e-2. Computed in double
 * precision with ND4J's ops and written back in the input's type; the derivative is exact too.
 * Shown as {@code gelu_erf} or {@code gelu_tanh} in op types.
 */
final class ActivationKerasGELU extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double CUBIC = 0.044715;

    private final boolean approximate;

    /** @param approximate the tanh form instead of the exact erf form */
    @JsonCreator
    ActivationKerasGELU(@JsonProperty("approximate") boolean approximate) {
        this.approximate = approximate;
    }

    /** @return whether this is the tanh form */
    @JsonProperty("approximate")
    boolean isApproximate() {
        return approximate;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray x = toDouble(in);
        INDArray out;
        if (approximate) {
            out = Transforms.tanh(inner(x), false).addi(1.0).muli(x).muli(0.5);
        } else {
            out = Nd4j.getExecutioner().exec(new Erf(x.mul(SQRT_HALF))).addi(1.0).muli(x).muli(0.5);
        }
        in.assign(out);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray x = toDouble(in);
        INDArray grad;
        if (approximate) {
            // 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 c x^2), t = tanh(sqrt(2/pi) (x + c x^3))
            INDArray t = Transforms.tanh(inner(x), false);
            INDArray dInner = x.mul(x).muli(3 * CUBIC).addi(1.0).muli(SQRT_2_OVER_PI);
            INDArray sech2 = t.mul(t).rsubi(1.0);
            grad = sech2.muli(dInner).muli(x).muli(0.5).addi(t.addi(1.0).muli(0.5));
        } else {
            // Phi(x) + x phi(x)
            INDArray cdf = Nd4j.getExecutioner().exec(new Erf(x.mul(SQRT_HALF))).addi(1.0).muli(0.5);
            INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
            grad = pdf.muli(x).addi(cdf);
        }
        in.assign(grad.muli(toDouble(epsilon)));
        return new Pair<>(in, null);
    }

    /** @return sqrt(2/pi) (x + c x^3), a new array */
    private static INDArray inner(INDArray x) {
        return x.mul(x).muli(CUBIC).addi(1.0).muli(x).muli(SQRT_2_OVER_PI);
    }

    private static INDArray toDouble(INDArray a) {
        return a.dataType() == DataType.DOUBLE ? a.dup() : a.castTo(DataType.DOUBLE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationKerasGELU g && g.approximate == approximate;
    }

    @Override
    public int hashCode() {
        return approximate ? 1 : 2;
    }

    @Override
    public String toString() {
        return approximate ? "gelu_tanh" : "gelu_erf";
    }
}
