package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.coact.plugin.testkit.PluginZipContract;
import org.coact.plugin.testkit.TestModels;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin zip: its {@code lib/} carries Linux x86-64 natives only, and it loads through
 * a real PF4J plugin manager with ND4J finding its CPU backend inside the plugin class loader
 * although this thread's context class loader knows no ND4J (DL4J, ND4J and the plugin's classes
 * are not on this test's class path). Runs a DL4J zip and a Keras file.
 */
class Dl4jPluginZipIT extends PluginZipContract {

    /** Native jars for other platforms, by JavaCPP's classifiers (linux-x86 without _64 is 32-bit). */
    private static final Pattern FOREIGN = Pattern.compile(
            ".*-(windows|macosx|android|ios|linux-arm|linux-ppc|linux-x86[-.]|linux-mips).*");

    Dl4jPluginZipIT() {
        super(new PackagedPlugin(packagedZip(), "dl4j", "org.coact.plugin.dl4j.Dl4jPlugin",
                "org.nd4j.linalg.factory.Nd4j", List.of("dl4j", "keras")));
    }

    @Override
    protected List<ModelRun> runs() {
        return List.of(
                new ModelRun("dl4j", TestModels.dl4j("mlp", 10), new long[] {4, 784},
                        Map.of("fc1", new long[] {4, 128}), new long[] {4, 10}),
                new ModelRun("keras", TestModels.keras("cnn"), new long[] {2, 28, 28, 1},
                        Map.of("conv1", new long[] {2, 28, 28, 8}, "fc1", new long[] {2, 64}), new long[] {2, 10}));
    }

    @Test
    void libCarriesLinuxX8664NativesOnly() throws Exception {
        Map<String, Long> jars = libJars();
        List<String> foreign = jars.keySet().stream().filter(j -> FOREIGN.matcher(j).matches()).toList();
        assertEquals(List.of(), foreign, "natives for other platforms in lib/");
        List<String> natives = jars.keySet().stream().filter(j -> j.contains("-linux-x86_64")).toList();
        for (String needed : List.of("nd4j-native-1.0.0-M2.1-linux-x86_64.jar", "openblas-0.3.19-1.5.7-linux-x86_64.jar",
                "javacpp-1.5.7-linux-x86_64.jar", "hdf5-1.12.1-1.5.7-linux-x86_64.jar")) {
            assertTrue(natives.contains(needed), needed + " missing from lib/: " + natives);
        }
        long total = jars.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("plugin zip %s: %d bytes; lib/ %d jars, %.1f MiB unpacked; natives: %s%n", zip().getFileName(),
                Files.size(zip()), jars.size(), total / 1048576.0, natives);
    }
}
