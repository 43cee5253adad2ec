package org.coact.plugin.tensorflow;

import org.coact.plugin.testkit.ModelFormatContract;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Nested;

/**
 * The {@link ModelFormatContract} on the epoch-10 SavedModels, graph style (ops in the top-level
 * graph) and function style (Keras layers inside called functions). Conv maps are NHWC.
 * TensorFlow computes a MatMul of one row by another kernel than a MatMul of several, and its
 * blocking follows the CPU, so batch-size independence holds within the contract's float32
 * tolerance, not bit for bit (seen: 1.2e-6 on one CPU, identical floats on another).
 */
class TfContractTest {

    private static final long[] MLP = {128, 64};
    private static final long[] CNN = {8, 16, 64};

    private static ModelFormatContract.Subject subject(String style, String net) {
        return new ModelFormatContract.Subject(new TensorFlowFormat(), TestModels.savedModel(style, net, 10),
                net.equals("mlp") ? 2 : 3, net.equals("mlp") ? MLP : CNN, TestModels.reference(net),
                ModelFormatContract.TOLERANCE);
    }

    @Nested
    class GraphMlp extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return TfContractTest.subject("graph", "mlp");
        }
    }

    @Nested
    class GraphCnn extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return TfContractTest.subject("graph", "cnn");
        }
    }

    @Nested
    class FunctionMlp extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return TfContractTest.subject("function", "mlp");
        }
    }

    @Nested
    class FunctionCnn extends ModelFormatContract {
        @Override
        protected Subject subject() {
            return TfContractTest.subject("function", "cnn");
        }
    }
}
