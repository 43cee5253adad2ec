package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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
 * The packaged plugin zip: its {@code lib/} carries Linux x86-64 natives only, and it loads through
 * a real PF4J plugin manager, as the runner does, with ND4J finding its CPU backend inside the
 * plugin class loader although this thread's context class loader knows no ND4J. Runs after
 * {@code package} (failsafe); DL4J, ND4J and the plugin's classes are not on this test's class path.
 */
class Dl4jPluginZipIT {

    /** Native jars for other platforms, by JavaCPP's classifiers (linux-x86 without _64 is 32-bit). */
    private static final Pattern FOREIGN = Pattern.compile(
            ".*-(windows|macosx|android|ios|linux-arm|linux-ppc|linux-x86[-.]|linux-mips).*");

    @TempDir
    Path plugins;

    private static Path zip() {
        Path zip = Path.of(System.getProperty("coact.pluginZip"));
        assertTrue(Files.isRegularFile(zip), "plugin zip missing: " + zip);
        return zip;
    }

    @Test
    void libCarriesLinuxX8664NativesOnly() throws Exception {
        Map<String, Long> jars = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip().toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().startsWith("lib/") && !e.isDirectory()) {
                    jars.put(e.getName().substring(4), e.getSize());
                }
            }
        }
        List<String> foreign = jars.keySet().stream()
                .filter(j -> FOREIGN.matcher(j).matches()).toList();
        assertEquals(List.of(), foreign, "natives for other platforms in lib/");
        List<String> natives = jars.keySet().stream().filter(j -> j.contains("-linux-x86_64")).toList();
        for (String needed : List.of("nd4j-native-1.0.0-M2.1-linux-x86_64.jar", "openblas-0.3.19-1.5.7-linux-x86_64.jar",
                "javacpp-1.5.7-linux-x86_64.jar", "hdf5-1.12.1-1.5.7-linux-x86_64.jar")) {
            assertTrue(natives.contains(needed), needed + " missing from lib/: " + natives);
        }
        assertTrue(jars.keySet().stream().noneMatch(j -> j.startsWith("slf4j-api") || j.startsWith("coact-api")
                || j.startsWith("pf4j")), "runner-provided jars in lib/: " + jars.keySet());
        long total = jars.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("plugin zip %s: %d bytes; lib/ %d jars, %.1f MiB unpacked; natives: %s%n", zip().getFileName(),
                Files.size(zip()), jars.size(), total / 1048576.0, natives);
    }

    @Test
    void packagedZipLoadsThroughPf4jAndRunsBothFormats() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.coact.plugin.dl4j.Dl4jFormat"),
                "the plugin must not be on the test class path");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j"),
                "the engine must not be on the test class path");
        Files.copy(zip(), plugins.resolve(zip().getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin("dl4j");
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            assertEquals("org.coact.plugin.dl4j.Dl4jPlugin", plugin.getPlugin().getClass().getName());
            Map<String, ModelFormat> formats = new TreeMap<>();
            for (ModelFormat f : manager.getExtensions(ModelFormat.class)) {
                formats.put(f.id(), f);
                assertEquals(plugin.getPluginClassLoader(), f.getClass().getClassLoader());
                assertNotSame(ModelFormat.class.getClassLoader(), f.getClass().getClassLoader());
            }
            assertEquals(List.of("dl4j", "keras"), List.copyOf(formats.keySet()));

            Path root = Path.of(System.getProperty("coact.testmodels"));
            Path mlp = root.resolve("dl4j/mlp-epoch10.zip");
            assertEquals(Recognition.BY_CONTENT, formats.get("dl4j").recognize(mlp));
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            try (ModelHandle h = formats.get("dl4j").open(mlp, OpenOptions.NONE);
                    Extractor x = h.extractor(new ExtractionRequest(List.of("fc1", "fc2"), "fc3"))) {
                BatchResult r = x.run(Map.of("input", new FloatTensor(new long[] {4, 784}, new float[4 * 784])));
                assertArrayEquals(new long[] {4, 10}, r.output().shape());
                assertArrayEquals(new long[] {4, 128}, r.activations().get("fc1").shape());
            }
            assertEquals(before, Thread.currentThread().getContextClassLoader(), "context class loader restored");

            Path cnn = root.resolve("keras/cnn-epoch10.h5");
            assertEquals(Recognition.BY_CONTENT, formats.get("keras").recognize(cnn));
            try (ModelHandle h = formats.get("keras").open(cnn, OpenOptions.NONE);
                    Extractor x = h.extractor(new ExtractionRequest(List.of("conv1", "fc1"), "fc2"))) {
                BatchResult r = x.run(Map.of("input", new FloatTensor(new long[] {2, 28, 28, 1}, new float[2 * 784])));
                assertArrayEquals(new long[] {2, 10}, r.output().shape());
                assertArrayEquals(new long[] {2, 28, 28, 8}, r.activations().get("conv1").shape());
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
