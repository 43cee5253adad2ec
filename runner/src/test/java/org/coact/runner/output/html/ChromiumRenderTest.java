package org.coact.runner.output.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.coact.runner.output.json.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opens the pages in real headless Chromium (Debian package {@code chromium}): the scripts
 * run without a single recorded error, every chart container holds an ECharts canvas, hostile
 * layer names stay text, and the screenshot has ink where the charts are. Screenshots and the
 * pages are kept in {@code runner/target/screenshots/}.
 *
 * <p>Without {@code /usr/bin/chromium} (or {@code -Dcoact.chromium=PATH}) the test is skipped,
 * unless the environment variable {@code CI} is set: then it fails, because CI installs it.
 */
class ChromiumRenderTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("coact.chromium", "/usr/bin/chromium"));
    private static final Path OUT = Path.of(System.getProperty("user.dir"), "target", "screenshots");
    private static final int WIDTH = 1280;
    private static final Pattern CHART = Pattern.compile("<div class=\"chart[^\"]*\" id=\"(chart-[a-z-]+)\"[^>]*>");
    private static final Pattern RECT = Pattern.compile("data-rect=\"(\\d+),(\\d+),(\\d+),(\\d+)\"");

    @BeforeEach
    void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " not found: install the Debian package 'chromium' (apt-get install -y chromium)";
            if (System.getenv("CI") != null) {
                fail(message + "; CI is set, so the browser test must run");
            }
            assumeTrue(false, "skipped: " + message);
        }
    }

    @Test
    void reportPageRendersEveryChartWithoutErrors() throws Exception {
        Report report = HtmlReportsTest.plainReport();
        Path page = write("report.html", HtmlReports.analysis(report, HtmlFixtures.graph(report, 1)));
        String dom = renderedDom(page, "", 6);
        assertTrue(dom.contains("/fc2/Relu"), "layer table filled");
        assertTrue(dom.contains(String.format(java.util.Locale.ROOT, ">%.2f %%<", 100 * report.accuracy())),
                "accuracy shown");
        screenshot(page, dom, "report.png");
    }

    @Test
    void evolutionPageRendersEveryChartWithoutErrors() throws Exception {
        HtmlFixtures.Series series = HtmlFixtures.series(HtmlFixtures.PLAIN_LAYERS);
        Path page = write("evolution.html",
                HtmlReports.evolution(series.evolution(), series.last(), series.lastGraph()));
        String dom = renderedDom(page, "", 9);
        assertTrue(dom.contains(">n/a</td>"), "undefined correlations shown as n/a");
        assertTrue(dom.contains("epoch 5 → 6"), "tracking table filled");
        screenshot(page, dom, "evolution.png");
    }

    @Test
    void manyCommunitiesDrawTheFortyLargestAndSaySo() throws Exception {
        String[] layers = {"/conv1/Relu", "/conv2/Relu", "/fc1/Relu", "/fc2/Relu"};
        int[] sizes = {32, 64, 256, 128};
        Map<String, Integer> membership = new java.util.LinkedHashMap<>();
        int neuron = 0;
        for (int l = 0; l < layers.length; l++) {
            for (int i = 0; i < sizes[l]; i++, neuron++) {
                membership.put(layers[l] + ":" + i, neuron % 60);
            }
        }
        Report report = HtmlFixtures.report(layers, sizes, "/models/cnn-epoch10.onnx", 1.0, membership, 5);
        Path page = write("report-large.html", HtmlReports.analysis(report, HtmlFixtures.graph(report, 5)));
        String dom = renderedDom(page, "", 6);
        assertTrue(dom.contains("60 communities of two or more neurons (the 40 largest drawn), 0 single neurons left out"),
                "the page says the community graph was cut");
        screenshot(page, dom, "report-large.png");
    }

    @Test
    void hostileLayerNamesStayTextInTheBrowser() throws Exception {
        Report report = HtmlReportsTest.hostileReport();
        HtmlFixtures.Series series = HtmlFixtures.series(HtmlFixtures.HOSTILE_LAYERS);
        Path analysis = write("report-hostile.html", HtmlReports.analysis(report, HtmlFixtures.graph(report, 1)));
        Path evolution = write("evolution-hostile.html",
                HtmlReports.evolution(series.evolution(), series.last(), series.lastGraph()));
        for (Path page : List.of(analysis, evolution)) {
            // the fragment makes every chart show its first tooltip: names pass the formatters
            String dom = renderedDom(page, "#coact-tooltip-check", page == analysis ? 6 : 9);
            String markup = dom.replaceAll("(?s)<script[^>]*>.*?</script>", "");
            assertFalse(markup.toLowerCase().contains("<img"), page + ": an <img> element in the DOM");
            assertEquals(4, count(dom.toLowerCase(), "<script"), page + ": a script element was injected");
            assertTrue(Pattern.compile("community \\d+: \\d+ neurons<br>[^<]*&lt;img src=x onerror=alert\\(1\\)&gt; \\d+")
                    .matcher(markup).find(), page + ": the community graph tooltip shows the name as text");
            if (page == analysis) {
                assertTrue(markup.contains("<td class=\"text\">&lt;img src=x onerror=alert(1)&gt;</td>"),
                        "the layer table shows the name as text");
                assertTrue(markup.contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
                        "the name is shown as text");
            } else {
                assertTrue(markup.contains("&lt;img src=x onerror=alert(1)&gt;<br>epoch 0"),
                        "the layer heatmap tooltip shows the name as text");
            }
        }
        screenshot(analysis, renderedDom(analysis, "", 6), "report-hostile.png");
    }

    @Test
    void theCliPagesOfTheBundledMlpSeriesRender() throws Exception {
        Path out = OUT.resolve("cli");
        org.coact.runner.testing.TestEnv.Run analyze = org.coact.runner.testing.TestEnv.coact("analyze", "--model",
                org.coact.runner.testing.TestEnv.model("onnx/mlp/mlp-epoch10.onnx").toString(), "--data",
                org.coact.runner.testing.TestEnv.model("mnist/test.npz").toString(), "--out", out.resolve("analyze").toString(),
                "--quiet");
        assertEquals(0, analyze.exitCode(), analyze.err());
        org.coact.runner.testing.TestEnv.Run evolve = org.coact.runner.testing.TestEnv.coact("evolve", "--models",
                org.coact.runner.testing.TestEnv.model("onnx/mlp").toString(), "--data",
                org.coact.runner.testing.TestEnv.model("mnist/test.npz").toString(), "--out", out.resolve("evolve").toString(),
                "--quiet");
        assertEquals(0, evolve.exitCode(), evolve.err());
        Path report = out.resolve("analyze/report.html");
        String dom = renderedDom(report, "", 6);
        assertTrue(dom.contains("/act1/Relu"), "layer table filled");
        assertTrue(dom.contains(">94.00 %<"), "the MLP's accuracy shown");
        screenshot(report, dom, "cli-report.png");
        Path evolution = out.resolve("evolve/evolution.html");
        String evoDom = renderedDom(evolution, "", 9);
        assertTrue(evoDom.contains("mlp-epoch10"), "series named");
        assertRobustnessShown(out.resolve("evolve/evolution.json"), evoDom);
        screenshot(evolution, evoDom, "cli-evolution.png");
        org.coact.runner.testing.TestEnv.Run cnn = org.coact.runner.testing.TestEnv.coact("evolve", "--models",
                org.coact.runner.testing.TestEnv.model("onnx/cnn").toString(), "--data",
                org.coact.runner.testing.TestEnv.model("mnist/test.npz").toString(), "--out", out.resolve("evolve-cnn").toString(),
                "--quiet");
        assertEquals(0, cnn.exitCode(), cnn.err());
        Path cnnPage = out.resolve("evolve-cnn/evolution.html");
        String cnnDom = renderedDom(cnnPage, "", 9);
        assertRobustnessShown(out.resolve("evolve-cnn/evolution.json"), cnnDom);
        screenshot(cnnPage, cnnDom, "cli-evolution-cnn.png");
    }

    /** Every defined correlation has its leave-one-out range in the JSON and on the page, and a fragile one says so. */
    private static void assertRobustnessShown(Path json, String dom) throws Exception {
        com.fasterxml.jackson.databind.JsonNode evolution = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile());
        int ranges = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : evolution.get("correlations")) {
            for (String kind : List.of("pearson", "spearman")) {
                com.fasterxml.jackson.databind.JsonNode k = c.get(kind);
                if (k.get("value").isNull()) {
                    continue;
                }
                double min = k.get("looMin").asDouble();
                double max = k.get("looMax").asDouble();
                assertTrue(min <= max, c.get("figure") + " " + kind + " range " + min + " .. " + max);
                // shown to two decimals (JavaScript's toFixed): find it on the page within rounding
                boolean shown = false;
                Matcher m = Pattern.compile("(-?\\d+\\.\\d\\d) … (-?\\d+\\.\\d\\d)").matcher(dom);
                while (m.find() && !shown) {
                    shown = Math.abs(Double.parseDouble(m.group(1)) - min) <= 0.0051
                            && Math.abs(Double.parseDouble(m.group(2)) - max) <= 0.0051;
                }
                assertTrue(shown, json + ": " + c.get("figure").asText() + " " + kind + " range " + min + " … " + max);
                ranges++;
                if (k.get("fragile").asBoolean()) {
                    assertTrue(dom.contains("fragile: "), json + ": a fragile coefficient is flagged");
                }
            }
        }
        assertTrue(ranges >= 10, json + ": only " + ranges + " ranges");
    }

    /** Loads the page, lets its scripts run, and checks what the page recorded about itself. */
    private static String renderedDom(Path page, String fragment, int charts) throws Exception {
        String name = page.getFileName().toString() + (fragment.isEmpty() ? "" : "-tooltips");
        String dom = chromium(name + ".dom.html", "--window-size=" + WIDTH + ",900", "--dump-dom",
                page.toUri() + fragment);
        Matcher errors = Pattern.compile("(?s)<pre id=\"coact-errors\"[^>]*>(.*?)</pre>").matcher(dom);
        assertTrue(errors.find(), name + ": no #coact-errors in the DOM; did the page load?");
        assertEquals("", errors.group(1).trim(), name + ": the page recorded errors");
        assertEquals(String.valueOf(charts), attribute(dom, "data-rendered"), name + ": charts rendered");
        assertEquals(String.valueOf(charts), attribute(dom, "data-charts"), name + ": chart containers");
        List<String> ids = new ArrayList<>();
        Matcher chart = CHART.matcher(dom);
        while (chart.find()) {
            ids.add(chart.group(1));
            int next = dom.indexOf("<div class=\"chart", chart.end());
            String inside = dom.substring(chart.end(), next < 0 ? dom.length() : next);
            assertTrue(inside.contains("<canvas"), name + ": #" + chart.group(1) + " holds no canvas");
        }
        assertEquals(charts, ids.size(), name + ": chart containers " + ids);
        return dom;
    }

    /** Screenshots the whole page and checks each chart's area has ink and colour. */
    private static void screenshot(Path page, String dom, String png) throws Exception {
        int height = Math.min(12_000, Integer.parseInt(attribute(dom, "data-height")));
        Path file = OUT.resolve(png);
        Files.deleteIfExists(file);
        chromium(png, "--window-size=" + WIDTH + "," + height, "--screenshot=" + file, page.toUri().toString());
        assertTrue(Files.isRegularFile(file), "no screenshot written: " + file);
        assertTrue(Files.size(file) > 50_000, "screenshot suspiciously small: " + Files.size(file) + " bytes");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(WIDTH, image.getWidth());
        Matcher chart = CHART.matcher(dom);
        int checked = 0;
        while (chart.find()) {
            Matcher rect = RECT.matcher(chart.group());
            assertTrue(rect.find(), "#" + chart.group(1) + " has no data-rect");
            int x = Integer.parseInt(rect.group(1));
            int y = Integer.parseInt(rect.group(2));
            int w = Integer.parseInt(rect.group(3));
            int h = Integer.parseInt(rect.group(4));
            assertTrue(w > 200 && h > 200 && y + h <= image.getHeight(), "#" + chart.group(1) + " at " + rect.group());
            long ink = 0;
            long colour = 0;
            long pixels = 0;
            for (int py = y; py < y + h; py += 2) {
                for (int px = x; px < x + w; px += 2) {
                    int rgb = image.getRGB(px, py);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    pixels++;
                    ink += r + g + b < 3 * 235 ? 1 : 0;
                    colour += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
                }
            }
            // the null-model strip is grey dots and two coloured markers, and a community graph of a
            // trained CNN may have two nodes: a few markers' worth of ink and colour there
            boolean sparse = chart.group(1).equals("chart-null-model") || chart.group(1).equals("chart-graph");
            assertTrue(ink > pixels / (sparse ? 400 : 100), png + " #" + chart.group(1) + ": almost blank (" + ink + "/"
                    + pixels + ")");
            long minColour = sparse ? 40 : pixels / 500;
            assertTrue(colour > minColour, png + " #" + chart.group(1) + ": no colour (" + colour + "/" + pixels + ")");
            checked++;
        }
        assertTrue(checked > 0);
    }

    private static String chromium(String label, String... args) throws Exception {
        Path profile = Files.createTempDirectory("coact-chromium-");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        Path stdout = OUT.resolve(label.endsWith(".html") ? label : label + ".stdout");
        Path stderr = OUT.resolve(label + ".stderr");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("chromium did not finish within 120 s: " + String.join(" ", command));
            }
            assertEquals(0, process.exitValue(), "chromium failed; see " + stderr + "\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            deleteTree(profile);
        }
    }

    private static Path write(String name, String html) throws IOException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "body has no " + name + "; the page script did not finish");
        return m.group(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a browser profile left in /tmp is harmless
        }
    }
}
