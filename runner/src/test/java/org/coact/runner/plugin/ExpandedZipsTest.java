package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zips are expanded once, into a directory that appears complete or not at all; a zip replaced
 * by another with an older timestamp is re-expanded; leftovers that are not a complete
 * expansion of a present zip are removed, never loaded.
 */
class ExpandedZipsTest {

    private static void zip(Path file, String content) throws Exception {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("plugin.properties"));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    }

    private static List<ExpandedZips.Candidate> prepare(Path dir) throws Exception {
        List<String> warnings = new ArrayList<>();
        List<ExpandedZips.Candidate> c = ExpandedZips.prepare(dir, warnings);
        assertEquals(List.of(), warnings);
        return c;
    }

    @Test
    void aChangedZipIsReExpandedAndAnUnchangedOneKept(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("p-1.0.zip");
        Path expanded = dir.resolve("p-1.0");
        zip(zip, "plugin.id=p\n");
        assertEquals(List.of(new ExpandedZips.Candidate(zip, expanded)), prepare(dir));
        assertEquals("plugin.id=p\n", Files.readString(expanded.resolve("plugin.properties")));
        Files.writeString(expanded.resolve("marker"), "kept");
        prepare(dir);
        assertTrue(Files.exists(expanded.resolve("marker")), "unchanged zip keeps its expansion");
        zip(zip, "plugin.id=p\nplugin.version=2\n");
        prepare(dir);
        assertFalse(Files.exists(expanded.resolve("marker")), "changed zip (same old mtime) must be re-expanded");
        assertEquals("plugin.id=p\nplugin.version=2\n", Files.readString(expanded.resolve("plugin.properties")));
    }

    @Test
    void anUnstampedExpansionIsReplaced(@TempDir Path dir) throws Exception {
        zip(dir.resolve("q.zip"), "x");
        Files.createDirectories(dir.resolve("q"));
        Files.writeString(dir.resolve("q/half-written.jar"), "");
        prepare(dir);
        assertFalse(Files.exists(dir.resolve("q/half-written.jar")));
        assertTrue(Files.isRegularFile(dir.resolve("q/" + ExpandedZips.STAMP)));
    }

    @Test
    void anExpansionWhoseZipIsGoneAndADeadRunsStagingAreRemoved(@TempDir Path dir) throws Exception {
        zip(dir.resolve("gone.zip"), "plugin.id=gone\n");
        prepare(dir);
        Files.delete(dir.resolve("gone.zip"));
        Path dead = Files.createDirectories(dir.resolve(ExpandedZips.EXPANDING + "999999999-x.zip"));
        Files.writeString(dead.resolve("plugin.properties"), "plugin.id=x\n");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertEquals(List.of(new ExpandedZips.Candidate(plain, plain)), prepare(dir));
        assertFalse(Files.exists(dir.resolve("gone")));
        assertFalse(Files.exists(dead));
    }
}
