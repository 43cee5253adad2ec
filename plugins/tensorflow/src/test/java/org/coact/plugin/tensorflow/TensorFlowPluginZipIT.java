package org.coact.plugin.tensorflow;

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
class TensorFlowPluginZipIT {

    @TempDir
    Path plugins;

    @Test
    void packagedZipLoadsThroughPf4jAndRunsAModel() throws Exception {
        Path zip = Path.of(System.getProperty("coact.pluginZip"));
        assertTrue(Files.isRegularFile(zip), "plugin zip missing: " + zip);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.coact.plugin.tensorflow.TensorFlowFormat"),
                "the plugin must not be on the test class path");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tensorflow.SavedModelBundle"),
                "the engine must not be on the test class path");
        Files.copy(zip, plugins.resolve(zip.getFileName()));

        PluginManager manager = new DefaultPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin("tensorflow");
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            assertEquals("org.coact.plugin.tensorflow.TensorFlowPlugin", plugin.getPlugin().getClass().getName());

            List<ModelFormat> formats = manager.getExtensions(ModelFormat.class);
            assertEquals(1, formats.size(), formats.toString());
            ModelFormat tf = formats.get(0);
            assertEquals("tensorflow", tf.id());
            assertEquals(plugin.getPluginClassLoader(), tf.getClass().getClassLoader());
            assertNotSame(ModelFormat.class.getClassLoader(), tf.getClass().getClassLoader());

            Path root = Path.of(System.getProperty("coact.testmodels"));
            for (String style : List.of("graph", "function")) {
                Path mlp = root.resolve("tensorflow/" + style + "/mlp-epoch10");
                String p = style.equals("graph") ? "" : "sequential/";
                assertEquals(Recognition.BY_CONTENT, tf.recognize(mlp));
                try (ModelHandle h = tf.open(mlp, OpenOptions.NONE);
                        Extractor x = h.extractor(new ExtractionRequest(List.of(p + "dense/Relu", p + "dense_1/Relu"),
                                h.describe().outputs().get(0).name()))) {
                    BatchResult r = x.run(Map.of("input", new FloatTensor(new long[] {4, 784}, new float[4 * 784])));
                    assertArrayEquals(new long[] {4, 10}, r.output().shape());
                    assertArrayEquals(new long[] {4, 128}, r.activations().get(p + "dense/Relu").shape());
                    assertArrayEquals(new long[] {4, 64}, r.activations().get(p + "dense_1/Relu").shape());
                }
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
