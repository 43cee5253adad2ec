package org.coact.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an executor finds its plugins, without Spark: a plugin is known by the id its
 * {@code plugin.properties} declares, whatever its file is called (a distribution names the ONNX
 * plugin {@code coact-plugin-onnx-<version>.zip}, a test directory
 * {@code coact-plugin-onnx-<version>-plugin.zip}); the distribution's {@code plugins/} wins over
 * the driver's directory when the executor has it.
 */
class ExecutorStateTest {

    @Test
    void pluginZipsAreKnownByTheIdTheyDeclare(@TempDir Path tmp) throws Exception {
        Map<String, String> ids = new TreeMap<>();
        try (Stream<Path> zips = Files.list(SparkTestSession.plugins())) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                ids.put(zip.getFileName().toString().replaceAll("-[0-9].*", ""), ExecutorState.declaredId(zip));
            }
        }
        assertEquals(Map.of("coact-plugin-onnx", "onnx", "coact-plugin-tensorflow", "tensorflow"), ids);
        Path notAPlugin = Files.write(tmp.resolve("notes.zip"), new byte[] {'P', 'K'});
        assertNull(ExecutorState.declaredId(notAPlugin));
        assertNull(ExecutorState.declaredId(Files.createDirectories(tmp.resolve("empty"))));
    }

    @Test
    void theShippedDistributionWinsOverTheDriversDirectory(@TempDir Path tmp) throws Exception {
        Path dist = tmp.resolve("coact");
        PluginSource source = new PluginSource(dist.toString(), "/driver/plugins", "onnx");
        assertEquals(Path.of("/driver/plugins"), source.executorPlugins());
        Files.createDirectories(dist.resolve("plugins"));
        assertEquals(dist.resolve("plugins"), source.executorPlugins());
    }
}
