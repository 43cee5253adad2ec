package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.coact.api.DataException;
import org.coact.api.format.DType;
import org.coact.api.format.TensorSpec;
import org.junit.jupiter.api.Test;

class InputBindingTest {

    private static TensorSpec input(String name, long... shape) {
        return new TensorSpec(name, DType.FLOAT32, shape);
    }

    private static Dataset open(String fixture) throws DataException {
        return Dataset.open(Fixtures.npy(fixture), null, DatasetOptions.defaults());
    }

    @Test
    void aSingleInputTakesXWhateverItIsCalled() throws Exception {
        try (Dataset d = open("digits.npz")) {
            assertEquals(Map.of("input", "x"), Dataset.bindInputs(List.of(input("input", -1, 4)), d));
        }
        try (Dataset d = open("features.npy")) {
            assertEquals(Map.of("dense_input", "x"), Dataset.bindInputs(List.of(input("dense_input", -1, 4)), d));
        }
    }

    @Test
    void aSingleInputTakesItsNamesakeElseTheOnlyNonLabelArray() throws Exception {
        try (Dataset d = open("pixels.npz")) {
            assertEquals(Map.of("pixels", "pixels"), InputBinding.bind(List.of(input("pixels", -1, 2, 2)), d));
            assertEquals(Map.of("image", "pixels"), InputBinding.bind(List.of(input("image", -1, 2, 2)), d));
        }
    }

    @Test
    void aSingleInputWithSeveralCandidatesIsAmbiguous() throws Exception {
        try (Dataset d = open("multi.npz")) {
            DataException e = assertThrows(DataException.class, () -> InputBinding.bind(List.of(input("input")), d));
            assertEquals("data " + Fixtures.npy("multi.npz") + " has no array 'x' or 'input' for model input 'input'; "
                    + "arrays present: [a, b, y]", e.getMessage());
        }
    }

    @Test
    void severalInputsTakeTheirNamesakesInModelOrder() throws Exception {
        try (Dataset d = open("multi.npz")) {
            Map<String, String> b = InputBinding.bind(List.of(input("b"), input("a")), d);
            assertEquals(List.of("b", "a"), List.copyOf(b.keySet()));
            assertEquals(Map.of("a", "a", "b", "b"), b);
            DataException e = assertThrows(DataException.class,
                    () -> InputBinding.bind(List.of(input("a"), input("c")), d));
            assertEquals("data " + Fixtures.npy("multi.npz") + " has no array 'c' for model input 'c'; arrays present: "
                    + "[a, b, y]", e.getMessage());
        }
    }

    @Test
    void sampleShapesDropTheBatchAxis() {
        Map<String, long[]> s = InputBinding.sampleShapes(List.of(input("input", -1, 1, 28, 28), input("v", 1, 784)));
        assertArrayEquals(new long[] {1, 28, 28}, s.get("input"));
        assertArrayEquals(new long[] {784}, s.get("v"));
    }
}
