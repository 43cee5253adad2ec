package org.coact.plugin.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads the packaged plugin zip through a real PF4J plugin manager, as the runner does. Runs
 * after {@code package} (failsafe); the plugin's own classes and engine are not on this test's
 * class path, so everything below comes out of the zip. Touches only the api types.
 */
class OnnxPluginZipIT {

    @TempDir
    Path plugins;

    @Test
    void packagedZipLoadsThroughPf4jAndRunsAModel() throws Exception {
        Path zip = Path.of(System.getProperty("coact.pluginZip"));
        assertTrue(Files.isRegularFile(zip), "plugin zip missing: " + zip);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.coact.plugin.onnx.OnnxFormat"),
                "the plugin must not be on the test class path");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.onnxruntime.OrtEnvironment"),
                "the engine must not be on the test class path");
        Files.copy(zip, plugins.resolve(zip.getFileName()));

        PluginManager manager = new DefaultPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin("onnx");
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            assertEquals("org.coact.plugin.onnx.OnnxPlugin", plugin.getPlugin().getClass().getName());

            List<ModelFormat> formats = manager.getExtensions(ModelFormat.class);
            assertEquals(1, formats.size(), formats.toString());
            ModelFormat onnx = formats.get(0);
            assertEquals("onnx", onnx.id());
            assertEquals(plugin.getPluginClassLoader(), onnx.getClass().getClassLoader());
            assertNotSame(ModelFormat.class.getClassLoader(), onnx.getClass().getClassLoader());

            Path root = Path.of(System.getProperty("coact.testmodels"));
            Path mlp = root.resolve("onnx/mlp/mlp-epoch10.onnx");
            assertEquals(Recognition.BY_CONTENT, onnx.recognize(mlp));
            try (ModelHandle h = onnx.open(mlp, OpenOptions.NONE);
                    Extractor x = h.extractor(new ExtractionRequest(List.of("/act1/Relu", "/act2/Relu"), "logits"))) {
                assertEquals(List.of("/fc1/Gemm", "/act1/Relu", "/fc2/Gemm", "/act2/Relu", "/fc3/Gemm"),
                        h.describe().layers().stream().map(LayerInfo::name).toList());
                BatchResult r = x.run(Map.of("input", new FloatTensor(new long[] {4, 784}, new float[4 * 784])));
                assertArrayEquals(new long[] {4, 10}, r.output().shape());
                assertArrayEquals(new long[] {4, 128}, r.activations().get("/act1/Relu").shape());
                assertArrayEquals(new long[] {4, 64}, r.activations().get("/act2/Relu").shape());
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
