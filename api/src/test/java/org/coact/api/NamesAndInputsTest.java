package org.coact.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.format.DType;
import org.coact.api.format.Inputs;
import org.coact.api.format.Names;
import org.coact.api.format.TensorSpec;
import org.junit.jupiter.api.Test;

class NamesAndInputsTest {

    @Test
    void suggestsCloseNamesClosestFirst() {
        List<String> layers = List.of("/act1/Relu", "/act2/Relu", "/fc1/Gemm", "/conv1/Conv");
        assertEquals(" (did you mean '/act1/Relu', '/act2/Relu'?)", Names.didYouMean("/act1/relu", layers));
        assertEquals(" (did you mean '/act2/Relu', '/act1/Relu'?)", Names.didYouMean("/act2/Rel", layers));
        assertEquals("", Names.didYouMean("classifier", layers));
        assertEquals(3, Names.distance("kitten", "sitting"));
    }

    @Test
    void feedsAreCheckedByNameShapeAndBatch() throws Exception {
        List<TensorSpec> inputs = List.of(new TensorSpec("image", DType.FLOAT32, new long[] {-1, 784}),
                new TensorSpec("aux", DType.FLOAT32, new long[] {-1, 4}));
        Map<String, FloatTensor> feed = new LinkedHashMap<>();
        feed.put("image", new FloatTensor(new long[] {2, 784}, new float[2 * 784]));
        feed.put("aux", new FloatTensor(new long[] {2, 4}, new float[8]));
        assertEquals(2, Inputs.checkFeed("m.onnx", inputs, feed));

        feed.put("aux", new FloatTensor(new long[] {3, 4}, new float[12]));
        assertEquals("inputs of m.onnx disagree on the batch size: 'aux' has 3, others 2",
                assertThrows(DataException.class, () -> Inputs.checkFeed("m.onnx", inputs, feed)).getMessage());
        feed.put("aux", new FloatTensor(new long[] {2, 5}, new float[10]));
        assertEquals("input 'aux' of m.onnx expects shape [-1, 4] but the data has [2, 5]",
                assertThrows(DataException.class, () -> Inputs.checkFeed("m.onnx", inputs, feed)).getMessage());
        feed.remove("aux");
        assertEquals("input 'aux' of m.onnx is missing; the model takes inputs [image, aux]",
                assertThrows(DataException.class, () -> Inputs.checkFeed("m.onnx", inputs, feed)).getMessage());
        feed.put("extra", new FloatTensor(new long[] {2, 1}, new float[2]));
        assertEquals("model m.onnx has no input 'extra'; its inputs are [image, aux]",
                assertThrows(DataException.class, () -> Inputs.checkFeed("m.onnx", inputs, feed)).getMessage());
    }

    @Test
    void scalarsAndStatesWhoseBatchAxisIsNotFirstAreFedWhole() throws Exception {
        // silero VAD: x [N, 64], sr [] (a sample rate), h [2, N, 16] (a recurrent state)
        List<TensorSpec> inputs = List.of(new TensorSpec("x", DType.FLOAT32, new long[] {-1, 64}),
                new TensorSpec("sr", DType.INT64, new long[0]), new TensorSpec("h", DType.FLOAT32, new long[] {2, -1, 16}));
        Map<String, FloatTensor> feed = new LinkedHashMap<>();
        feed.put("x", new FloatTensor(new long[] {5, 64}, new float[5 * 64]));
        feed.put("sr", new FloatTensor(new long[0], new float[] {16000}));
        feed.put("h", new FloatTensor(new long[] {2, 5, 16}, new float[2 * 5 * 16]));
        assertEquals(5, Inputs.checkFeed("vad.onnx", inputs, feed), "the batch comes from x, the only free first axis");
        assertTrue(Inputs.carriesBatch(inputs.get(0), true));
        assertFalse(Inputs.carriesBatch(inputs.get(1), true));
        assertFalse(Inputs.carriesBatch(inputs.get(2), true));
        feed.put("sr", new FloatTensor(new long[] {1}, new float[] {16000}));
        assertEquals("input 'sr' of vad.onnx expects shape [] but the data has [1]",
                assertThrows(DataException.class, () -> Inputs.checkFeed("vad.onnx", inputs, feed)).getMessage());
        feed.put("sr", new FloatTensor(new long[0], new float[] {16000}));
        feed.put("x", new FloatTensor(new long[0], new float[1]));
        assertEquals("input 'x' of vad.onnx expects shape [-1, 64] but the data has []",
                assertThrows(DataException.class, () -> Inputs.checkFeed("vad.onnx", inputs, feed)).getMessage());
    }

    @Test
    void positiveIntegerOptionsNameTheKey() throws Exception {
        org.coact.api.format.OpenOptions o = new org.coact.api.format.OpenOptions(Map.of("threads", " 3 ", "bad", "0"));
        assertEquals(java.util.Optional.of(3), o.positiveInt("threads"));
        assertEquals(java.util.Optional.empty(), o.positiveInt("missing"));
        assertEquals("option 'bad' must be a positive integer, got '0'",
                assertThrows(ConfigException.class, () -> o.positiveInt("bad")).getMessage());
        org.coact.api.format.OpenOptions huge = new org.coact.api.format.OpenOptions(Map.of("threads", "2147483647"));
        assertEquals("option 'threads' must be an integer in 1..256, got '2147483647'",
                assertThrows(ConfigException.class, () -> huge.intInRange("threads", 1, 256)).getMessage());
        assertEquals(java.util.Optional.of(3), o.intInRange("threads", 1, 256));
    }
}
