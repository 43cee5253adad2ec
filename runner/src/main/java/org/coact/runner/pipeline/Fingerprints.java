package org.coact.runner.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.coact.api.CoactException;
import org.coact.runner.data.Hashing;

/**
 * SHA-256 fingerprints of inputs, for the report's provenance. Remembers each file's hash with
 * its size and modification time, so a series (evolve) hashes its shared dataset once, not once
 * per checkpoint. Thread-safe (one hash at a time); one per pipeline, or one per JVM for the
 * shard tasks of a distributed run ({@link ShardJob#open}).
 */
public final class Fingerprints {

    private record Known(long size, FileTime modified, String sha256) {
    }

    private final Map<Path, Known> known = new HashMap<>();

    /** An empty cache. */
    public Fingerprints() {
    }

    /**
     * @param path a file, or a directory (e.g. a SavedModel)
     * @return the file's SHA-256; for a directory, the SHA-256 of "relative path NUL file hash
     *     NL" over its regular files in path order
     * @throws CoactException naming the path if it cannot be read
     */
    public synchronized String sha256(Path path) throws CoactException {
        try {
            if (!Files.isDirectory(path)) {
                return fileSha256(path);
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String line = path.relativize(f).toString().replace('\\', '/') + "\0" + fileSha256(f) + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new CoactException("cannot read " + path + " to fingerprint it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private String fileSha256(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        long size = Files.size(key);
        FileTime modified = Files.getLastModifiedTime(key);
        Known k = known.get(key);
        if (k == null || k.size() != size || !k.modified().equals(modified)) {
            k = new Known(size, modified, Hashing.sha256(key));
            known.put(key, k);
        }
        return k.sha256();
    }
}
