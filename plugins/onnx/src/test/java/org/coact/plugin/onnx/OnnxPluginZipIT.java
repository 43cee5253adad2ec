package org.coact.plugin.onnx;

import java.util.List;
import java.util.Map;
import org.coact.plugin.testkit.PluginZipContract;
import org.coact.plugin.testkit.TestModels;

/** The packaged ONNX plugin zip, loaded through a real PF4J plugin manager. */
class OnnxPluginZipIT extends PluginZipContract {

    OnnxPluginZipIT() {
        super(new PackagedPlugin(packagedZip(), "onnx", "org.coact.plugin.onnx.OnnxPlugin",
                "ai.onnxruntime.OrtEnvironment", List.of("onnx")));
    }

    @Override
    protected List<ModelRun> runs() {
        return List.of(new ModelRun("onnx", TestModels.onnx("mlp", 10), new long[] {4, 784},
                Map.of("/act1/Relu", new long[] {4, 128}, "/act2/Relu", new long[] {4, 64}), new long[] {4, 10}));
    }
}
