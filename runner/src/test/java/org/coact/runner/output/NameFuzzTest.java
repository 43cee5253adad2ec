package org.coact.runner.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Hostile layer names (testmodels/onnx/names: control characters, NUL, C1 controls, bidi
 * overrides, emoji, markup, quotes, line breaks, spreadsheet formulas, noncharacters, a 10 KB
 * name) through {@code analyze} and {@code evolve} into every output, each read back with a
 * strict parser: JSON (Jackson, duplicate keys and trailing tokens refused) and the HTML pages'
 * embedded data hold the names exactly; CSV (commons-csv RFC 4180) exactly once the documented
 * leading {@code '} is removed (NUL is U+FFFD); GraphML and GEXF (the JDK's DocumentBuilder)
 * exactly except the characters XML 1.0 forbids, which are U+FFFD; the terminal sees no raw
 * control or bidi character.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameFuzzTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"coact-data\">(.*?)</script>", Pattern.DOTALL);
    /** Raw characters a terminal must never get from a name: controls but the line feed, bidi controls. */
    private static final Pattern RAW = Pattern.compile("[\\x00-\\x09\\x0B-\\x1F\\x7F-\\x9F\\u061C\\u200E\\u200F"
            + "\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029]");

    Path analyzed;
    Path evolved;
    List<String> names = new ArrayList<>();
    TestEnv.Run analyze;
    TestEnv.Run layers;
    TestEnv.Run evolve;

    @BeforeAll
    void run(@TempDir Path tmp) throws Exception {
        Path model = TestEnv.model("onnx/names/name-fuzz.onnx");
        Path data = TestEnv.model("onnx/names/name-fuzz.npz");
        for (JsonNode l : STRICT.readTree(TestEnv.model("onnx/names/names.json").toFile()).get("layers")) {
            names.add(l.get("name").asText());
        }
        analyzed = tmp.resolve("analyze");
        analyze = TestEnv.coact("analyze", "--model", model.toString(), "--data", data.toString(), "--out",
                analyzed.toString());
        assertEquals(0, analyze.exitCode(), analyze.err());
        layers = TestEnv.coact("layers", "--model", model.toString());
        assertEquals(0, layers.exitCode(), layers.err());
        // hostile file names too: they become the checkpoint labels
        Path series = Files.createDirectories(tmp.resolve("series"));
        Files.copy(model, series.resolve("=HYPERLINK(1)\u202e\nepoch1.onnx"));
        Files.copy(model, series.resolve("+y\tepoch2.onnx"));
        evolved = tmp.resolve("evolve");
        evolve = TestEnv.coact("evolve", "--models", series.toString(), "--data", data.toString(), "--out",
                evolved.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String n : names) {
            for (int i = 0; i < 4; i++) {
                ids.add(n + ":" + i);
            }
        }
        return ids;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void theFixtureHoldsWhatItClaims() {
        assertEquals(18, names.size());
        assertTrue(names.stream().anyMatch(n -> n.length() > 10_000), "a 10 KB name");
        assertTrue(names.stream().anyMatch(n -> n.codePoints().anyMatch(Character::isSupplementaryCodePoint)), "emoji");
        assertTrue(names.stream().anyMatch(n -> n.indexOf('\u0000') >= 0), "NUL");
    }

    @Test
    void reportJsonHoldsEveryNameExactly() throws Exception {
        JsonNode report = STRICT.readTree(analyzed.resolve("report.json").toFile());
        assertEquals(names, texts(report.get("layers"), "name"));
        assertEquals(ids(), texts(report.get("neurons"), "id"));
        List<String> keys = new ArrayList<>();
        report.at("/communities/membership").fieldNames().forEachRemaining(keys::add);
        assertEquals(ids(), keys);
    }

    /** @return the records of a CSV file, each as long as the header, read strictly */
    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(r).getRecords();
            for (CSVRecord rec : records) {
                assertTrue(rec.isConsistent(), file + " record " + rec.getRecordNumber() + " has the header's columns");
            }
            return records;
        }
    }

    /** The documented reversal: one leading ' off a text cell; NUL was written as U+FFFD. */
    private static String unneutralised(String cell) {
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    private static List<String> expectedCsv(List<String> values) {
        return values.stream().map(v -> v.replace('\u0000', '\uFFFD')).toList();
    }

    @Test
    void csvTablesHoldEveryNameBehindTheFormulaGuardAndNumbersStayNumbers() throws Exception {
        List<CSVRecord> layerRows = csv(analyzed.resolve("layers.csv"));
        assertEquals(expectedCsv(names), layerRows.stream().map(r -> unneutralised(r.get("layer"))).toList());
        List<CSVRecord> neuronRows = csv(analyzed.resolve("neurons.csv"));
        assertEquals(expectedCsv(ids()), neuronRows.stream().map(r -> unneutralised(r.get("id"))).toList());
        for (CSVRecord r : layerRows) {
            String cell = r.get("layer");
            char first = unneutralised(cell).charAt(0);
            assertEquals("=+-@\t\r'".indexOf(first) >= 0, cell.startsWith("'"), "guarded exactly when needed: " + cell);
            Double.parseDouble(r.get("meanEntropyBits"));
        }
        assertTrue(layerRows.stream().anyMatch(r -> r.get("layer").equals("'-0.5")), "a name that looks like a number is text");
        assertTrue(layerRows.stream().anyMatch(r -> r.get("layer").startsWith("'=HYPERLINK(")));
        for (CSVRecord r : neuronRows) {
            for (String column : List.of("activeFraction", "entropyBits", "mutualInformationBits", "threshold")) {
                Double.parseDouble(r.get(column)); // a number, not a guarded text
            }
        }
    }

    private static Document xml(Path file) throws Exception {
        return XmlTest.strictParser().parse(file.toFile());
    }

    @Test
    void graphFilesAreValidXmlAndHoldEveryNameButTheCharactersXmlForbids() throws Exception {
        List<String> expected = ids().stream().map(Xml::text).toList();
        NodeList data = xml(analyzed.resolve("graph.graphml")).getElementsByTagName("data");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < data.getLength(); i++) {
            Element d = (Element) data.item(i);
            if (d.getAttribute("key").equals("label")) {
                labels.add(d.getTextContent());
            }
        }
        assertEquals(expected, labels, "GraphML");
        NodeList nodes = xml(analyzed.resolve("graph.gexf")).getElementsByTagName("node");
        List<String> gexf = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            gexf.add(((Element) nodes.item(i)).getAttribute("label"));
        }
        assertEquals(expected, gexf, "GEXF (labels are attributes: tabs and line breaks must be references)");
        assertTrue(gexf.contains("line1\nline2\r\nline3\rend\ttab:0"), "line breaks and tabs exactly");
        assertTrue(gexf.contains("nul\uFFFDbyte:0") && gexf.contains("bom\uFEFF nonchar\uFFFD\uFFFD:0"),
                "NUL, U+FFFE and U+FFFF are U+FFFD");
    }

    private static JsonNode embedded(Path page) throws Exception {
        String html = Files.readString(page);
        Matcher m = DATA.matcher(html);
        assertTrue(m.find(), "data block in " + page);
        String json = m.group(1);
        assertFalse(json.contains("<"), "no '<' in the embedded data, so neither </script> nor <!-- can appear");
        assertEquals(4, html.split("</script>", -1).length - 1, "three scripts and the data block end where they should");
        return STRICT.readTree(json);
    }

    @Test
    void htmlPagesEmbedEveryNameExactly() throws Exception {
        assertEquals(names, texts(embedded(analyzed.resolve("report.html")).at("/report/layers"), "name"));
        JsonNode evolution = embedded(evolved.resolve("evolution.html"));
        assertEquals(names, texts(evolution.at("/evolution/checkpoints/0/layers"), "name"));
        assertEquals(List.of("=HYPERLINK(1)\u202e\nepoch1", "+y\tepoch2"), texts(evolution.at("/evolution/checkpoints"), "label"));
    }

    @Test
    void evolveWritesTheSameNamesInItsJsonAndCsvs() throws Exception {
        JsonNode evolution = STRICT.readTree(evolved.resolve("evolution.json").toFile());
        List<String> labels = texts(evolution.get("checkpoints"), "label");
        assertEquals(List.of("=HYPERLINK(1)\u202e\nepoch1", "+y\tepoch2"), labels);
        assertEquals(names, texts(evolution.at("/checkpoints/1/layers"), "name"));
        List<CSVRecord> checkpoints = csv(evolved.resolve("checkpoints.csv"));
        assertEquals(List.of("'=HYPERLINK(1)\u202e\nepoch1", "'+y\tepoch2"), checkpoints.stream().map(r -> r.get("label")).toList());
        List<String> stacked = new ArrayList<>(expectedCsv(names));
        stacked.addAll(expectedCsv(names));
        List<CSVRecord> layerRows = csv(evolved.resolve("layers.csv"));
        assertEquals(stacked, layerRows.stream().map(r -> unneutralised(r.get("layer"))).toList());
        assertEquals(labels.get(0), unneutralised(layerRows.get(0).get("checkpoint")));
        assertEquals(2 * 18 * 4, csv(evolved.resolve("neurons.csv")).size());
    }

    @Test
    void theTerminalGetsNoRawControlOrBidiCharacter() {
        for (TestEnv.Run run : List.of(analyze, layers, evolve)) {
            for (String stream : List.of(run.out(), run.err())) {
                Matcher raw = RAW.matcher(stream); // (the progress bars go to System.err, not here)
                assertFalse(raw.find(), () -> "raw U+" + Integer.toHexString(stream.charAt(raw.start())) + " at "
                        + raw.start());
            }
        }
        assertEquals(18, layers.out().lines().filter(l -> l.startsWith("* ")).count(), "one line per layer:\n" + layers.out());
        assertTrue(layers.out().contains("* rtl\\u202Eevil\\u202C \\u2066iso\\u2069 \\u200F\u05e9\u05dc\u05d5\u05dd"),
                layers.out());
        assertTrue(layers.out().contains("* line1\\nline2\\r\\nline3\\rend\\ttab "), "escaped, on one line");
        assertTrue(layers.out().contains("* emoji \uD83D\uDE00\uD83E\uDDE0"), "emoji as they are");
        assertTrue(evolve.err().contains("=HYPERLINK(1)\\u202E\\nepoch1.onnx"), evolve.err());
    }
}
