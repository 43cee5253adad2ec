package org.coact.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.coact.api.DataException;
import org.coact.api.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    private static final DatasetOptions DEFAULTS = DatasetOptions.defaults();

    private static Dataset open(String data) throws DataException {
        return Dataset.open(Fixtures.npy(data), null, DEFAULTS);
    }

    private static DataException refusedAtOpen(String data, String labels) {
        return assertThrows(DataException.class,
                () -> Dataset.open(Fixtures.npy(data), labels == null ? null : Fixtures.npy(labels), DEFAULTS));
    }

    private static List<FloatTensor> all(BatchCursor c, String input) throws DataException {
        List<FloatTensor> out = new ArrayList<>();
        while (c.hasNext()) {
            out.add(c.next().get(input));
        }
        return out;
    }

    @Test
    void npzWithXAndYDescribesItself() throws Exception {
        try (Dataset d = open("digits.npz")) {
            assertEquals(5, d.size());
            assertEquals(List.of("x", "y"), d.arrays());
            assertArrayEquals(new long[] {2, 2}, d.sampleShape("x"));
            assertEquals("uint8", d.dtype("x"));
            assertEquals("int64", d.dtype("y"));
            assertTrue(d.hasLabels());
            assertArrayEquals(new long[] {3, 1, 4, 1, 5}, d.labels());
            assertTrue(d.labelsLocation().isEmpty());
        }
    }

    @Test
    void batchesComeInOrderAndTheLastIsPartial() throws Exception {
        try (Dataset d = open("digits_compressed.npz");
                BatchCursor c = d.batches(2, Map.of("in", "x"), Map.of())) {
            List<Integer> offsets = new ArrayList<>();
            List<FloatTensor> batches = new ArrayList<>();
            while (c.hasNext()) {
                batches.add(c.next().get("in"));
                offsets.add(c.offset());
            }
            assertEquals(List.of(0, 2, 4), offsets);
            assertArrayEquals(new long[] {2, 2, 2}, batches.get(0).shape());
            assertArrayEquals(new long[] {1, 2, 2}, batches.get(2).shape());
            assertArrayEquals(new float[] {8, 21, 34, 47, 60, 73, 86, 99}, batches.get(0).data());
            assertArrayEquals(new float[] {216, 229, 242, 255}, batches.get(2).data());
            assertThrows(NoSuchElementException.class, c::next);
        }
    }

    @Test
    void scaleOneOver255TurnsWhiteIntoOne() throws Exception {
        try (Dataset d = Dataset.open(Fixtures.npy("digits.npz"), null, DEFAULTS.withScale(1f / 255));
                BatchCursor c = d.batches(5, Map.of("in", "x"), Map.of())) {
            float[] v = c.next().get("in").data();
            assertEquals(8f / 255, v[0]);
            assertEquals(1.0f, v[19]);
        }
    }

    @Test
    void samplesAreReshapedWhenElementCountsAgree() throws Exception {
        try (Dataset d = open("digits.npz")) {
            try (BatchCursor c = d.batches(3, Map.of("in", "x"), Map.of("in", new long[] {4}))) {
                FloatTensor t = c.next().get("in");
                assertArrayEquals(new long[] {3, 4}, t.shape());
                assertArrayEquals(new float[] {60, 73, 86, 99}, java.util.Arrays.copyOfRange(t.data(), 4, 8));
            }
            try (BatchCursor c = d.batches(3, Map.of("in", "x"), Map.of("in", new long[] {1, -1, 2}))) {
                assertArrayEquals(new long[] {3, 1, 2, 2}, c.next().get("in").shape());
                assertArrayEquals(new long[] {1, 2, 2}, c.sampleShapes().get("in"));
            }
            try (BatchCursor c = d.batches(3, Map.of("in", "x"), Map.of("in", new long[] {-1, -1}))) {
                assertArrayEquals(new long[] {3, 2, 2}, c.next().get("in").shape());
            }
        }
    }

    @Test
    void elementCountMismatchNamesArrayDataShapeAndExpectedShape() throws Exception {
        try (Dataset d = open("digits.npz")) {
            DataException e = assertThrows(DataException.class,
                    () -> d.batches(3, Map.of("input", "x"), Map.of("input", new long[] {1, 28, 28})));
            assertEquals("array 'x' in " + Fixtures.npy("digits.npz") + " has data shape [5, 2, 2] (4 values per "
                    + "sample) but model input 'input' expects per-sample shape [1, 28, 28] (784 values)",
                    e.getMessage());
            e = assertThrows(DataException.class,
                    () -> d.batches(3, Map.of("input", "x"), Map.of("input", new long[] {3, -1})));
            assertTrue(e.getMessage().endsWith("expects per-sample shape [3, -1]"), e.getMessage());
        }
    }

    @Test
    void twoInputsReadTwoArraysInLockstep() throws Exception {
        try (Dataset d = open("multi.npz");
                BatchCursor c = d.batches(3, Map.of("a", "a", "b", "b"), Map.of())) {
            Map<String, FloatTensor> first = c.next();
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, first.get("a").data());
            assertArrayEquals(new float[] {-1, 1, -2, 2, -3, 3}, first.get("b").data());
            Map<String, FloatTensor> last = c.next();
            assertArrayEquals(new long[] {1, 3}, last.get("a").shape());
            assertArrayEquals(new long[] {1, 2}, last.get("b").shape());
            assertArrayEquals(new float[] {9, 10, 11}, last.get("a").data());
            assertArrayEquals(new float[] {-4, 4}, last.get("b").data());
            assertFalse(c.hasNext());
        }
    }

    @Test
    void twoInputsMayShareOneArray() throws Exception {
        try (Dataset d = open("multi.npz");
                BatchCursor c = d.batches(4, Map.of("p", "a", "q", "a"), Map.of("q", new long[] {3, 1}))) {
            Map<String, FloatTensor> b = c.next();
            assertArrayEquals(b.get("p").data(), b.get("q").data());
            assertArrayEquals(new long[] {4, 3, 1}, b.get("q").shape());
        }
    }

    @Test
    void npyFeaturesWithASeparateLabelsFile() throws Exception {
        try (Dataset d = Dataset.open(Fixtures.npy("features.npy"), Fixtures.npy("labels5.npy"), DEFAULTS)) {
            assertEquals(List.of("x"), d.arrays());
            assertEquals(5, d.size());
            assertArrayEquals(new long[] {3, 1, 4, 1, 5}, d.labels());
            assertEquals(Fixtures.npy("labels5.npy").toString(), d.labelsLocation().orElseThrow());
            try (BatchCursor c = d.batches(10, Map.of("in", "x"), Map.of())) {
                FloatTensor t = c.next().get("in");
                assertArrayEquals(new long[] {5, 4}, t.shape());
                assertEquals(4.75f, t.data()[19]);
            }
        }
    }

    @Test
    void wholeFloatLabelsAreAcceptedAndOneHotLabelsAreNot() throws Exception {
        try (Dataset d = Dataset.open(Fixtures.npy("features.npy"), Fixtures.npy("labels_float.npy"), DEFAULTS)) {
            assertArrayEquals(new long[] {0, 1, 2, 1, 0}, d.labels());
        }
        DataException e = refusedAtOpen("features.npy", "labels_onehot.npy");
        assertTrue(e.getMessage().startsWith("labels " + Fixtures.npy("labels_onehot.npy") + " have shape [5, 3]"),
                e.getMessage());
    }

    @Test
    void labelsOfTheWrongLengthAreRefusedAtOpen() {
        assertEquals("labels " + Fixtures.npy("labels4.npy") + " has 4 entries but data " + Fixtures.npy("features.npy")
                + " has 5 samples", refusedAtOpen("features.npy", "labels4.npy").getMessage());
    }

    @Test
    void validateLabelsNamesTheFirstValueOutOfRangeAndWrongLengths() throws Exception {
        try (Dataset d = open("digits.npz")) {
            d.validateLabels(d.labels(), 6);
            DataException e = assertThrows(DataException.class, () -> d.validateLabels(d.labels(), 5));
            assertEquals("labels in array 'y' in " + Fixtures.npy("digits.npz") + ": value 5 at index 4 is outside 0..4",
                    e.getMessage());
            e = assertThrows(DataException.class, () -> d.validateLabels(new long[] {1, 2}, 6));
            assertEquals("labels array 'y' in " + Fixtures.npy("digits.npz") + " has 2 entries but data "
                    + Fixtures.npy("digits.npz") + " has 5 samples", e.getMessage());
        }
        try (Dataset d = Dataset.open(Fixtures.npy("features.npy"), Fixtures.npy("labels5.npy"), DEFAULTS)) {
            DataException e = assertThrows(DataException.class, () -> d.validateLabels(d.labels(), 4));
            assertEquals("labels in " + Fixtures.npy("labels5.npy") + ": value 4 at index 2 is outside 0..3",
                    e.getMessage());
        }
    }

    @Test
    void withoutLabelsSayingSoIsAnError() throws Exception {
        try (Dataset d = open("features.npy")) {
            assertFalse(d.hasLabels());
            DataException e = assertThrows(DataException.class, d::labels);
            assertEquals("no labels: data " + Fixtures.npy("features.npy") + " has no array 'y' and no labels file "
                    + "was given", e.getMessage());
        }
    }

    @Test
    void arraysOfDifferentLengthsAreNamed() {
        assertEquals("labels array 'y' in " + Fixtures.npy("mismatch.npz") + " has 4 entries but data "
                + Fixtures.npy("mismatch.npz") + " has 5 samples (array 'x')", refusedAtOpen("mismatch.npz", null).getMessage());
    }

    @Test
    void anEmptyDatasetIsRefused() {
        assertEquals("dataset " + Fixtures.npy("empty.npz") + " is empty", refusedAtOpen("empty.npz", null).getMessage());
    }

    @Test
    void missingFilesAndUnknownExtensionsAreRefused(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.npz");
        assertEquals("data file not found: " + missing,
                assertThrows(DataException.class, () -> Dataset.open(missing, null, DEFAULTS)).getMessage());
        assertEquals("labels file not found: " + missing, assertThrows(DataException.class,
                () -> Dataset.open(Fixtures.npy("features.npy"), missing, DEFAULTS)).getMessage());
        Path csv = Files.writeString(dir.resolve("data.csv"), "1,2\n");
        DataException e = assertThrows(DataException.class, () -> Dataset.open(csv, null, DEFAULTS));
        assertEquals("data file " + csv + " has an unsupported extension; supported: .npy (one numpy array), "
                + ".npz (named numpy arrays, from np.savez or np.savez_compressed)", e.getMessage());
    }

    @Test
    void truncatedAndUnreadableFilesAreRefusedAtOpen() {
        assertEquals(Fixtures.npy("truncated.npy") + " is truncated: shape [10, 4] float32 needs 288 bytes "
                + "(128 of header) but it has 281", refusedAtOpen("truncated.npy", null).getMessage());
        assertTrue(refusedAtOpen("fortran.npy", null).getMessage().endsWith("is Fortran-ordered; save it with "
                + "np.ascontiguousarray"));
        assertTrue(refusedAtOpen("badtype.npz", null).getMessage().contains("array 'names'"));
    }

    @Test
    void unknownArraysAndBadArgumentsAreRefused() throws Exception {
        try (Dataset d = open("multi.npz")) {
            DataException e = assertThrows(DataException.class, () -> d.batches(2, Map.of("c", "c"), Map.of()));
            assertEquals("data " + Fixtures.npy("multi.npz") + " has no array 'c' for model input 'c'; arrays present: "
                    + "[a, b, y]", e.getMessage());
            assertThrows(DataException.class, () -> d.sampleShape("c"));
            assertThrows(IllegalArgumentException.class, () -> d.batches(0, Map.of("a", "a"), Map.of()));
            assertThrows(IllegalArgumentException.class, () -> d.batches(2, Map.of(), Map.of()));
        }
    }

    @Test
    void aScaleWithNothingToScaleIsAnError() throws Exception {
        try (Dataset d = Dataset.open(Fixtures.npy("features.npy"), null, DEFAULTS.withScale(0.5f))) {
            DataException e = assertThrows(DataException.class, () -> d.batches(2, Map.of("in", "x"), Map.of()));
            assertEquals("scale 0.5 applies to integer arrays only, but the arrays fed to the model ([x]) are "
                    + "[float32]; drop the scale", e.getMessage());
        }
    }

    @Test
    void aClosedCursorHasNoNextBatch() throws Exception {
        try (Dataset d = open("digits.npz")) {
            BatchCursor c = d.batches(2, Map.of("in", "x"), Map.of());
            c.close();
            c.close();
            assertFalse(c.hasNext());
            try (BatchCursor again = d.batches(2, Map.of("in", "x"), Map.of())) {
                assertEquals(3, all(again, "in").size());
            }
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DatasetOptions(0f, "x", "y"));
        assertThrows(IllegalArgumentException.class, () -> new DatasetOptions(Float.NaN, "x", "y"));
        assertThrows(IllegalArgumentException.class, () -> new DatasetOptions(1f, "x", "x"));
        assertThrows(IllegalArgumentException.class, () -> new DatasetOptions(1f, " ", "y"));
    }
}
