package org.coact.runner.output.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.api.community.WeightedGraph;
import org.coact.analysis.graph.NeuronGraph;
import org.coact.runner.evolve.Evolution;
import org.coact.runner.output.json.EvolutionReport;
import org.coact.runner.output.json.Report;
import org.junit.jupiter.api.Test;

/** The pages as text: self-contained, hostile names inert, deterministic, data intact. */
class HtmlReportsTest {

    private static final Pattern TAG = Pattern.compile("<(script|link|img|iframe|object|embed|source|a|form)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"coact-data\">(.*?)</script>", Pattern.DOTALL);

    private static final ObjectMapper JSON = org.coact.runner.output.json.Json.mapper();

    static Report plainReport() {
        return HtmlFixtures.report(HtmlFixtures.PLAIN_LAYERS, "/models/mlp-epoch10.onnx", 1.0, null, 1);
    }

    static Report hostileReport() {
        return HtmlFixtures.report(HtmlFixtures.HOSTILE_LAYERS, "/models/" + HtmlFixtures.XSS_IMG + ".onnx", 1.0, null,
                1);
    }

    static List<String> pages() {
        Report plain = plainReport();
        Report hostile = hostileReport();
        HtmlFixtures.Series series = HtmlFixtures.series(HtmlFixtures.HOSTILE_LAYERS);
        return List.of(HtmlReports.analysis(plain, HtmlFixtures.graph(plain, 1)),
                HtmlReports.analysis(hostile, HtmlFixtures.graph(hostile, 1)),
                HtmlReports.evolution(series.evolution(), series.last(), series.lastGraph()));
    }

    @Test
    void pagesLoadNothingFromOutsideTheFile() {
        for (String page : pages()) {
            Matcher tags = TAG.matcher(withoutScriptBodies(page));
            while (tags.find()) {
                String tag = tags.group();
                assertFalse(tag.matches("(?is).*\\b(src|href|data|action)\\s*=.*"), "tag loads something: " + tag);
            }
            String outsideScripts = withoutScriptBodies(page);
            assertFalse(outsideScripts.contains("http://") || outsideScripts.contains("https://"),
                    "a URL outside the inlined scripts");
            assertTrue(page.contains("Licensed to the Apache Software Foundation"), "ECharts licence header kept");
            assertTrue(page.contains("default-src 'none'"), "content security policy present");
            assertTrue(page.contains("script-src 'sha256-") && !page.contains("'unsafe-eval'")
                    && !page.contains("script-src 'unsafe-inline'"), "scripts are admitted by hash, not wholesale");
        }
    }

    @Test
    void everyScriptIsAdmittedByItsHash() throws Exception {
        String page = pages().get(0);
        Matcher scripts = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(scripts.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String hash = "'sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "'";
            assertTrue(page.contains(hash), "script " + count + " not in the policy");
            count++;
        }
        assertEquals(3, count, "error recorder, ECharts, page script");
    }

    @Test
    void hostileNamesNeverBecomeMarkup() {
        for (String page : pages()) {
            // ECharts itself builds an <img> for 'save as image'; look at everything but its code
            String lower = withoutScriptBodies(page).toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("<img"), "an <img> tag");
            assertFalse(Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=").matcher(lower).find(), "an event-handler attribute");
            assertFalse(lower.contains("<script>alert"), "an injected script");
            assertFalse(page.contains("\u2028") || page.contains("\u2029"), "raw line separators");
            assertEquals(3, count(page.toLowerCase(Locale.ROOT), "<script>"), "exactly the three own scripts");
            assertEquals(4, count(page.toLowerCase(Locale.ROOT), "</script>"), "three own scripts and the data block");
            String data = dataText(page);
            assertFalse(data.contains("<") || data.contains(">") || data.contains("&"), "raw < > & in the data");
        }
        // the names are still there, escaped, and read back intact
        String evolution = pages().get(2);
        assertTrue(evolution.contains("\\u003Cimg src=x onerror=alert(1)\\u003E"), "escaped <img> name present");
        JsonNode data = data(evolution);
        List<String> layers = new ArrayList<>();
        data.at("/views/layerEntropy/layers").forEach(n -> layers.add(n.asText()));
        assertEquals(List.of(HtmlFixtures.HOSTILE_LAYERS), layers);
        List<String> communityLayers = new ArrayList<>();
        data.at("/views/last/communities/rows").forEach(r -> r.get("layers").fieldNames().forEachRemaining(communityLayers::add));
        assertTrue(communityLayers.contains(HtmlFixtures.XSS_SCRIPT), "hostile layer name in the community table: " + communityLayers);
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        List<String> first = pages();
        List<String> second = pages();
        assertEquals(first, second);
        assertFalse(Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d").matcher(withoutScriptBodies(first.get(0))).find(),
                "no date on the page");
    }

