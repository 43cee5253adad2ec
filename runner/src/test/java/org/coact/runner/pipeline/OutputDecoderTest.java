package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.coact.analysis.Prediction;
import org.coact.api.CoactException;
import org.coact.api.FloatTensor;
import org.coact.api.format.DType;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.TensorSpec;
import org.junit.jupiter.api.Test;

/** Decodings on hand-made outputs (METHOD.md 1). */
class OutputDecoderTest {

    private static final Path M = Path.of("m.onnx");
    private static final long[] LABELS = {0, 1, 2};
    private static final Prediction AUTO = new Prediction(Prediction.Decode.AUTO, "auto");

    private static OutputDecoder choose(long[] shape, List<LayerInfo> layers, Prediction p) throws CoactException {
        return OutputDecoder.choose(M, new TensorSpec("out", DType.FLOAT32, shape), layers, p, LABELS);
    }

    private static LayerInfo outputLayer(String op, long... shape) {
        return new LayerInfo("/head/" + op, op, shape, -1, Set.of(LayerRole.MODEL_OUTPUT));
    }

    @Test
    void argmaxTakesTheFirstMaximum() throws Exception {
        OutputDecoder d = choose(new long[] {-1, 3}, List.of(), AUTO);
        assertEquals("argmax", d.decoding().kind());
        assertEquals(3, d.classes());
        int[] p = d.decode(new FloatTensor(new long[] {3, 3}, new float[] {1, 5, 5, 7, 2, 1, 0, 0, 0}), 3);
        assertArrayEquals(new int[] {1, 0, 0}, p);
    }

    @Test
    void aFreeClassAxisTakesKFromTheLabels() throws Exception {
        OutputDecoder d = choose(new long[] {-1, -1}, List.of(), AUTO);
        assertEquals(3, d.classes());
        assertTrue(d.decoding().reason().contains("largest label + 1 = 3"));
    }

    @Test
    void oneUnitIsABinaryHeadCutAtHalfAfterASigmoidAndAtZeroOtherwise() throws Exception {
        float[] scores = {0.5f, 0.50001f, -0.1f, 0.2f};
        OutputDecoder sig = choose(new long[] {-1, 1}, List.of(outputLayer("Sigmoid", -1, 1)), AUTO);
        assertEquals(2, sig.classes());
        assertEquals(0.5, sig.decoding().threshold());
        assertArrayEquals(new int[] {0, 1, 0, 0}, sig.decode(new FloatTensor(new long[] {4, 1}, scores), 4));
        OutputDecoder logit = choose(new long[] {-1}, List.of(outputLayer("Gemm", -1)), AUTO);
        assertEquals(0.0, logit.decoding().threshold());
        assertArrayEquals(new int[] {1, 1, 0, 1}, logit.decode(new FloatTensor(new long[] {4}, scores), 4));
        OutputDecoder set = choose(new long[] {-1, 1}, List.of(outputLayer("Sigmoid", -1, 1)),
                new Prediction(Prediction.Decode.AUTO, "0.3"));
        assertArrayEquals(new int[] {1, 1, 0, 0}, set.decode(new FloatTensor(new long[] {4, 1}, scores), 4));
        assertEquals("prediction.threshold 0.3", set.decoding().reason());
    }

    @Test
    void pooledAveragesTheMiddleAxesThenTakesTheArgmax() throws Exception {
        OutputDecoder d = choose(new long[] {-1, 2, 3}, List.of(), new Prediction(Prediction.Decode.POOLED, "auto"));
        // sample 0: steps (0, 3, 0) and (4, 0, 0): means (2, 1.5, 0) -> 0; sample 1: (0,0,1),(0,0,1) -> 2
        float[] v = {0, 3, 0, 4, 0, 0, 0, 0, 1, 0, 0, 1};
        assertArrayEquals(new int[] {0, 2}, d.decode(new FloatTensor(new long[] {2, 2, 3}, v), 2));
    }

    @Test
    void perStepOutputsAndMismatchedDecodingsAreRefused() {
        String perStep = assertThrows(CoactException.class, () -> choose(new long[] {-1, 32, 7}, List.of(), AUTO))
                .getMessage();
        assertTrue(perStep.contains("has shape [-1, 32, 7], not one score vector per sample"), perStep);
        String argmax = assertThrows(CoactException.class, () -> choose(new long[] {-1, 1}, List.of(),
                new Prediction(Prediction.Decode.ARGMAX, "auto"))).getMessage();
        assertTrue(argmax.contains("has one unit, so argmax always says class 0"), argmax);
        String binary = assertThrows(CoactException.class, () -> choose(new long[] {-1, 10}, List.of(),
                new Prediction(Prediction.Decode.BINARY, "auto"))).getMessage();
        assertTrue(binary.contains("not one score per sample"), binary);
        assertThrows(IllegalArgumentException.class, () -> new Prediction(Prediction.Decode.AUTO, "high"));
    }

    @Test
    void anOutputThatChangesShapeAfterTheFirstSampleIsAnError() throws Exception {
        OutputDecoder d = choose(new long[] {-1, 3}, List.of(), AUTO);
        String m = assertThrows(CoactException.class, () -> d.decode(new FloatTensor(new long[] {2, 4}, new float[8]), 2))
                .getMessage();
        assertTrue(m.contains("gives 4 scores per sample, but the labels need 3 classes"), m);
    }
}
