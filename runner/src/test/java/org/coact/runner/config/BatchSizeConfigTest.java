package org.coact.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coact.analysis.BatchSize;
import org.coact.analysis.Settings;
import org.coact.api.ConfigException;
import org.coact.runner.output.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code batch_size} key: {@code auto} or a whole number, nothing coerced, recorded as given. */
class BatchSizeConfigTest {

    @TempDir
    Path dir;

    private Settings yaml(String value) throws Exception {
        return OneKeyConfig.load(dir, "batch_size", value);
    }

    @Test
    void theDefaultIsAutoRecordedAsTheWord() throws Exception {
        Settings c = new ConfigLoader().load(null, Map.of()).analysis();
        assertEquals(BatchSize.AUTO, c.batchSize());
        assertEquals("\"auto\"", Json.mapper().valueToTree(c).get("batch_size").toString());
        assertEquals(c, SettingsJson.read(SettingsJson.write(c)));
    }

    @Test
    void aWholeNumberIsFixedAndRecordedAsANumber() throws Exception {
        Settings c = yaml("64");
        assertEquals(BatchSize.of(64), c.batchSize());
        assertEquals("64", Json.mapper().valueToTree(c).get("batch_size").toString());
        assertEquals(c, SettingsJson.read(SettingsJson.write(c)));
        assertEquals(BatchSize.of(Integer.MAX_VALUE), yaml("2147483647").batchSize());
        assertEquals(BatchSize.AUTO, yaml("auto").batchSize());
        assertEquals(BatchSize.of(9), new ConfigLoader().load(null, Map.of("batch_size", 9)).analysis().batchSize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|is 0 (not a whole number of at least 1, or 'auto')",
        "-3|is -3 (not a whole number of at least 1, or 'auto')",
        "2.5|is 2.5 (not a whole number of at least 1, or 'auto')",
        "'\"64\"'|is the text '64'; it must be a whole number of at least 1, or 'auto', a number written without quotes",
        "Auto|is the text 'Auto'; it must be a whole number of at least 1, or 'auto'",
        "99999999999|is 99999999999, out of the range of a whole number (-2147483648 to 2147483647)",
        "true|is true or false; it must be a whole number of at least 1, or 'auto'",
        "[64]|is a list; it must be a whole number of at least 1, or 'auto'"})
    void anythingElseIsRefusedByKeyAndValue(String value, String expected) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> yaml(value));
        assertTrue(e.getMessage().startsWith("config key 'batch_size' in "), e.getMessage());
        assertTrue(e.getMessage().endsWith(expected), e.getMessage());
    }
}