    @Test
    void analysisDataRoundTrips() throws Exception {
        Report report = plainReport();
        JsonNode data = data(HtmlReports.analysis(report, HtmlFixtures.graph(report, 1)));
        assertEquals("analysis", data.get("page").asText());
        JsonNode r = data.get("report");
        assertEquals(report.accuracy(), r.get("accuracy").asDouble(), 0);
        assertEquals(report.summary().get("meanEntropyBits").asDouble(), r.at("/summary/meanEntropyBits").asDouble(), 0);
        assertEquals(report.summary().get("meanMutualInformationBits").asDouble(), r.at("/summary/meanMutualInformationBits").asDouble(),
                0);
        assertEquals(report.communities().modularity(), r.at("/communities/modularity").asDouble(), 0);
        assertEquals(report.layers().get(1).meanEntropyBits(), r.at("/layers/1/meanEntropyBits").asDouble(), 0);
        assertTrue(r.at("/communities/membership").isMissingNode(), "membership digested, not embedded");
        assertTrue(r.get("neurons") == null, "neurons digested, not embedded");

        JsonNode views = data.get("views");
        assertEquals(report.communities().count(),
                views.at("/communities/communities").asInt() + views.at("/communities/singletons").asInt());
        assertEquals(report.graph().totalWeight(), views.at("/communities/totalWeight").asDouble(), 1e-9);
        assertEquals(report.communities().nullModel().z(), views.at("/nullModel/z").asDouble(), 0);
        int histogram = 0;
        for (JsonNode c : views.at("/entropyHistogram/counts")) {
            histogram += c.asInt();
        }
        assertEquals(40, histogram, "every neuron in one bin");
        int sized = 0;
        for (JsonNode c : views.get("communitySizes")) {
            sized += c.get("size").asInt();
        }
        assertEquals(40, sized);
        assertEquals(report.communities().count(), views.get("communitySizes").size());
    }

