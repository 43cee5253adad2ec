package org.coact.runner.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keeps PF4J's expanded plugin directories in step with their zips. PF4J expands
 * {@code name.zip} into {@code name/} once and re-expands only when the zip's modification time
 * is newer, which reproducible builds (fixed timestamps) and copied files defeat. Each expanded
 * directory therefore gets a stamp of its zip's content (entry names, CRCs and sizes, read from
 * the central directory without inflating anything); a directory whose stamp does not match
 * is removed before loading so PF4J expands the zip afresh.
 */
final class ExpandedZips {

    static final String STAMP = ".coact-zip-stamp";

    private ExpandedZips() {
    }

    /** Removes expanded directories whose zip changed (or that carry no stamp). */
    static void removeStale(Path pluginsDir) throws IOException {
        for (Path zip : zips(pluginsDir)) {
            Path expanded = expandedDir(zip);
            if (Files.isDirectory(expanded)) {
                Path stamp = expanded.resolve(STAMP);
                if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(fingerprint(zip))) {
                    deleteTree(expanded);
                }
            }
        }
    }

    /** Stamps every expanded directory with its zip's fingerprint. */
    static void stamp(Path pluginsDir) throws IOException {
        for (Path zip : zips(pluginsDir)) {
            Path expanded = expandedDir(zip);
            if (Files.isDirectory(expanded)) {
                Files.writeString(expanded.resolve(STAMP), fingerprint(zip));
            }
        }
    }

    private static List<Path> zips(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static Path expandedDir(Path zip) {
        String name = zip.getFileName().toString();
        return zip.resolveSibling(name.substring(0, name.length() - ".zip".length()));
    }

    static String fingerprint(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                digest.update((e.getName() + "\0" + e.getCrc() + "\0" + e.getSize() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return Files.size(zip) + ":" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
