package org.coact.runner.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.runner.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The user's method page, {@code src/docs/METHOD.md}, against the code: its key table lists
 * every key of the built-in defaults with the default that is really used, and the help texts
 * cite the page by the path it has in the distribution.
 */
class MethodPageTest {

    private static final Path PAGE = Path.of(System.getProperty("user.dir")).resolve("../src/docs/METHOD.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\| `([^`]*)`", Pattern.MULTILINE);

    @Test
    void theKeyTableListsEveryDefaultKeyWithItsDefault() throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        try (InputStream in = ConfigLoader.class.getResourceAsStream("coact.yaml")) {
            leaves(new YAMLMapper().readTree(in), "", defaults);
        }
        String page = Files.readString(PAGE);
        String table = page.substring(page.indexOf("## 11. Configuration keys"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertEquals(defaults.keySet(), documented.keySet(), "keys of coact.yaml vs docs/METHOD.md section 11");
        defaults.forEach((key, value) -> assertEquals(value, documented.get(key), "default of " + key));
    }

    @Test
    void theHelpTextsCiteThePageAsTheDistributionShipsIt() {
        CommandLine cli = org.coact.runner.cli.Main.commandLine();
        String top = cli.getUsageMessage();
        assertTrue(top.contains("docs/METHOD.md"), top);
        for (String command : new String[] {"analyze", "evolve"}) {
            String help = cli.getSubcommands().get(command).getUsageMessage();
            assertTrue(help.contains("docs/METHOD.md") && !help.contains("shared/"), command + ": " + help);
        }
    }

    private static void leaves(JsonNode node, String prefix, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && !key.equals("community.options") && !key.equals("inputs")) {
                leaves(v, key + ".", out);
            } else if (v.isArray()) {
                StringBuilder sb = new StringBuilder("[");
                v.forEach(x -> sb.append(sb.length() > 1 ? ", " : "").append(x.asText()));
                out.put(key, sb.append("]").toString());
            } else if (v.isObject()) {
                out.put(key, "{}");
            } else if (v.isTextual() && v.asText().isEmpty()) {
                out.put(key, "\"\"");
            } else {
                out.put(key, v.asText());
            }
        }
    }
}
