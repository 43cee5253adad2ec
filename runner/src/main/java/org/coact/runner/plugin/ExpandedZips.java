package org.coact.runner.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Finds the plugins of a plugins directory and expands its zips, so that PF4J is only ever
 * handed directories (and jars) that are complete and checked. A zip {@code name.zip} is
 * expanded by {@link PluginZip} into a hidden directory {@code .coact-expanding-<pid>-name.zip}
 * beside it, stamped with the zip's fingerprint (entry names, CRCs and sizes, read from the
 * central directory without inflating anything), and only then renamed to {@code name/}: a
 * refused or interrupted expansion never leaves a {@code name/} to be loaded later. An
 * expanded directory whose stamp does not match its zip (or that has none, as PF4J's own
 * expansions) is removed and expanded afresh, so a replaced zip with an older timestamp is not
 * ignored; a stamped directory whose zip is gone is removed; the hidden directories of
 * expansions whose process has died are removed. Hidden entries are never plugins.
 */
final class ExpandedZips {

    static final String STAMP = ".coact-zip-stamp";
    static final String EXPANDING = ".coact-expanding-";

    /**
     * One plugin to load.
     *
     * @param source what the user put in the plugins directory (a zip, a directory, a jar), for messages
     * @param load what PF4J loads (the zip's expanded directory, else the source itself)
     */
    record Candidate(Path source, Path load) {
    }

    private ExpandedZips() {
    }

    /**
     * @param dir the plugins directory
     * @param warnings receives one line per zip that is refused or cannot be expanded
     * @return the plugins to load, zips first, each sorted by name
     * @throws IOException if the directory cannot be listed
     */
    static List<Candidate> prepare(Path dir, List<String> warnings) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        removeDeadExpansions(entries);
        List<Candidate> candidates = new ArrayList<>();
        List<Path> fromZips = new ArrayList<>();
        for (Path p : entries) {
            if (!hidden(p) && isZip(p)) {
                fromZips.add(expandedDir(p));
                try {
                    candidates.add(new Candidate(p, expand(p)));
                } catch (PluginZip.Refused e) {
                    warnings.add("plugin " + p + " skipped: " + e.getMessage());
                } catch (IOException e) {
                    warnings.add("plugin " + p + " skipped: it cannot be expanded into " + dir + " ("
                            + PluginZip.firstLine(String.valueOf(e)) + ")");
                }
            }
        }
        for (Path p : entries) {
            if (hidden(p) || fromZips.contains(p)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                if (Files.isRegularFile(p.resolve(STAMP))) {
                    deleteQuietly(p); // expanded from a zip that has been removed
                } else {
                    candidates.add(new Candidate(p, p));
                }
            } else if (p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)) {
                candidates.add(new Candidate(p, p));
            }
        }
        return candidates;
    }

    /** @return the zip's expanded directory, expanding it first unless its stamp matches */
    static Path expand(Path zip) throws PluginZip.Refused, IOException {
        Path target = expandedDir(zip);
        String fingerprint = fingerprint(zip);
        if (Files.isDirectory(target)) {
            if (stampMatches(target, fingerprint)) {
                return target;
            }
            deleteTree(target);
        }
        Path staging = zip.resolveSibling(EXPANDING + ProcessHandle.current().pid() + "-" + zip.getFileName());
        if (Files.exists(staging)) {
            deleteTree(staging);
        }
        Files.createDirectory(staging);
        try {
            PluginZip.expand(zip, staging);
            Files.writeString(staging.resolve(STAMP), fingerprint);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!stampMatches(target, fingerprint)) { // another run did not expand the same zip meanwhile
                    throw e;
                }
            }
            return target;
        } finally {
            if (Files.exists(staging)) {
                deleteQuietly(staging);
            }
        }
    }

    private static boolean stampMatches(Path expanded, String fingerprint) throws IOException {
        Path stamp = expanded.resolve(STAMP);
        return Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint);
    }

    /** Removes {@code .coact-expanding-<pid>-*} directories whose process is gone. */
    private static void removeDeadExpansions(List<Path> entries) {
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(EXPANDING) && Files.isDirectory(p)) {
                String rest = name.substring(EXPANDING.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        deleteQuietly(p);
                    }
                } catch (NumberFormatException e) {
                    deleteQuietly(p);
                }
            }
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean isZip(Path p) {
        return p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p);
    }

    static Path expandedDir(Path zip) {
        String name = zip.getFileName().toString();
        return zip.resolveSibling(name.substring(0, name.length() - ".zip".length()));
    }

    /**
     * @param zip a plugin zip
     * @return its size and a digest of its central directory
     * @throws PluginZip.Refused if it is no readable zip
     */
    static String fingerprint(Path zip) throws PluginZip.Refused {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                digest.update((e.getName() + "\0" + e.getCrc() + "\0" + e.getSize() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return Files.size(zip) + ":" + HexFormat.of().formatHex(digest.digest());
        } catch (IOException | RuntimeException e) {
            throw new PluginZip.Refused("not a readable zip archive (" + PluginZip.firstLine(e.getMessage()) + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // left for the next run; hidden or stamped, so never loaded
        }
    }
}
