package com.example.coact.dense;

import org.coact.plugin.testkit.ModelFormatContract;
import org.coact.plugin.testkit.TestModels;

/**
 * Coact's contract for every model format, on the bundled MNIST MLP stored in this format:
 * recognition, layer listing in forward order, torch's activations within 1e-4, batch-size
 * independence, unknown layers refused by name, closing twice, the model file untouched.
 */
class DenseNpzContractTest extends ModelFormatContract {

    @Override
    protected Subject subject() {
        return new Subject(new DenseNpzFormat(), TestModels.model("dense/mlp-epoch10.npz"), 2, new long[] {128, 64},
                TestModels.reference("mlp"), TOLERANCE);
    }
}
