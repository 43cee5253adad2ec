package org.coact.plugin.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import org.coact.api.CoactException;
import org.coact.api.FloatTensor;
import org.coact.api.DataException;
import org.coact.api.format.DType;
import org.coact.api.format.TensorSpec;

/**
 * Conversions between Coact's float32 {@link FloatTensor}s and ONNX Runtime tensors: inputs go
 * in as the dtype the model declares (float32; float64, int64, int32, uint8 and bool
 * converted), outputs of any numeric type come back as float32.
 */
final class Tensors {

    private Tensors() {
    }

    /**
     * Converts a batch to the element type the model input declares. Integer and boolean inputs
     * (token ids, masks, sample rates) arrive as float32, which holds every whole number up to
     * 2^24 exactly; each value must be a whole number below 2^24 in magnitude and in the type's
     * range (booleans: 0 or 1).
     *
     * @param env the environment
     * @param t the data
     * @param spec the model input: its name (for messages) and declared type
     * @return a new tensor the caller closes
     * @throws OrtException if ONNX Runtime cannot allocate it
     * @throws DataException if a value does not fit an integer or boolean input
     */
    static OnnxTensor toOnnx(OrtEnvironment env, FloatTensor t, TensorSpec spec) throws OrtException, DataException {
        float[] data = t.data();
        long[] shape = t.shape();
        switch (spec.dtype()) {
            case FLOAT32 -> {
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
            }
            case FLOAT64 -> {
                double[] d = new double[data.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = data[i];
                }
                return OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), shape);
            }
            case INT64 -> {
                long[] v = new long[data.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = whole(data, i, -MAX_EXACT, MAX_EXACT, spec);
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            }
            case INT32 -> {
                int[] v = new int[data.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) whole(data, i, -MAX_EXACT, MAX_EXACT, spec);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(v), shape);
            }
            case UINT8, BOOL -> {
                byte[] v = new byte[data.length];
                long max = spec.dtype() == DType.BOOL ? 1 : 255;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (byte) whole(data, i, 0, max, spec);
                }
                return OnnxTensor.createTensor(env, ByteBuffer.wrap(v), shape,
                        spec.dtype() == DType.BOOL ? OnnxJavaType.BOOL : OnnxJavaType.UINT8);
            }
            default -> throw new DataException("input '" + spec.name() + "' has element type " + spec.dtype()
                    + ", which Coact cannot feed; it feeds float, integer and boolean inputs");
        }
    }

    /**
     * The largest whole number accepted for an integer input: float32 holds every whole number
     * up to 2^24 exactly, but 2^24 + 1 also reads as 2^24, so 2^24 itself is refused.
     */
    static final long MAX_EXACT = (1L << 24) - 1;

    private static long whole(float[] data, int i, long min, long max, TensorSpec spec) throws DataException {
        float v = data[i];
        if (v != Math.rint(v) || v < min || v > max) {
            throw new DataException("input '" + spec.name() + "' takes " + spec.dtype().name().toLowerCase(java.util.Locale.ROOT)
                    + " values in " + min + ".." + max + ", but element " + i + " of the batch is " + v
                    + (Float.isNaN(v) || v == Math.rint(v) ? "" : " (not a whole number)")
                    + "; feed it from an integer or boolean array");
        }
        return (long) v;
    }


    /**
     * @param value an ONNX Runtime output
     * @param what the value's name, for messages
     * @return its values as float32, same shape
     * @throws CoactException if the value is not a numeric tensor
     */
    static FloatTensor toFloat(OnnxValue value, String what) throws CoactException {
        if (!(value instanceof OnnxTensor t)) {
            throw new CoactException("output '" + what + "' is a " + value.getType() + ", not a tensor");
        }
        TensorInfo info = t.getInfo();
        long[] shape = info.getShape();
        float[] out;
        switch (info.type) {
            case FLOAT, FLOAT16, BFLOAT16 -> {
                // getFloatBuffer already copies the native values into a fresh heap buffer: take its
                // array rather than copying a second time (the conv maps of a batch are megabytes)
                FloatBuffer b = t.getFloatBuffer();
                if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.array().length == b.remaining()) {
                    out = b.array();
                } else {
                    out = new float[b.remaining()];
                    b.get(out);
                }
            }
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) b.get(i);
                }
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT8, UINT8, BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                out = new float[b.remaining()];
                boolean unsigned = info.type != OnnxJavaType.INT8;
                for (int i = 0; i < out.length; i++) {
                    out[i] = unsigned ? Byte.toUnsignedInt(b.get(i)) : b.get(i);
                }
            }
            default -> throw new CoactException("output '" + what + "' has element type " + info.type
                    + ", which cannot be read as float32");
        }
        return new FloatTensor(shape, out);
    }

    /**
     * Takes samples {@code [from, to)} of a batch.
     *
     * @param t a tensor with the batch axis first
     * @param from first sample
     * @param to one past the last sample
     * @return the slice, batch axis {@code to - from}
     */
    static FloatTensor slice(FloatTensor t, int from, int to) {
        long[] shape = t.shape();
        int per = perSample(shape);
        shape[0] = to - from;
        return new FloatTensor(shape, Arrays.copyOfRange(t.data(), from * per, to * per));
    }

    /**
     * Stacks single-sample results along the batch axis: parts of shape {@code [1, ...]} give
     * {@code [n, ...]}; parts without a leading 1 are stacked as {@code [n, shape...]}.
     *
     * @param parts one tensor per sample, all of the same shape
     * @return the stacked tensor
     */
    static FloatTensor stack(List<FloatTensor> parts) {
        long[] first = parts.get(0).shape();
        long[] shape;
        if (first.length > 0 && first[0] == 1) {
            shape = first.clone();
            shape[0] = parts.size();
        } else {
            shape = new long[first.length + 1];
            shape[0] = parts.size();
            System.arraycopy(first, 0, shape, 1, first.length);
        }
        int per = parts.get(0).data().length;
        float[] data = new float[Math.multiplyExact(per, parts.size())];
        for (int i = 0; i < parts.size(); i++) {
            float[] p = parts.get(i).data();
            if (p.length != per) {
                throw new IllegalStateException("sample " + i + " gave " + Arrays.toString(parts.get(i).shape())
                        + " but sample 0 gave " + Arrays.toString(first));
            }
            System.arraycopy(p, 0, data, i * per, per);
        }
        return new FloatTensor(shape, data);
    }

    /**
     * @param shape a shape with the batch axis first
     * @return the number of values per sample
     */
    static int perSample(long[] shape) {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return Math.toIntExact(n);
    }
}
