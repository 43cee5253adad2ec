package org.coact.runner.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.coact.api.ConfigException;
import org.coact.runner.analysis.EdgeWeighting;
import org.coact.runner.analysis.Reduction;
import org.coact.runner.analysis.Scope;
import org.coact.runner.analysis.SettingIds;

/**
 * Builds the effective {@link AnalysisConfig}: built-in defaults, then the user's YAML file,
 * then command-line overrides given as dotted keys ({@code community.seed}). Binding is strict:
 * an unknown key, a wrong type or an invalid value is a {@link ConfigException} naming the key
 * and where it came from.
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "coact.yaml";
    /**
     * Values METHOD.md defines that this version does not compute yet: refused by name rather
     * than silently replaced by the default.
     */
    private static final Map<String, Set<String>> NOT_YET = Map.of(
            "graph.scope", Set.of("all"),
            "graph.weight", Set.of("count", "jaccard", "phi", "lift"));

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * @param userFile a YAML file to overlay, or null
     * @param overrides dotted keys to values from the command line (applied last, in order)
     * @return the validated effective configuration
     * @throws ConfigException naming the bad key and its source
     */
    public AnalysisConfig load(Path userFile, Map<String, Object> overrides) throws ConfigException {
        ObjectNode tree = defaults();
        String source = "the built-in defaults";
        if (userFile != null) {
            source = userFile.toString();
            if (!Files.exists(userFile)) {
                throw new ConfigException("config file not found: " + userFile);
            }
            if (Files.isDirectory(userFile)) {
                throw new ConfigException("config " + userFile + " is a directory; pass a YAML file to --config");
            }
            JsonNode user;
            try (InputStream in = Files.newInputStream(userFile)) {
                user = yaml.readTree(in);
            } catch (IOException e) {
                throw new ConfigException("config " + userFile + " is not valid YAML: " + firstLine(e.getMessage()), e);
            }
            if (user != null && !user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) {
                    throw new ConfigException("config " + userFile + " must be a YAML mapping of keys to values");
                }
                merge(tree, (ObjectNode) user, "", userFile);
            }
        }
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            set(tree, e.getKey(), e.getValue());
        }
        if (overrides.isEmpty() == false && userFile == null) {
            source = "the command line";
        }
        AnalysisConfig config = bind(tree, source);
        validate(config, source);
        return config;
    }

    /** @return the built-in defaults, bound */
    public AnalysisConfig defaultsConfig() throws ConfigException {
        return bind(defaults(), "the built-in defaults");
    }

    private ObjectNode defaults() throws ConfigException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("built-in default configuration " + DEFAULTS + " is missing from the runner jar");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("built-in default configuration is unreadable: " + e.getMessage(), e);
        }
    }

    private void merge(ObjectNode target, ObjectNode overlay, String prefix, Path file) throws ConfigException {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            JsonNode existing = target.get(f.getKey());
            if (existing == null) {
                throw new ConfigException("unknown key '" + key + "' in config " + file + "; known keys here: "
                        + fieldNames(target));
            }
            boolean isOptions = key.equals("community.options");
            if (existing.isObject() && f.getValue().isObject() && !isOptions) {
                merge((ObjectNode) existing, (ObjectNode) f.getValue(), key + ".", file);
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    private void set(ObjectNode tree, String dottedKey, Object value) throws ConfigException {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw new ConfigException("unknown configuration key '" + dottedKey + "'");
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (!node.has(leaf) && !dottedKey.startsWith("community.options.")) {
            throw new ConfigException("unknown configuration key '" + dottedKey + "'");
        }
        node.set(leaf, yaml.valueToTree(value));
    }

    private AnalysisConfig bind(ObjectNode tree, String source) throws ConfigException {
        for (Map.Entry<String, Set<String>> e : NOT_YET.entrySet()) {
            String[] key = e.getKey().split("\\.");
            JsonNode value = tree.path(key[0]).path(key[1]);
            if (value.isTextual() && e.getValue().contains(value.textValue())) {
                throw new ConfigException("config key '" + e.getKey() + "' in " + source + " is '" + value.textValue()
                        + "': docs/METHOD.md defines it, but this version of Coact does not compute it yet; allowed: "
                        + allowed(e.getKey()));
            }
        }
        JsonNode threshold = tree.get("threshold");
        try {
            ThresholdSetting.of(threshold);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config key 'threshold' in " + source + " is '"
                    + (threshold == null ? "" : threshold.isTextual() ? threshold.textValue() : threshold.toString())
                    + "'; it must be " + ThresholdSetting.EXPECTED);
        }
        try {
            return yaml.treeToValue(tree, AnalysisConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown key '" + path(e) + "' in " + source);
        } catch (InvalidFormatException e) {
            throw new ConfigException("config key '" + path(e) + "' in " + source + " has the wrong type: '"
                    + e.getValue() + "' is not a " + e.getTargetType().getSimpleName());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new ConfigException("config key '" + path(e) + "' in " + source + " " + firstLine(cause.getMessage()));
        } catch (MismatchedInputException e) {
            throw new ConfigException("config key '" + path(e) + "' in " + source + " has the wrong type or is missing");
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration from " + source + " is invalid: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static void validate(AnalysisConfig c, String source) throws ConfigException {
        if (c.layers().isEmpty() || c.layers().stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new ConfigException("config key 'layers' in " + source + " must list 'auto' or layer names/globs");
        }
        if (c.threshold() == null) {
            throw new ConfigException("config key 'threshold' in " + source + " is missing");
        }
        if (c.reduce() == null) {
            throw new ConfigException("config key 'reduce' in " + source + " is empty; allowed: "
                    + SettingIds.allowed(Reduction.class));
        }
        if (c.graph() == null || c.community() == null || c.data() == null) {
            throw new ConfigException("configuration from " + source + " lacks a 'graph', 'community' or 'data' section");
        }
        if (c.graph().scope() == null || c.graph().weight() == null) {
            throw new ConfigException("config keys 'graph.scope' and 'graph.weight' in " + source + " must be set");
        }
        if (!(c.graph().minWeight() >= 0)) {
            throw new ConfigException("config key 'graph.min_weight' in " + source + " must be >= 0");
        }
        if (c.graph().topK() < 0) {
            throw new ConfigException("config key 'graph.top_k' in " + source + " must be >= 0");
        }
        if (!(c.community().resolution() > 0) || Double.isInfinite(c.community().resolution())) {
            throw new ConfigException("config key 'community.resolution' in " + source + " must be a positive number");
        }
        if (c.community().algorithm() == null || c.community().algorithm().isBlank()) {
            throw new ConfigException("config key 'community.algorithm' in " + source + " is empty");
        }
        if (c.batchSize() < 1) {
            throw new ConfigException("config key 'batch_size' in " + source + " must be >= 1");
        }
        if (!(c.data().scale() > 0) || Double.isInfinite(c.data().scale())) {
            throw new ConfigException("config key 'data.scale' in " + source + " must be a positive number");
        }
    }

    private static String allowed(String key) {
        return key.equals("graph.scope") ? SettingIds.allowed(Scope.class) : SettingIds.allowed(EdgeWeighting.class);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String fieldNames(ObjectNode node) {
        StringBuilder sb = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
