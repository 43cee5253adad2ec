package org.coact.plugin.dl4j;

import org.coact.api.FloatTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between Coact's row-major float32 tensors and ND4J arrays. Engine calls. */
final class Tensors {

    private Tensors() {
    }

    /** @return a new C-order float32 array holding a copy of the tensor */
    static INDArray toNd4j(FloatTensor t) {
        return Nd4j.create(t.data().clone(), t.shape(), 'c');
    }

    /** @return the array's values as float32 in C order, same shape */
    static FloatTensor toFloat(INDArray a) {
        INDArray c = a.castTo(DataType.FLOAT).dup('c');
        return new FloatTensor(c.shape(), c.data().asFloat());
    }
}
