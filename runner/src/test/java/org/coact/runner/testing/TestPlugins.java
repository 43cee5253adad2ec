package org.coact.runner.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds test plugins as a third party would: Java sources compiled against coact-api and pf4j
 * alone (PF4J's annotation processor writes the extension index), laid out as PF4J expects
 * ({@code plugin.properties}, {@code classes/}) and zipped, for the real plugin manager to load.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    /**
     * Compiles sources against the api and pf4j.
     *
     * @param work a scratch directory
     * @param sources fully qualified class name to source
     * @return the classes directory (with {@code META-INF/extensions.idx} for {@code @Extension}s)
     * @throws IOException if the sources cannot be written
     */
    public static Path compile(Path work, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-cp", apiClassPath(), "-d",
                classes.toString()));
        if (Runtime.version().feature() >= 21) {
            args.add("-proc:full"); // JDK 23 and later run PF4J's annotation processor only when asked
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, rc, "test plugin sources compile against coact-api");
        return classes;
    }

    /**
     * @param id plugin.id
     * @param version plugin.version
     * @param extra further lines, e.g. {@code plugin.requires=>=99.0.0}
     * @return a plugin.properties text
     */
    public static String properties(String id, String version, String... extra) {
        StringBuilder sb = new StringBuilder("plugin.id=" + id + "\nplugin.version=" + version
                + "\nplugin.provider=Test\nplugin.description=test plugin " + id + "\n");
        for (String line : extra) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /**
     * Zips a plugin: {@code plugin.properties} (unless null) and every file of {@code classes}
     * under {@code classes/}.
     *
     * @param zip the zip to write
     * @param properties the descriptor text, or null for none
     * @param classes a classes directory, or null
     * @return the zip
     * @throws IOException if writing fails
     */
    public static Path zip(Path zip, String properties, Path classes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (properties != null) {
            entries.put("plugin.properties", properties.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (classes != null) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    entries.put("classes/" + classes.relativize(p).toString().replace(File.separatorChar, '/'),
                            Files.readAllBytes(p));
                }
            }
        }
        return zip(zip, entries);
    }

    /**
     * @param zip the zip to write
     * @param entries entry name to content, in order
     * @return the zip
     * @throws IOException if writing fails
     */
    public static Path zip(Path zip, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }

    /**
     * Copies the example third-party format plugin (dense-npz 1.0.0, 16 KB) into a directory.
     *
     * @param pluginsDir the plugins directory
     * @return the copied zip
     * @throws IOException if copying fails
     */
    public static Path denseNpz(Path pluginsDir) throws IOException {
        Path zip = Path.of(System.getProperty("coact.example.plugin",
                "../plugins/examples/dense-npz/target/coact-dense-npz-1.0.0-plugin.zip"));
        assertTrue(Files.isRegularFile(zip), "example plugin not built at " + zip.toAbsolutePath());
        Files.createDirectories(pluginsDir);
        return Files.copy(zip, pluginsDir.resolve(zip.getFileName()));
    }

    private static String apiClassPath() {
        return location(org.coact.api.format.ModelFormat.class) + File.pathSeparator
                + location(org.pf4j.Extension.class);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