    @Test
    void evolutionDataRoundTrips() throws Exception {
        HtmlFixtures.Series series = HtmlFixtures.series(HtmlFixtures.PLAIN_LAYERS);
        EvolutionReport evolution = series.evolution();
        JsonNode data = data(HtmlReports.evolution(evolution, series.last(), series.lastGraph()));
        EvolutionReport back = JSON.treeToValue(data.get("evolution"), EvolutionReport.class);
        assertEquals(evolution.checkpoints().size(), back.checkpoints().size());
        for (int c = 0; c < evolution.checkpoints().size(); c++) {
            assertEquals(evolution.checkpoints().get(c).accuracy(), back.checkpoints().get(c).accuracy(), 0);
            assertEquals(evolution.checkpoints().get(c).communities().modularity(),
                    back.checkpoints().get(c).communities().modularity(), 0);
        }
        assertEquals(-0.91, back.correlations().get(1).pearson().value(), 0);
        assertNull(back.correlations().get(2).spearman().value(), "null stays null");
        assertEquals(evolution.transitions().get(2).flows(), back.transitions().get(2).flows());
        List<String> labels = new ArrayList<>();
        data.at("/views/labels").forEach(n -> labels.add(n.asText()));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), labels);
        assertEquals("epoch", data.at("/views/axis").asText());
        assertEquals(series.last().layers().get(2).meanEntropyBits(),
                data.at("/views/layerEntropy/values/2/10").asDouble(), 0);
    }

    @Test
    void sankeySkipsEmptyTransitionsAndNamesNodesByEpoch() {
        HtmlFixtures.Series series = HtmlFixtures.series(HtmlFixtures.PLAIN_LAYERS);
        ChartViews.Sankey sankey = ChartViews.sankey(series.evolution());
        int flows = series.evolution().transitions().stream().mapToInt(t -> t.flows().size()).sum();
        assertEquals(flows, sankey.links().size());
        assertTrue(sankey.links().stream().noneMatch(l -> l.source().startsWith("e" + HtmlFixtures.EMPTY_TRANSITION
                + ":") && l.target().startsWith("e" + (HtmlFixtures.EMPTY_TRANSITION + 1) + ":")));
        assertTrue(sankey.nodes().stream().anyMatch(n -> n.name().equals("e3:c0")));
        for (ChartViews.SankeyLink link : sankey.links()) {
            ChartViews.SankeyNode source = node(sankey, link.source());
            ChartViews.SankeyNode target = node(sankey, link.target());
            assertEquals(source.checkpoint() + 1, target.checkpoint());
            assertEquals(source.depth() + 1, target.depth(), "adjacent columns");
        }
    }

    /**
     * Colours follow lineage, not community numbers: c0 of epoch 0 continues as c5 and then c2,
     * so all three share lineage 0; c1 ends (its flow to c6 is no continuation), so c6 starts
     * lineage 2, which c3 continues.
     */
    @Test
    void sankeyLineageFollowsContinuationsNotCommunityNumbers() {
        EvolutionReport e = HtmlFixtures.series(HtmlFixtures.PLAIN_LAYERS).evolution();
        List<Evolution.Transition> transitions = List.of(
                new Evolution.Transition(0, 1, 1, 1, 1, 0, 0,
                        List.of(new Evolution.Flow(0, 5, 10, 0.9), new Evolution.Flow(1, 6, 3, 0.2)),
                        List.of(new Evolution.Event("continuation", List.of(0), List.of(5), 0.9))),
                new Evolution.Transition(1, 2, 2, 0, 0, 0, 0,
                        List.of(new Evolution.Flow(5, 2, 9, 0.8), new Evolution.Flow(6, 2, 1, 0.05),
                                new Evolution.Flow(6, 3, 4, 0.6)),
                        List.of(new Evolution.Event("continuation", List.of(5), List.of(2), 0.8),
                                new Evolution.Event("continuation", List.of(6), List.of(3), 0.6))));
        EvolutionReport three = new EvolutionReport(e.schema(), e.tool(), e.dataset(), e.config(), e.tracking(),
                e.checkpoints().subList(0, 3), e.correlations(), transitions, e.timings());
        ChartViews.Sankey sankey = ChartViews.sankey(three);
        Map<String, Integer> lineage = new LinkedHashMap<>();
        sankey.nodes().forEach(n -> lineage.put(n.name(), n.lineage()));
        assertEquals(Map.of("e0:c0", 0, "e0:c1", 1, "e1:c5", 0, "e1:c6", 2, "e2:c2", 0, "e2:c3", 2), lineage);
    }

    @Test
    void classHeatmapCountsLiveNeuronsOfCommunitiesWithTwoOrMore() {
        Report report = plainReport();
        ChartViews.ClassHeatmap heatmap = ChartViews.classHeatmap(report);
        Map<String, Integer> membership = report.communities().membership();
        int expected = 0;
        int dead = 0;
        for (Report.NeuronFigures n : report.neurons()) {
            int community = membership.get(n.id());
            if (membership.values().stream().filter(c -> c == community).count() >= 2) {
                if (n.preferredClass() == null) {
                    dead++;
                } else {
                    expected++;
                }
            }
        }
        int counted = heatmap.counts().stream().flatMapToInt(java.util.Arrays::stream).sum();
        assertEquals(expected, counted);
        assertEquals(dead, heatmap.withoutPreferredClass());
        assertEquals(HtmlFixtures.CLASSES, heatmap.classes());
        for (int r = 1; r < heatmap.sizes().size(); r++) {
            assertTrue(heatmap.sizes().get(r - 1) >= heatmap.sizes().get(r), "largest first");
        }
    }

    @Test
    void communityViewSumsWeightsWithinAndBetweenCommunitiesAndDropsSingletons() {
        // Five neurons: a:0,a:1,b:0 in community 0; b:1,b:2 in community 1; a:2 alone (community 2).
        // Edges: a:0-a:1 (2), a:1-b:0 (3), b:1-b:2 (4), b:0-b:1 (1.5), a:0-b:2 (0.5), a:2-a:0 (7).
        List<String> ids = List.of("a:0", "a:1", "a:2", "b:0", "b:1", "b:2");
        int[] s = {0, 1, 4, 3, 0, 0};
        int[] t = {1, 3, 5, 4, 5, 2};
        double[] w = {2, 3, 4, 1.5, 0.5, 7};
        Map<String, Integer> membership = new LinkedHashMap<>();
        int[] community = {0, 0, 2, 0, 1, 1};
        double[] mi = {0.3, 0.9, 0.1, 0.5, 0.2, 0.7};
        Integer[] preferred = {4, 4, null, 7, null, 1};
        List<Report.NeuronFigures> neurons = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            membership.put(ids.get(i), community[i]);
            String layer = ids.get(i).substring(0, 1);
            neurons.add(new Report.NeuronFigures(ids.get(i), layer, i % 3, 0.0, 1, 0.5, 1, 1 - mi[i], mi[i],
                    preferred[i], 0.5, new long[1], new double[1]));
        }
        Report base = plainReport();
        Report.Communities k = base.communities();
        Report.Communities communities = new Report.Communities(k.algorithm(), k.plugin(), k.parameters(), k.seed(),
                3, 2, k.modularity(), new int[] {3, 2, 1}, k.coverage(), k.meanConductance(), k.purity(), k.nmi(),
                k.alignedNeurons(), k.nullModel(), membership);
        Report report = new Report(base.schema(), base.tool(), base.model(), base.dataset(), 0.5, 1, base.config(),
                base.summary(), List.of(layer("a", 3), layer("b", 3)), neurons, base.graph(), communities,
                List.of(), List.of(), Map.of());
        CommunityViews.View view = CommunityViews.of(report, new NeuronGraph(ids, new WeightedGraph(6, s, t, w)));
        assertEquals(2, view.communities());
        assertEquals(1, view.singletons(), "a:2 is left out and counted");
        assertEquals(18, view.totalWeight(), 0);
        assertEquals(List.of(0, 1), view.rows().stream().map(CommunityViews.Row::community).toList(), "largest first");
        CommunityViews.Row first = view.rows().get(0);
        assertEquals(3, first.size());
        assertEquals(5, first.internalWeight(), 0, "2 + 3");
        assertEquals(Map.of("a", 2, "b", 1), first.layers());
        assertEquals(List.of(4, 7), List.copyOf(first.topClasses().keySet()), "class 4 twice, then 7");
        assertEquals(2, first.topClasses().get(4));
        assertEquals(List.of("a:1", "b:0", "a:0"), first.topNeurons().stream().map(CommunityViews.TopNeuron::id).toList());
        CommunityViews.Row second = view.rows().get(1);
        assertEquals(4, second.internalWeight(), 0);
        assertEquals(1, second.unaligned());
        assertEquals(1, view.links().size(), "the edge to the singleton is not drawn");
        CommunityViews.Link link = view.links().get(0);
        assertEquals(0, link.source());
        assertEquals(1, link.target());
        assertEquals(2, link.weight(), 0, "1.5 + 0.5");
    }

    @Test
    void missingGraphOrLastAnalysisStillGivesAPage() throws Exception {
        Report report = plainReport();
        JsonNode analysis = data(HtmlReports.analysis(report, null));
        assertTrue(analysis.at("/views/communities").isMissingNode());
        HtmlFixtures.Series series = HtmlFixtures.series(HtmlFixtures.PLAIN_LAYERS);
        JsonNode evolution = data(HtmlReports.evolution(series.evolution(), null, null));
        assertTrue(evolution.at("/views/last").isMissingNode());
    }

    private static Report.LayerFigures layer(String name, int neurons) {
        return new Report.LayerFigures(name, "Relu", new long[] {neurons}, -1, neurons, 0.5, 1, 1, 0, 0, 0,
                new double[1]);
    }

    private static ChartViews.SankeyNode node(ChartViews.Sankey sankey, String name) {
        return sankey.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    static JsonNode data(String page) {
        try {
            return JSON.readTree(dataText(page));
        } catch (Exception e) {
            throw new AssertionError("data block is not JSON", e);
        }
    }

    private static String dataText(String page) {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "no #coact-data block");
        return m.group(1);
    }

    /** The page with the bodies of its executable scripts cut out (ECharts mentions URLs). */
    private static String withoutScriptBodies(String page) {
        return page.replaceAll("(?s)<script>.*?</script>", "<script></script>");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
