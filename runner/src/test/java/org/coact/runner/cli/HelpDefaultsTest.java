package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.runner.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every default a help text states is the default the configuration really has: the defaults
 * live in one place ({@code coact.yaml}) and the texts are checked against it.
 */
class HelpDefaultsTest {

    private static final Pattern DEFAULT = Pattern.compile("default ([^;),]+)");

    /** Option to the configuration key whose default its help states. */
    private static final Map<String, String> KEYS = Map.of(
            "--seed", "community.seed",
            "--resolution", "community.resolution",
            "--threshold", "threshold",
            "--batch-size", "batch_size",
            "--min-jaccard", "evolve.min_jaccard");

    @Test
    void statedDefaultsAreTheConfiguredOnes() throws Exception {
        JsonNode defaults;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("coact.yaml")) {
            defaults = new YAMLMapper().readTree(in);
        }
        CommandLine cli = org.coact.runner.cli.Main.commandLine();
        int checked = 0;
        for (String command : new String[] {"analyze", "evolve"}) {
            for (CommandLine.Model.OptionSpec o : cli.getSubcommands().get(command).getCommandSpec().options()) {
                String key = KEYS.get(o.longestName());
                if (key == null) {
                    continue;
                }
                String text = String.join(" ", o.description());
                Matcher m = DEFAULT.matcher(text);
                assertTrue(m.find(), o.longestName() + " states its default: " + text);
                JsonNode value = defaults;
                for (String part : key.split("\\.")) {
                    value = value.get(part);
                }
                assertEquals(value.asText(), m.group(1).strip(), command + " " + o.longestName() + " vs " + key);
                checked++;
            }
            CommandLine.Model.OptionSpec algorithm = cli.getSubcommands().get(command).getCommandSpec()
                    .findOption("--algorithm");
            if (algorithm != null) {
                assertTrue(String.join(" ", algorithm.description()).contains(
                        defaults.at("/community/algorithm").asText() + " (default)"), "--algorithm names its default");
            }
        }
        assertEquals(9, checked, "options checked (analyze 4, evolve 5)");
    }
}
