package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.coact.plugin.dl4j.generator.Dl4jTestModelGenerator;
import org.coact.plugin.testkit.TestModels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every bundled DL4J zip (epochs 00-10) holds exactly the weights of its ONNX twin: dense
 * {@code W} = the Gemm weight transposed, conv {@code W} = the OIHW weight, biases as they are.
 * (Activations are checked against torch for epoch 10 in {@link ReferenceTest}.)
 */
class CheckpointWeightsTest {

    @ParameterizedTest(name = "epoch {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void zipsHoldTheOnnxWeightsBitForBit(int epoch) throws Exception {
        Map<String, INDArray> mlpOnnx = Dl4jTestModelGenerator.initializers(TestModels.onnx("mlp", epoch));
        MultiLayerNetwork mlp = ModelSerializer.restoreMultiLayerNetwork(TestModels.dl4j("mlp", epoch).toFile(), false);
        for (int i = 0; i < 3; i++) {
            String m = "fc" + (i + 1);
            assertEquals(mlpOnnx.get(m + ".weight").transpose(), mlp.getLayer(i).getParam("W"), m);
            assertEquals(mlpOnnx.get(m + ".bias"), mlp.getLayer(i).getParam("b").reshape(-1), m);
        }
        Map<String, INDArray> cnnOnnx = Dl4jTestModelGenerator.initializers(TestModels.onnx("cnn", epoch));
        ComputationGraph cnn = ModelSerializer.restoreComputationGraph(TestModels.dl4j("cnn", epoch).toFile(), false);
        for (String m : new String[] {"conv1", "conv2", "fc1", "fc2"}) {
            INDArray w = cnnOnnx.get(m + ".weight");
            assertEquals(m.startsWith("fc") ? w.transpose() : w, cnn.getLayer(m).getParam("W"), m);
            assertEquals(cnnOnnx.get(m + ".bias"), cnn.getLayer(m).getParam("b").reshape(-1), m);
        }
    }
}
