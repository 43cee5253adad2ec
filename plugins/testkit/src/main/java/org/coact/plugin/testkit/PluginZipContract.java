package org.coact.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Loads a packaged plugin zip through a real PF4J plugin manager, as the runner does, from a copy
 * in a temporary plugins directory. Runs after {@code package} (failsafe, class name {@code *IT}),
 * with the plugin's classes and engine kept off the test's class path, so everything comes out of
 * the zip and only api types are touched. A plugin's IT extends this class, passes a {@link
 * PackagedPlugin} (which zip, which plugin and formats to expect) and lists the models to run.
 */
public abstract class PluginZipContract {

    /** Jars the runner provides, or that only tests use: none may be in a plugin's {@code lib/}. */
    private static final List<String> NOT_IN_LIB = List.of("coact-api-", "pf4j-", "slf4j-api-", "coact-plugin-testkit-",
            "junit-", "opentest4j-", "apiguardian-");

    /**
     * A model to run through the loaded plugin: zeros in, shapes checked.
     *
     * @param formatId the format that opens it
     * @param model the model file or directory
     * @param input the input tensor's shape, batch first
     * @param activations layer name to the shape its output must have
     * @param output the shape the prediction output must have
     */
    public record ModelRun(String formatId, Path model, long[] input, Map<String, long[]> activations, long[] output) {

        /** Copies, keeping the layers' order. */
        public ModelRun {
            input = input.clone();
            activations = Collections.unmodifiableMap(new LinkedHashMap<>(activations));
            output = output.clone();
        }
    }

    /**
     * What the zip must hold.
     *
     * @param zip the packaged zip, usually {@link #packagedZip()}
     * @param id the plugin id in plugin.properties
     * @param pluginClass the fully qualified name of the plugin class
     * @param engineClass a class of the plugin's engine; neither may be on the test's class path
     * @param formatIds the ids of the {@link ModelFormat} extensions the plugin contributes, sorted
     */
    public record PackagedPlugin(Path zip, String id, String pluginClass, String engineClass, List<String> formatIds) {

        /** Copies. */
        public PackagedPlugin {
            formatIds = List.copyOf(formatIds);
        }
    }

    @TempDir
    Path plugins;

    private final PackagedPlugin expected;

    /** @param expected the zip and what it must hold */
    protected PluginZipContract(PackagedPlugin expected) {
        this.expected = expected;
    }

    /** @return the models to run through the loaded formats */
    protected abstract List<ModelRun> runs();

    /** @return the packaged zip */
    protected final Path zip() {
        return expected.zip();
    }

    /** @return the zip named by the {@code coact.pluginZip} system property (set by the failsafe configuration) */
    protected static Path packagedZip() {
        String zip = System.getProperty("coact.pluginZip");
        assertNotNull(zip, "system property coact.pluginZip is not set");
        return Path.of(zip);
    }

    /** @return the version the plugin must report: the {@code coact.pluginVersion} system property */
    protected String pluginVersion() {
        String version = System.getProperty("coact.pluginVersion");
        assertNotNull(version, "system property coact.pluginVersion is not set");
        return version;
    }

    /** @return the file names in the zip's {@code lib/}, sorted, with their uncompressed sizes */
    protected final Map<String, Long> libJars() throws Exception {
        Map<String, Long> jars = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip().toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().startsWith("lib/") && !e.isDirectory()) {
                    jars.put(e.getName().substring(4), e.getSize());
                }
            }
        }
        return jars;
    }

    @Test
    void libHoldsThePluginJarAndNoRunnerOrTestJars() throws Exception {
        List<String> jars = List.copyOf(libJars().keySet());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("coact-plugin-" + expected.id() + "-")), "plugin jar missing: " + jars);
        List<String> misplaced = jars.stream().filter(j -> NOT_IN_LIB.stream().anyMatch(j::startsWith)).toList();
        assertEquals(List.of(), misplaced, "runner-provided or test jars in lib/");
    }

    @Test
    void packagedZipLoadsThroughPf4jAndRunsItsModels() throws Exception {
        assertTrue(Files.isRegularFile(zip()), "plugin zip missing: " + zip());
        for (String c : List.of(expected.pluginClass(), expected.engineClass())) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(c), c + " must not be on the test class path");
        }
        Files.copy(zip(), plugins.resolve(zip().getFileName()));
        PluginManager manager = new DefaultPluginManager(plugins);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            PluginWrapper plugin = manager.getPlugin(expected.id());
            assertNotNull(plugin, "no plugin '" + expected.id() + "' in " + manager.getPlugins());
            assertEquals(PluginState.STARTED, plugin.getPluginState());
            assertEquals(pluginVersion(), plugin.getDescriptor().getVersion());
            assertEquals(expected.pluginClass(), plugin.getPlugin().getClass().getName());
            Map<String, ModelFormat> formats = new TreeMap<>();
            for (ModelFormat f : manager.getExtensions(ModelFormat.class)) {
                formats.put(f.id(), f);
                assertEquals(plugin.getPluginClassLoader(), f.getClass().getClassLoader(), f.id());
                assertNotSame(ModelFormat.class.getClassLoader(), f.getClass().getClassLoader(), f.id());
            }
            assertEquals(expected.formatIds(), new ArrayList<>(formats.keySet()));
            for (ModelRun run : runs()) {
                run(formats.get(run.formatId()), run);
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    private static void run(ModelFormat format, ModelRun run) throws Exception {
        assertEquals(Recognition.BY_CONTENT, format.recognize(run.model()), run.model().toString());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (ModelHandle h = format.open(run.model(), OpenOptions.NONE);
                Extractor x = h.extractor(new ExtractionRequest(List.copyOf(run.activations().keySet()),
                        h.describe().outputs().get(0).name()))) {
            long n = 1;
            for (long d : run.input()) {
                n *= d;
            }
            BatchResult r = x.run(Map.of(h.describe().inputs().get(0).name(),
                    new FloatTensor(run.input(), new float[Math.toIntExact(n)])));
            assertArrayEquals(run.output(), r.output().shape(), run.model() + " output");
            run.activations().forEach((layer, shape) ->
                    assertArrayEquals(shape, r.activations().get(layer).shape(), run.model() + " " + layer));
        }
        assertEquals(before, Thread.currentThread().getContextClassLoader(), "context class loader restored");
    }
}
