package org.coact.plugin.tensorflow;

import org.coact.api.CoactException;
import org.coact.api.FloatTensor;
import org.coact.api.format.DType;
import org.tensorflow.RawTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Conversions between Coact's float32 tensors, TensorFlow tensors and TensorProtos. */
final class Tensors {

    private Tensors() {
    }

    /**
     * @param t the data
     * @param dtype the signature input's type, DT_FLOAT or DT_DOUBLE
     * @return a new tensor the caller closes
     */
    static Tensor toTf(FloatTensor t, DataType dtype) {
        Shape shape = Shape.of(t.shape());
        float[] data = t.data();
        if (dtype == DataType.DT_DOUBLE) {
            double[] d = new double[data.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = data[i];
            }
            return TFloat64.tensorOf(shape, DataBuffers.of(d, true, false));
        }
        return TFloat32.tensorOf(shape, DataBuffers.of(data, true, false));
    }

    /**
     * @param t a fetched tensor
     * @param what its name, for messages
     * @return its values as float32
     * @throws CoactException if the tensor is not numeric
     */
    static FloatTensor toFloat(Tensor t, String what) throws CoactException {
        RawTensor raw = t.asRawTensor();
        long[] shape = t.shape().asArray();
        ByteDataBuffer b = raw.data();
        int n = Math.toIntExact(t.shape().size());
        float[] out = new float[n];
        switch (raw.dataType()) {
            case DT_FLOAT -> b.asFloats().read(out);
            case DT_DOUBLE -> {
                var d = b.asDoubles();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) d.getDouble(i);
                }
            }
            case DT_INT32 -> {
                var d = b.asInts();
                for (int i = 0; i < n; i++) {
                    out[i] = d.getInt(i);
                }
            }
            case DT_INT64 -> {
                var d = b.asLongs();
                for (int i = 0; i < n; i++) {
                    out[i] = d.getLong(i);
                }
            }
            default -> throw new CoactException("'" + what + "' has element type " + raw.dataType()
                    + ", which cannot be read as float32");
        }
        return new FloatTensor(shape, out);
    }

    /**
     * @param t a fetched tensor
     * @return it as a TensorProto (raw little-endian content)
     */
    static TensorProto toProto(Tensor t) {
        RawTensor raw = t.asRawTensor();
        byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
        raw.data().read(bytes);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : t.shape().asArray()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(raw.dataType()).setTensorShape(shape)
                .setTensorContent(com.google.protobuf.ByteString.copyFrom(bytes)).build();
    }

    /**
     * @param t a TensorFlow element type
     * @return Coact's name for it
     */
    static DType dtype(DataType t) {
        return switch (t) {
            case DT_FLOAT -> DType.FLOAT32;
            case DT_DOUBLE -> DType.FLOAT64;
            case DT_HALF, DT_BFLOAT16 -> DType.FLOAT16;
            case DT_INT64 -> DType.INT64;
            case DT_INT32 -> DType.INT32;
            case DT_UINT8 -> DType.UINT8;
            case DT_BOOL -> DType.BOOL;
            default -> DType.OTHER;
        };
    }

    /**
     * @param shape a TensorShapeProto
     * @return its dimensions, -1 where unknown; {@code [-1]} for an unknown rank
     */
    static long[] dims(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return new long[] {-1};
        }
        long[] d = new long[shape.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = shape.getDim(i).getSize() < 0 ? -1 : shape.getDim(i).getSize();
        }
        return d;
    }

    /**
     * @param shape a static shape from the graph
     * @return its dimensions, -1 where unknown; {@code [-1]} for an unknown rank
     */
    static long[] dims(Shape shape) {
        if (shape.isUnknown()) {
            return new long[] {-1};
        }
        long[] d = shape.asArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] < 0 ? -1 : d[i];
        }
        return d;
    }

    /**
     * @param shape a shape with the batch axis first
     * @return values per sample
     */
    static int perSample(long[] shape) {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return Math.toIntExact(n);
    }
}
