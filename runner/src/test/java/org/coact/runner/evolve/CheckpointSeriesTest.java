package org.coact.runner.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coact.api.ConfigException;
import org.coact.api.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSeriesTest {

    @TempDir
    Path dir;

    private void touch(String... names) throws Exception {
        for (String n : names) {
            Files.writeString(dir.resolve(n), "x");
        }
    }

    private static List<String> labels(List<CheckpointSeries.Checkpoint> s) {
        return s.stream().map(CheckpointSeries.Checkpoint::label).toList();
    }

    @Test
    void epochNumbersOrderADirectoryNumericallyNotAlphabetically() throws Exception {
        touch("run-epoch10.onnx", "run-epoch2.onnx", "run-epoch1.onnx", "notes.txt");
        List<CheckpointSeries.Checkpoint> s = CheckpointSeries.resolve(List.of(dir.toString()), null,
                p -> p.toString().endsWith(".onnx"));
        assertEquals(List.of("run-epoch1", "run-epoch2", "run-epoch10"), labels(s));
        assertEquals(List.of(1, 2, 10), s.stream().map(CheckpointSeries.Checkpoint::epoch).toList());
    }

    @Test
    void globsAndExplicitLists() throws Exception {
        touch("a_ep3.onnx", "a_ep12.onnx", "b_ep1.onnx");
        assertEquals(List.of("a_ep3", "a_ep12"),
                labels(CheckpointSeries.resolve(List.of(dir.resolve("a_*.onnx").toString()), null, p -> true)));
        List<String> given = List.of(dir.resolve("a_ep12.onnx").toString(), dir.resolve("b_ep1.onnx").toString());
        assertEquals(List.of("a_ep12", "b_ep1"), labels(CheckpointSeries.resolve(given, null, p -> true)));
        assertEquals(List.of("b_ep1", "a_ep12"),
                labels(CheckpointSeries.resolve(given, org.coact.runner.config.EvolveSettings.Order.EPOCH, p -> true)));
        assertEquals(List.of("a_ep12", "b_ep1"),
                labels(CheckpointSeries.resolve(given, org.coact.runner.config.EvolveSettings.Order.NAME, p -> true)));
    }

    @Test
    void epochFromNames() {
        assertEquals(7, CheckpointSeries.epochOf("model-epoch07"));
        assertEquals(3, CheckpointSeries.epochOf("resnet18_v2_ep3"));
        assertEquals(42, CheckpointSeries.epochOf("ckpt-42"));
        assertEquals(null, CheckpointSeries.epochOf("final"));
    }

    @Test
    void errorsNameTheCulprit() throws Exception {
        touch("final.onnx", "best.onnx", "x_epoch1.onnx");
        ConfigException noEpoch = assertThrows(ConfigException.class, () -> CheckpointSeries.resolve(
                List.of(dir.resolve("final.onnx").toString(), dir.resolve("best.onnx").toString()),
                org.coact.runner.config.EvolveSettings.Order.EPOCH, p -> true));
        assertEquals(true, noEpoch.getMessage().contains("final.onnx"), noEpoch.getMessage());
        ModelException missing = assertThrows(ModelException.class, () -> CheckpointSeries.resolve(
                List.of(dir.resolve("gone.onnx").toString(), dir.resolve("best.onnx").toString()), null, p -> true));
        assertEquals("checkpoint not found: " + dir.resolve("gone.onnx"), missing.getMessage());
        assertThrows(ConfigException.class, () -> CheckpointSeries.resolve(
                List.of(dir.resolve("x_*.onnx").toString()), null, p -> true), "one checkpoint is no series");
    }
}
