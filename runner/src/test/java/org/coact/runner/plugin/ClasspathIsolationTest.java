package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The runner never has a model engine on its class path: engines live in plugins' own lib/. */
class ClasspathIsolationTest {

    @Test
    void noEngineClassIsVisibleToTheRunner() {
        for (String engineClass : new String[] {"ai.onnxruntime.OrtEnvironment", "org.tensorflow.SavedModelBundle",
            "org.nd4j.linalg.factory.Nd4j", "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            "com.google.protobuf.Message"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(engineClass), engineClass);
        }
    }
}
