package org.coact.runner.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Expands a plugin zip from a stranger, refusing it before anything is written when an entry
 * would land outside the target directory (a {@code ..} segment, an absolute or drive path, a
 * backslash), is a symbolic link or another special file, is listed twice, or the archive is
 * too large: more than {@value #MAX_ENTRIES} entries, more than {@link #MAX_BYTES} bytes
 * (1 GiB) expanded in all, or an entry over 1 MiB that expands more than {@value #MAX_RATIO}
 * times its compressed size (jars are stored, text compresses about 10 times; zip bombs a
 * thousand). The central directory's declared sizes are checked first and the bytes actually
 * inflated are counted while writing, so a zip that lies about its sizes is refused too, as is
 * an entry whose CRC-32 does not match. Entries are written below the target only, which the
 * caller creates empty and discards on failure.
 */
final class PluginZip {

    /** Most entries a plugin zip may hold. */
    static final int MAX_ENTRIES = 10_000;
    /** Most bytes a plugin zip may expand to (the TensorFlow plugin, the largest, is 171 MB). */
    static final long MAX_BYTES = 1L << 30;
    /** Largest expansion ratio of an entry over {@link #RATIO_FLOOR} bytes. */
    static final long MAX_RATIO = 100;
    /** Entries up to this size may compress any amount. */
    static final long RATIO_FLOOR = 1L << 20;

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;

    /** A plugin zip that must not be expanded; the message says why, without the file name. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private PluginZip() {
    }

    /**
     * Checks a zip and expands it into {@code target}.
     *
     * @param zip the plugin zip
     * @param target an empty directory
     * @throws Refused if the zip is unreadable, unsafe or too large; {@code target} may then
     *     hold part of it (only below itself)
     * @throws IOException if writing fails
     */
    static void expand(Path zip, Path target) throws Refused, IOException {
        try (ZipFile z = open(zip)) {
            List<ZipArchiveEntry> entries = check(z, target);
            long total = 0;
            for (ZipArchiveEntry e : entries) {
                Path out = target.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                total += copy(z, e, out, MAX_BYTES - total);
            }
        }
    }

    private static ZipFile open(Path zip) throws Refused {
        try {
            return ZipFile.builder().setPath(zip).get();
        } catch (IOException | RuntimeException e) {
            throw new Refused("not a readable zip archive (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** @return the entries, once every one is known to be safe */
    static List<ZipArchiveEntry> check(ZipFile z, Path target) throws Refused {
        List<ZipArchiveEntry> entries = Collections.list(z.getEntries());
        if (entries.size() > MAX_ENTRIES) {
            throw new Refused("it holds " + entries.size() + " entries; at most " + MAX_ENTRIES + " are accepted");
        }
        Set<String> seen = new HashSet<>();
        long declared = 0;
        Path root = target.toAbsolutePath().normalize();
        for (ZipArchiveEntry e : entries) {
            String name = e.getName();
            checkName(name, root);
            if (!seen.add(root.resolve(name).normalize().toString())) {
                throw new Refused("entry '" + printable(name) + "' is listed twice");
            }
            int type = e.getUnixMode() & TYPE_MASK;
            if (e.isUnixSymlink()) {
                throw new Refused("entry '" + printable(name) + "' is a symbolic link");
            }
            if (e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && type != 0 && type != REGULAR && type != DIRECTORY) {
                throw new Refused("entry '" + printable(name) + "' is a special file (mode "
                        + Integer.toOctalString(e.getUnixMode()) + ")");
            }
            if (!z.canReadEntryData(e)) {
                throw new Refused("entry '" + printable(name) + "' is encrypted or uses an unsupported compression method");
            }
            long size = e.getSize();
            if (size < 0 || size > MAX_BYTES - declared) {
                throw new Refused("it expands to more than " + MAX_BYTES + " bytes, the most accepted");
            }
            declared += size;
            long compressed = Math.max(1, e.getCompressedSize());
            if (size > RATIO_FLOOR && size / compressed > MAX_RATIO) {
                throw new Refused("entry '" + printable(name) + "' expands " + size / compressed
                        + " times (" + compressed + " to " + size + " bytes); at most " + MAX_RATIO + " is accepted");
            }
        }
        return new ArrayList<>(entries);
    }

    private static void checkName(String name, Path root) throws Refused {
        String shown = printable(name);
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new Refused("an entry has an empty or NUL-bearing name");
        }
        if (name.startsWith("/") || name.matches("(?s)^[A-Za-z]:.*")) {
            throw new Refused("entry '" + shown + "' has an absolute path");
        }
        if (name.indexOf('\\') >= 0) {
            throw new Refused("entry '" + shown + "' has a backslash in its path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new Refused("entry '" + shown + "' would be written outside the plugin directory");
            }
        }
        if (!root.resolve(name).normalize().startsWith(root)) {
            throw new Refused("entry '" + shown + "' would be written outside the plugin directory");
        }
    }

    /** Copies one entry, counting what is inflated; @return its size. */
    private static long copy(ZipFile z, ZipArchiveEntry e, Path out, long budget) throws Refused, IOException {
        long limit = Math.min(e.getSize(), budget);
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        long written = 0;
        try (InputStream in = entryStream(z, e); OutputStream os = Files.newOutputStream(out)) {
            int n;
            while ((n = read(in, buffer, e)) >= 0) {
                written += n;
                if (written > limit) {
                    throw new Refused("entry '" + printable(e.getName()) + "' inflates to more than its declared "
                            + e.getSize() + " bytes");
                }
                crc.update(buffer, 0, n);
                os.write(buffer, 0, n);
            }
        }
        if (written != e.getSize()) {
            throw new Refused("entry '" + printable(e.getName()) + "' holds " + written + " bytes, not the declared "
                    + e.getSize());
        }
        if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
            throw new Refused("entry '" + printable(e.getName()) + "' fails its CRC-32 check");
        }
        return written;
    }

    private static InputStream entryStream(ZipFile z, ZipArchiveEntry e) throws Refused {
        try {
            return z.getInputStream(e);
        } catch (IOException | RuntimeException ex) {
            throw unreadable(e, ex);
        }
    }

    private static int read(InputStream in, byte[] buffer, ZipArchiveEntry e) throws Refused {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException ex) {
            throw unreadable(e, ex);
        }
    }

    private static Refused unreadable(ZipArchiveEntry e, Exception ex) {
        return new Refused("entry '" + printable(e.getName()) + "' cannot be read (" + firstLine(ex.getMessage()) + ")",
                ex);
    }

    /** A name as it may be shown on one line: control characters escaped, at most 200 characters. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() < 200 ? sb.toString() : sb + "...";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
