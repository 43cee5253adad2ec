package org.coact.runner.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin zip replaced by another with an older timestamp is re-expanded, not ignored. */
class ExpandedZipsTest {

    private static void zip(Path file, String content) throws Exception {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("plugin.properties"));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    }

    @Test
    void aChangedZipInvalidatesItsExpandedDirectoryAndAnUnchangedOneKeepsIt(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("p-1.0.zip");
        Path expanded = dir.resolve("p-1.0");
        zip(zip, "plugin.id=p\n");
        Files.createDirectories(expanded);
        ExpandedZips.stamp(dir);
        ExpandedZips.removeStale(dir);
        assertTrue(Files.isDirectory(expanded), "unchanged zip keeps its expansion");
        zip(zip, "plugin.id=p\nplugin.version=2\n");
        ExpandedZips.removeStale(dir);
        assertFalse(Files.exists(expanded), "changed zip (same old mtime) must be re-expanded");
    }

    @Test
    void anUnstampedExpansionIsRefreshed(@TempDir Path dir) throws Exception {
        zip(dir.resolve("q.zip"), "x");
        Files.createDirectories(dir.resolve("q"));
        ExpandedZips.removeStale(dir);
        assertFalse(Files.exists(dir.resolve("q")));
    }
}
