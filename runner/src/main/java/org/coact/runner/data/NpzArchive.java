package org.coact.runner.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.coact.api.DataException;

/**
 * An .npz archive: a zip of {@code <name>.npy} entries, stored ({@code np.savez}) or
 * deflated ({@code np.savez_compressed}), ZIP64 included. Every array can be opened as its
 * own stream ({@link ZipFile#getInputStream} per entry), so several arrays are read in
 * lockstep without unpacking anything to memory or disk. Entries not ending in
 * {@code .npy} are ignored. Each member's CRC-32 is checked when a reader reaches its end
 * ({@link CheckedEntryStream}), as numpy checks it: a corrupt member is a data error naming the
 * archive and the member, never silently different figures.
 *
 * <p>Opening reads every entry's header (a few hundred bytes each). Thread-safe for
 * opening readers; each reader is for one thread.
 */
public final class NpzArchive implements AutoCloseable {
    private final Path file;
    private final String location;
    private final ZipFile zip;
    private final Map<String, ArrayRef> arrays;
    private final Map<String, ArrayRef.Opener> openers;

    private NpzArchive(Path file, String location, ZipFile zip, Map<String, ArrayRef> arrays,
            Map<String, ArrayRef.Opener> openers) {
        this.file = file;
        this.location = location;
        this.zip = zip;
        this.arrays = arrays;
        this.openers = openers;
    }

    /**
     * Opens an archive and reads the header of every array in it.
     *
     * @param file an existing .npz
     * @return the open archive; close it to release the file
     * @throws DataException if it is not a zip, or an array header is bad or truncated
     */
    public static NpzArchive open(Path file) throws DataException {
        return open(file, file.toString());
    }

    /**
     * Opens an archive that messages name otherwise (a local copy of a file elsewhere).
     *
     * @param file an existing .npz
     * @param location the archive as messages name it
     * @return the open archive; close it to release the file
     * @throws DataException if it is not a zip, or an array header is bad or truncated
     */
    public static NpzArchive open(Path file, String location) throws DataException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new DataException(location + " is not a readable .npz (zip) archive: " + e.getMessage(), e);
        }
        try {
            Map<String, ArrayRef> arrays = new LinkedHashMap<>();
            Map<String, ArrayRef.Opener> openers = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory() && e.getName().endsWith(".npy")) {
                    String name = e.getName().substring(0, e.getName().length() - 4);
                    String where = "array '" + name + "' in " + location;
                    String member = "member '" + e.getName() + "' of " + location;
                    ArrayRef.Opener opener = () -> new CheckedEntryStream(zip.getInputStream(e), member, e.getSize(),
                            e.getCrc());
                    arrays.put(name, ArrayRef.npy(name, location, where, e.getSize(), opener));
                    openers.put(name, opener);
                }
            }
            return new NpzArchive(file, location, zip, Collections.unmodifiableMap(arrays), openers);
        } catch (DataException | RuntimeException e) {
            try {
                zip.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** @return the archive's path */
    public Path file() {
        return file;
    }

    /** @return the array names, in archive order */
    public List<String> arrays() {
        return new ArrayList<>(arrays.keySet());
    }

    /**
     * @param array an array name from {@link #arrays()}
     * @return its header
     * @throws DataException if there is no such array
     */
    public NpyHeader header(String array) throws DataException {
        return ref(array).header();
    }

    /**
     * Opens one array as a stream of its own.
     *
     * @param array an array name from {@link #arrays()}
     * @param scale factor for integer elements, see {@link NpyReader}
     * @return a new reader at sample 0; the caller closes it (before closing the archive)
     * @throws DataException if there is no such array or it cannot be opened
     */
    public NpyReader reader(String array, float scale) throws DataException {
        return ArrayRef.openNpy(openers.get(array), ref(array).where(), scale);
    }

    /** The array's handle, for {@link Dataset}. */
    ArrayRef ref(String array) throws DataException {
        ArrayRef r = arrays.get(array);
        if (r == null) {
            throw new DataException(location + " has no array '" + array + "'; arrays present: " + arrays.keySet());
        }
        return r;
    }

    /** Closes the zip file; readers still open fail from then on. */
    @Override
    public void close() throws DataException {
        try {
            zip.close();
        } catch (IOException e) {
            throw new DataException("cannot close " + location + ": " + e.getMessage(), e);
        }
    }
}
