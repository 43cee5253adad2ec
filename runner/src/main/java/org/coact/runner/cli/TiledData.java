package org.coact.runner.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coact.api.DataException;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;

/**
 * For {@code coact bench}: a dataset's {@code x} and {@code y} repeated to a given number of
 * samples, as an uncompressed {@code .npz} (numpy format 1.0 headers), streamed so that only the
 * source is held in memory.
 */
final class TiledData {

    private TiledData() {
    }

    /**
     * @param source an .npz with float32 {@code x} [n, ...] and integer {@code y} [n]
     * @param samples rows to write
     * @param target the file to write
     * @return the target
     */
    static Path write(Path source, int samples, Path target) throws IOException, DataException {
        float[] x;
        long[] y;
        long[] shape;
        try (NpzArchive npz = NpzArchive.open(source); NpyReader xs = npz.reader("x", 1f);
                NpyReader ys = npz.reader("y", 1f)) {
            shape = xs.header().shape();
            x = xs.readFloats((int) xs.header().rows());
            y = ys.readLongs((int) ys.header().rows());
        }
        int n = y.length;
        int per = x.length / n;
        long[] tiledShape = shape.clone();
        tiledShape[0] = samples;
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.setLevel(0);
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(header("<f4", tiledShape));
            ByteBuffer row = ByteBuffer.allocate(per * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < samples; i++) {
                row.clear();
                row.asFloatBuffer().put(x, (i % n) * per, per);
                zip.write(row.array());
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("y.npy"));
            zip.write(header("<i8", new long[] {samples}));
            ByteBuffer label = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < samples; i++) {
                label.clear();
                label.putLong(y[i % n]);
                zip.write(label.array());
            }
            zip.closeEntry();
        }
        return target;
    }

    private static byte[] header(String descr, long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String s = dims.toString();
        if (shape.length > 1) {
            s = s.substring(0, s.length() - 2);
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + s.strip() + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
