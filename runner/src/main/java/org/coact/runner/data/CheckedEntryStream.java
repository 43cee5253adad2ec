package org.coact.runner.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * One .npz member's bytes with their CRC-32 checked, as numpy checks it: every byte read or
 * skipped (skipping reads through, so nothing escapes the sum) updates the checksum, and the
 * stream that reaches the member's end compares it with the one the archive's central directory
 * records. A mismatch is a {@link ChecksumMismatch} naming the archive and the member.
 * {@link java.util.zip.ZipFile} itself checks nothing, so without this a corrupt stored member
 * is read as if it were intact.
 */
final class CheckedEntryStream extends FilterInputStream {

    /** A member whose bytes do not match its recorded CRC-32. */
    static final class ChecksumMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        ChecksumMismatch(String message) {
            super(message);
        }
    }

    private final String where;
    private final long size;
    private final long expected;
    private final CRC32 crc = new CRC32();
    private final byte[] skipBuffer = new byte[8192];
    private long consumed;
    private boolean checked;

    /**
     * @param in the member's (inflated) bytes
     * @param where e.g. {@code member 'x.npy' of data.npz}, for the message
     * @param size the member's uncompressed size
     * @param expected its recorded CRC-32, or -1 if unknown (then nothing is checked)
     */
    CheckedEntryStream(InputStream in, String where, long size, long expected) {
        super(in);
        this.where = where;
        this.size = size;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            crc.update(b);
            consumed++;
        }
        check(b < 0);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            crc.update(b, off, n);
            consumed += n;
        }
        check(n < 0);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int got = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    /**
     * Reads what is left of the member, so that its checksum is compared even when the array
     * data ends before the member does.
     *
     * @throws IOException if the member cannot be read or its checksum does not match
     */
    void verifyToEnd() throws IOException {
        while (!checked && read(skipBuffer, 0, skipBuffer.length) >= 0) {
            // reading updates and, at the end, compares the checksum
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(boolean atEnd) throws ChecksumMismatch {
        if (checked || expected < 0 || (!atEnd && consumed < size)) {
            return;
        }
        checked = true;
        if (crc.getValue() != expected) {
            throw new ChecksumMismatch(where + " fails its CRC-32 check (recorded " + String.format("%08x", expected)
                    + ", computed " + String.format("%08x", crc.getValue()) + "): the archive is corrupt; "
                    + "write it again (numpy refuses it too)");
        }
    }
}
