package org.coact.runner.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The numpy-made fixtures of src/test/resources/npy (see make_npy_fixtures.py there), and
 * .npy bytes built in Java for cases numpy files cannot cover cheaply.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** @return the path of fixture {@code name} */
    static Path npy(String name) {
        try {
            var url = Fixtures.class.getResource("/npy/" + name);
            if (url == null) {
                throw new IllegalStateException("missing fixture " + name + "; run make_npy_fixtures.py");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A version 1.0 .npy header as numpy writes it: padded with spaces and a newline so
     * the data starts at a multiple of 64.
     */
    static byte[] header(String descr, long... shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + dims + "), }");
        while ((10 + dict.length() + 1) % 64 != 0) {
            dict.append(' ');
        }
        dict.append('\n');
        return rawHeader(1, dict.toString());
    }

    /** Magic, version {@code major}.0, length and the given dict text, unpadded. */
    static byte[] rawHeader(int major, String dict) {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) text.length);
        } else {
            len.putInt(text.length);
        }
        out.writeBytes(len.array());
        out.writeBytes(text);
        return out.toByteArray();
    }

    /** A whole little-endian float32 .npy of the given shape and values. */
    static byte[] float32Npy(float[] values, long... shape) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header("<f4", shape));
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** Writes {@code bytes} to {@code file}. */
    static Path write(Path file, byte[] bytes) throws IOException {
        return java.nio.file.Files.write(file, bytes);
    }
}
