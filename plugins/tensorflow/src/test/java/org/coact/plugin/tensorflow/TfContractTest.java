package org.coact.plugin.tensorflow;

import org.coact.plugin.testkit.ModelFormatContract;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Nested;

/**
 * The {@link ModelFormatContract} on the epoch-10 SavedModels, graph style (ops in the top-level
 * graph) and function style (Keras layers inside called functions). Conv maps are NHWC.
 */
class TfContractTest {

    /**
     * Graph style only: TensorFlow computes a MatMul of one row by another kernel than a MatMul of
     * several (batches of 4 and 16 agree bit for bit, a batch of 1 does not), so one sample at a time
     * moves the MLP's logits by up to 5.7e-6 and the CNN's dense/Relu by up to 1.3e-5: allowed up
     * to the reference tolerance. The flattened function-style graphs agree bit for bit.
     */
    abstract static class GraphStyleContract extends ModelFormatContract {
        @Override
        protected double batchSizeTolerance() {
            return TOLERANCE;
        }
    }

    private static final long[] MLP = {128, 64};
    private static final long[] CNN = {8, 16, 64};

    private static ModelFormatContract.Subject subject(String style, String net) {
        return new ModelFormatContract.Subject(new TensorFlowFormat(), TestModels.savedModel(style, net, 10),
                net.equals("mlp") ? 2 : 3, net.equals("mlp") ? MLP : CNN, TestModels.reference(net),
                ModelFormatContract.TOLERANCE);
    }

    @Nested
    class GraphMlp extends GraphStyleContract {
        @Override
        protected Subject subject() {
            return TfContractTest.subject("graph", "mlp");
        }
    }

    @Nested
    class GraphCnn extends GraphStyleContract {
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
