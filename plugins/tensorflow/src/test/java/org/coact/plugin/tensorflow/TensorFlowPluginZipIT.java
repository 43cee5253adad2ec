package org.coact.plugin.tensorflow;

import java.util.List;
import java.util.Map;
import org.coact.plugin.testkit.PluginZipContract;
import org.coact.plugin.testkit.TestModels;

/** The packaged TensorFlow plugin zip, loaded through a real PF4J plugin manager; both SavedModel styles. */
class TensorFlowPluginZipIT extends PluginZipContract {

    TensorFlowPluginZipIT() {
        super(new PackagedPlugin(packagedZip(), "tensorflow",
                "org.coact.plugin.tensorflow.TensorFlowPlugin", "org.tensorflow.SavedModelBundle", List.of("tensorflow")));
    }

    @Override
    protected List<ModelRun> runs() {
        return List.of(mlp("graph", ""), mlp("function", "sequential/"));
    }

    private static ModelRun mlp(String style, String scope) {
        return new ModelRun("tensorflow", TestModels.savedModel(style, "mlp", 10), new long[] {4, 784},
                Map.of(scope + "dense/Relu", new long[] {4, 128}, scope + "dense_1/Relu", new long[] {4, 64}),
                new long[] {4, 10});
    }
}
