package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.coact.runner.testing.TestEnv;
import org.coact.runner.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin zips that would write outside their directory or fill the disk are refused before
 * anything is written, through the real plugin manager: one warning naming the zip, no file
 * outside the plugins directory, no expanded or staging directory left, the other plugin loaded.
 */
class PluginZipTest {

    private static final byte[] PROPERTIES = TestPlugins.properties("sneaky", "1.0.0").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path plugins() throws IOException {
        Path dir = tmp.resolve("plugins");
        TestPlugins.denseNpz(dir);
        return dir;
    }

    /** Runs {@code coact plugins}; asserts the one warning and that nothing of the zip was written. */
    private void assertRefused(Path dir, Path zip, String why) throws IOException {
        List<Path> before = tree(tmp);
        TestEnv.Run run = TestEnv.coact("plugins", "--plugins-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("coact: warning: plugin " + zip + " skipped: " + why), run.errLines().stream()
                .map(l -> l.contains(why) ? l.substring(0, l.indexOf(why) + why.length()) : l).toList(), run.err());
        assertTrue(run.out().contains("dense-npz"), run.out());
        List<Path> after = tree(tmp);
        after.removeIf(p -> p.startsWith(dir.resolve("coact-dense-npz-1.0.0-plugin")));
        assertEquals(before, after, "the refused zip wrote nothing, anywhere");
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return new java.util.ArrayList<>(walk.sorted().toList());
        }
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        return TestPlugins.zip(file, entries);
    }

    private static Map<String, byte[]> entries(String name, String content) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("plugin.properties", PROPERTIES);
        m.put(name, content.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void aPathTraversalEntryIsRefusedBeforeExtraction() throws IOException {
        Path dir = plugins();
        Path zip = zip(dir.resolve("slip.zip"), entries("classes/../../../evil.txt", "owned"));
        assertRefused(dir, zip, "entry 'classes/../../../evil.txt' would be written outside the plugin directory");
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(dir.resolve("slip")));
    }

    @Test
    void anAbsoluteOrBackslashedEntryIsRefused() throws IOException {
        Path dir = plugins();
        Path target = tmp.resolve("absolute-evil.txt");
        Path zip = zip(dir.resolve("absolute.zip"), entries(target.toString(), "owned"));
        assertRefused(dir, zip, "entry '" + target + "' has an absolute path");
        assertFalse(Files.exists(target));
        Path dir2 = Files.createDirectories(tmp.resolve("second"));
        TestPlugins.denseNpz(dir2);
        // a DOS-made entry's backslashes are separators (commons-compress reads them so): still outside
        Path zip2 = zip(dir2.resolve("backslash.zip"), entries("..\\..\\evil.txt", "owned"));
        assertRefused(dir2, zip2, "entry '../../evil.txt' would be written outside the plugin directory");
    }

    @Test
    void aSymbolicLinkEntryIsRefused() throws IOException {
        Path dir = plugins();
        Path zip = dir.resolve("symlink.zip");
        try (OutputStream os = Files.newOutputStream(zip); ZipArchiveOutputStream z = new ZipArchiveOutputStream(os)) {
            ZipArchiveEntry props = new ZipArchiveEntry("plugin.properties");
            z.putArchiveEntry(props);
            z.write(PROPERTIES);
            z.closeArchiveEntry();
            ZipArchiveEntry link = new ZipArchiveEntry("lib");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/etc".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }
        assertRefused(dir, zip, "entry 'lib' is a symbolic link");
    }

    @Test
    void anEntryListedTwiceIsRefused() throws IOException {
        Path dir = plugins();
        Map<String, byte[]> m = entries("classes/a.txt", "1");
        m.put("classes/./a.txt", "2".getBytes(StandardCharsets.UTF_8));
        Path zip = zip(dir.resolve("twice.zip"), m);
        assertRefused(dir, zip, "entry 'classes/./a.txt' is listed twice");
    }

    @Test
    void aZipBombIsRefusedByItsRatioBeforeExtraction() throws IOException {
        Path dir = plugins();
        Path zip = zip(dir.resolve("bomb.zip"), Map.of("plugin.properties", PROPERTIES, "lib/zeros.bin",
                new byte[64 << 20]));
        assertRefused(dir, zip, "entry 'lib/zeros.bin' expands ");
        assertTrue(Files.size(zip) < 1 << 20, "64 MiB of zeros deflate to " + Files.size(zip) + " bytes");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Path dir = plugins();
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("plugin.properties", PROPERTIES);
        for (int i = 0; i < PluginZip.MAX_ENTRIES; i++) {
            m.put("classes/f" + i, new byte[0]);
        }
        Path zip = zip(dir.resolve("many.zip"), m);
        assertRefused(dir, zip, "it holds 10001 entries; at most 10000 are accepted");
    }

    @Test
    void aZipDeclaringMoreThanTheLimitIsRefusedBeforeExtraction() throws IOException {
        Path dir = plugins();
        Path zip = dir.resolve("huge.zip");
        byte[] noise = new byte[6 << 20];
        new java.util.Random(5).nextBytes(noise);
        try (OutputStream os = Files.newOutputStream(zip); ZipArchiveOutputStream z = new ZipArchiveOutputStream(os)) {
            for (String name : List.of("lib/a.bin", "lib/b.bin")) {
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                z.putArchiveEntry(e);
                z.write(noise);
                z.closeArchiveEntry();
            }
        }
        // each declares 600 MiB from its 6 MiB (a ratio of 100, allowed): 1.2 GiB in all
        patchCentralDirectory(zip, "lib/a.bin", 600L << 20, -1);
        patchCentralDirectory(zip, "lib/b.bin", 600L << 20, -1);
        assertRefused(dir, zip, "it expands to more than 1073741824 bytes, the most accepted");
    }

    @Test
    void anEntryInflatingBeyondItsDeclaredSizeIsRefusedAndLeavesNothing() throws IOException {
        Path dir = plugins();
        Map<String, byte[]> m = entries("classes/a.txt", "small");
        m.put("lib/liar.bin", new byte[4 << 20]);
        Path zip = zip(dir.resolve("liar.zip"), m);
        patchCentralDirectory(zip, "lib/liar.bin", 1000, -1);
        assertRefused(dir, zip, "entry 'lib/liar.bin' inflates to more than its declared 1000 bytes");
    }

    @Test
    void aHalfExpandedDirectoryOfARefusedZipIsNeverLoaded() throws Exception {
        Path dir = plugins();
        // what PF4J's own expansion (no stamp) left before the zip was found unsafe
        Path half = Files.createDirectories(dir.resolve("slip"));
        Files.write(half.resolve("plugin.properties"), PROPERTIES);
        Path zip = zip(dir.resolve("slip.zip"), entries("../evil.txt", "owned"));
        TestEnv.Run run = TestEnv.coact("plugins", "--plugins-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("coact: warning: plugin " + zip + " skipped: "), run.err());
        assertFalse(run.out().contains("sneaky"), run.out());
        assertFalse(Files.exists(half), "the leftover is removed");
    }

    /** Rewrites the sizes the central directory declares for one entry (-1 keeps one). */
    private static void patchCentralDirectory(Path zip, String name, long size, long compressed) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < b.length; i++) {
            if (buf.getInt(i) == 0x02014b50 && buf.getShort(i + 28) == wanted.length
                    && java.util.Arrays.equals(b, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                if (compressed >= 0) {
                    buf.putInt(i + 20, (int) compressed);
                }
                buf.putInt(i + 24, (int) size);
                Files.write(zip, b);
                return;
            }
        }
        throw new AssertionError("no central directory entry " + name);
    }
}
