package org.coact.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coact.api.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's readers and layout helpers on arrays small enough to check by hand. */
class KitTest {

    @TempDir
    Path tmp;

    /** An .npy v1 file as numpy writes it: magic, version, header padded so the data is 16-aligned. */
    private static byte[] npy(String descr, String shape, ByteBuffer data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 16 - (10 + dict.length() + 1) % 16;
        String header = dict + " ".repeat(pad % 16) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data.rewind());
        return b.array();
    }

    @Test
    void npzArraysReadBackWithTheirShapesAndTypes() throws Exception {
        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3).putFloat(-4);
        ByteBuffer l = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-1);
        Path npz = tmp.resolve("tiny.npz");
        try (OutputStream out = Files.newOutputStream(npz); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : Map.of("x.npy", npy("<f4", "(2, 2)", f), "y.npy", npy("<i8", "(2,)", l)).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Map<String, Npy> arrays = TestModels.npz(npz);
        assertEquals(new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, -4}), arrays.get("x").tensor());
        assertArrayEquals(new double[] {1, 2, 3, -4}, arrays.get("x").doubles());
        assertArrayEquals(new long[] {7, -1}, arrays.get("y").longs());
        assertArrayEquals(new long[] {2}, arrays.get("y").shape());
    }

    @Test
    void nhwcMovesToNchwAndChannelMeansAreFloat64() {
        // one sample, 1x2 pixels, 2 channels: pixel (0,0) = (1, 10), pixel (0,1) = (2, 20)
        FloatTensor nhwc = new FloatTensor(new long[] {1, 1, 2, 2}, new float[] {1, 10, 2, 20});
        FloatTensor nchw = Activations.toNchw(nhwc, 3);
        assertEquals(new FloatTensor(new long[] {1, 2, 1, 2}, new float[] {1, 2, 10, 20}), nchw);
        assertArrayEquals(new double[] {1.5, 15}, Activations.neuronValues(nhwc, 3));
        assertArrayEquals(new double[] {1.5, 15}, Activations.neuronValues(nchw, 1));
    }

    @Test
    void batchesSliceAndConcatenateBack() {
        FloatTensor t = new FloatTensor(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});
        List<FloatTensor> parts = List.of(Activations.slice(t, 0, 1), Activations.slice(t, 1, 3));
        assertEquals(new FloatTensor(new long[] {2, 2}, new float[] {3, 4, 5, 6}), parts.get(1));
        assertEquals(t, Activations.concatBatches(parts));
        // argmaxes 1 and 0 against y[1..2] = 1, 2: one right
        assertEquals(1, Activations.correct(new FloatTensor(new long[] {2, 3}, new float[] {0, 9, 1, 5, 0, 0}),
                new long[] {-1, 1, 2}, 1));
    }
}
