package org.coact.runner.config;

import org.coact.analysis.Settings;
import org.coact.analysis.activity.Threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coact.api.ConfigException;
import org.coact.runner.output.json.Json;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code threshold} key: a number or {@code quantile q}, from YAML and the command line. */
class ThresholdConfigTest {

    @TempDir
    Path dir;

    private Settings yaml(String threshold) throws Exception {
        return OneKeyConfig.load(dir, "threshold", threshold);
    }

    private static Settings flag(Object threshold) throws ConfigException {
        return new ConfigLoader().load(null, Map.of("threshold", threshold)).analysis();
    }

    private static JsonNode recorded(Settings config) {
        return Json.mapper().valueToTree(config).get("threshold");
    }

    @Test
    void theDefaultIsAFixedZeroRecordedAsANumber() throws Exception {
        Settings c = new ConfigLoader().load(null, Map.of()).analysis();
        assertEquals(new Threshold.Fixed(0.0), c.threshold());
        assertFalse(c.threshold().isQuantile());
        assertTrue(recorded(c).isDouble());
        assertEquals(0.0, recorded(c).doubleValue(), 0.0);
    }

    @Test
    void aNumberIsAFixedTauFromYamlOrTheCommandLine() throws Exception {
        assertEquals(new Threshold.Fixed(0.5), yaml("0.5").threshold());
        assertEquals(new Threshold.Fixed(-2.0), yaml("-2").threshold());
        assertEquals(new Threshold.Fixed(0.5), yaml("\"0.5\"").threshold());
        assertEquals(new Threshold.Fixed(0.25), flag("0.25").threshold());
        assertEquals(new Threshold.Fixed(1e-3), flag("1e-3").threshold());
        assertEquals(new Threshold.Fixed(0.25), flag(0.25).threshold());
        JsonNode r = recorded(flag("0.25"));
        assertTrue(r.isNumber(), r.toString());
        assertEquals(0.25, r.doubleValue(), 0.0);
    }

    @Test
    void quantileQIsEachNeuronsQuantileRecordedAsGiven() throws Exception {
        Settings c = yaml("quantile 0.9");
        assertTrue(c.threshold().isQuantile());
        assertEquals(0.9, ((Threshold.Quantile) c.threshold()).q(), 0.0);
        assertEquals("quantile 0.9", recorded(c).textValue());
        assertEquals(0.5, ((Threshold.Quantile) flag("quantile 0.5").threshold()).q(), 0.0);
        assertEquals(0.0, ((Threshold.Quantile) flag("quantile 0").threshold()).q(), 0.0);
        assertEquals(1.0, ((Threshold.Quantile) flag(" quantile 1.0 ").threshold()).q(), 0.0);
        assertEquals("quantile 1.0", recorded(flag(" quantile 1.0 ")).textValue());
        assertEquals(0.25, ((Threshold.Quantile) yaml("'quantile .25'").threshold()).q(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quantile", "quantile 1.5", "quantile -0.1", "quantile abc", "quantile 0.5 0.6",
        "median", "0.5x", "NaN", "Infinity", ""})
    void badStringsAreConfigErrorsNamingTheKey(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> flag(value));
        assertTrue(e.getMessage().startsWith("config key 'threshold' in "), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("must be a number or 'quantile q' with 0 <= q <= 1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999", "true", "[0.5]", "{q: 0.5}", "~", "quantile 2"})
    void badYamlValuesAreConfigErrorsNamingTheKeyAndTheFile(String value) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "threshold: " + value + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(file, Map.of()));
        assertTrue(e.getMessage().startsWith("config key 'threshold' in " + file), e.getMessage());
        assertTrue(e.getMessage().contains("must be a number or 'quantile q' with 0 <= q <= 1"), e.getMessage());
    }

    @Test
    void theSettingRoundTripsThroughJson() throws Exception {
        for (Settings c : new Settings[] {yaml("quantile 0.9"), yaml("0.125")}) {
            String text = Json.mapper().writeValueAsString(c);
            assertEquals(c, Json.mapper().readValue(text, Settings.class));
        }
    }

    @Test
    void theCommandLineRejectsABadThresholdWithExitCodeTwo() {
        TestEnv.Run run = TestEnv.coact("analyze", "--model", "missing.onnx", "--data", "missing.npz", "--threshold",
                "quantile 2", "--out", dir.toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("config key 'threshold' in the command line is 'quantile 2'; it must be a number "
                + "or 'quantile q' with 0 <= q <= 1"), run.err());
    }
}
