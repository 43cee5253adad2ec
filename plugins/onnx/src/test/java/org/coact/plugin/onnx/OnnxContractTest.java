package org.coact.plugin.onnx;

import org.coact.plugin.testkit.ModelFormatContract;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Nested;

/** The {@link ModelFormatContract} on the epoch-10 PyTorch exports (dynamic batch axis). */
class OnnxContractTest {

    @Nested
    class Mlp extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return new Subject(new OnnxFormat(), TestModels.onnx("mlp", 10), 2, new long[] {128, 64},
                    TestModels.reference("mlp"), TOLERANCE);
        }
    }

    @Nested
    class Cnn extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return new Subject(new OnnxFormat(), TestModels.onnx("cnn", 10), 3, new long[] {8, 16, 64},
                    TestModels.reference("cnn"), TOLERANCE);
        }
    }
}
