package org.coact.runner.output.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.runner.output.json.Json;

/**
 * Assembles a self-contained page from the templates in this package's resources: the CSS,
 * ECharts and the page script inline, the data as script-safe JSON, and a
 * Content-Security-Policy that admits exactly those scripts (by SHA-256) and nothing from
 * anywhere else.
 */
final class HtmlPage {

    /** Class-path location of the inlined ECharts build (webjar {@code org.webjars.npm:echarts}). */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private static final String RESOURCES = "/org/coact/runner/output/html/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z-]+)\\}\\}");
    private static final ObjectMapper JSON = scriptSafeMapper();

    private HtmlPage() {
    }

    /**
     * Renders a page.
     *
     * @param kind {@code analysis} or {@code evolution}: picks {@code <kind>-body.html}
     * @param title the document title (a constant: model names are set by the script)
     * @param data the page's data, serialised into {@code #coact-data}
     * @return the HTML
     */
    static String render(String kind, String title, Object data) {
        String errorsJs = script(resource("errors.js"));
        String echarts = Resources.ECHARTS_JS;
        String reportJs = script(resource("report.js"));
        String csp = "default-src 'none'; script-src " + hash(errorsJs) + " " + Resources.ECHARTS_HASH + " "
                + hash(reportJs)
                + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
        Map<String, String> slots = Map.of(
                "title", title,
                "csp", csp,
                "css", resource("report.css"),
                "body", resource(kind + "-body.html"),
                "data", json(data),
                "errors-js", errorsJs,
                "echarts-js", echarts,
                "report-js", reportJs);
        return fill(resource("page.html"), slots);
    }

    /**
     * Serialises data for a {@code <script type="application/json">} block: compact, map
     * entries ordered by key, and {@code < > &} U+2028 U+2029 as {@code \\uXXXX} so that no
     * string can close the script element or start markup.
     *
     * @param data a record, map or tree
     * @return the JSON text
     */
    static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report data: " + e.getMessage(), e);
        }
    }

    /** @return the mapper behind {@link #json}, for building trees with the same settings */
    static ObjectMapper mapper() {
        return JSON;
    }

    private static ObjectMapper scriptSafeMapper() {
        ObjectMapper mapper = Json.mapper().copy()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        mapper.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
        return mapper;
    }

    /** Text inlined in a script element: line ends as the HTML parser will see them, no end tag. */
    private static String script(String source) {
        String text = source.indexOf('\r') < 0 ? source : source.replace("\r\n", "\n").replace('\r', '\n');
        for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
            // '</script' in any case (a 1 MB lower-cased copy of ECharts took 12 ms), or '<!--'
            if (text.regionMatches(true, at, "</script", 0, 8) || text.startsWith("<!--", at)) {
                throw new IllegalStateException("an inlined script contains '</script' or '<!--'");
            }
        }
        return text;
    }

    private static String hash(String scriptText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scriptText.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String fill(String template, Map<String, String> slots) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 1_200_000);
        int at = 0;
        while (m.find()) {
            String value = slots.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template slot " + m.group() + " has no value");
            }
            out.append(template, at, m.start()).append(value);
            at = m.end();
        }
        return out.append(template, at, template.length()).toString();
    }

    static String resource(String name) {
        return Resources.read(RESOURCES + name);
    }

    /** Loaded once: ECharts is a megabyte. */
    private static final class Resources {
        /** ECharts as inlined, checked and hashed once per JVM (evolve writes a page per checkpoint and the series). */
        static final String ECHARTS_JS = script(read(ECHARTS));
        static final String ECHARTS_HASH = hash(ECHARTS_JS);

        static String read(String path) {
            try (InputStream in = HtmlPage.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + path + " is missing from the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + path, e);
            }
        }
    }

    /** JSON's standard escapes plus {@code < > &} and the two JavaScript line separators. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        ScriptSafeEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
