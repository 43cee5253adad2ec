package org.coact.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Task results as Java-serialized bytes. Spark moves a {@code byte[]} with any
 * {@code spark.serializer} (Kryo included, which cannot rebuild the immutable lists inside the
 * statistics), so the statistics and histograms cross as blobs whatever the cluster's setting.
 * Classes resolve through the loader that loaded Coact (the job jar's).
 */
final class Blobs {

    private Blobs() {
    }

    /** @param value a Serializable value @return its bytes */
    static byte[] write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes as {@link #write} made them
     * @param type the value's type
     * @param <T> the type
     * @return the value
     */
    static <T> T read(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new LoaderStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a " + type.getName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class missing while reading a " + type.getName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static final class LoaderStream extends ObjectInputStream {
        LoaderStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, Blobs.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
