package org.coact.plugin.dl4j;

import org.coact.plugin.testkit.ModelFormatContract;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Nested;

/**
 * The {@link ModelFormatContract} on the epoch-10 MLP and CNN as DL4J ModelSerializer zips (conv
 * maps NCHW) and as Keras 2 .h5 files (NHWC). ND4J (OpenBLAS) takes other kernels for a single
 * sample than for a batch (gemv for dense layers, a smaller im2col gemm for convolutions), so
 * batch-size independence holds within the contract's float32 tolerance (seen: up to 5.7e-6).
 */
class Dl4jContractTest {

    private static final long[] MLP = {128, 64};
    private static final long[] CNN = {8, 16, 64};

    @Nested
    class Dl4jMlp extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return new Subject(new Dl4jFormat(), TestModels.dl4j("mlp", 10), 2, MLP, TestModels.reference("mlp"), TOLERANCE);
        }
    }

    @Nested
    class Dl4jCnn extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return new Subject(new Dl4jFormat(), TestModels.dl4j("cnn", 10), 3, CNN, TestModels.reference("cnn"), TOLERANCE);
        }
    }

    @Nested
    class KerasMlp extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return new Subject(new KerasFormat(), TestModels.keras("mlp"), 2, MLP, TestModels.reference("mlp"), TOLERANCE);
        }
    }

    @Nested
    class KerasCnn extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return new Subject(new KerasFormat(), TestModels.keras("cnn"), 3, CNN, TestModels.reference("cnn"), TOLERANCE);
        }
    }
}
