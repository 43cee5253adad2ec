package org.coact.runner.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.coact.analysis.Settings;
import org.coact.analysis.activity.Threshold;
import org.coact.api.ConfigException;

/**
 * Builds the effective {@link Configuration}: the built-in defaults (the distribution's
 * {@code conf/coact.yaml}, the one place every default is written), then the user's YAML file,
 * then command-line overrides given as dotted keys ({@code community.seed}). The merged tree
 * binds straight into the typed records ({@link Settings}, {@link EvolveSettings}) through
 * Jackson; the records validate themselves. Binding is strict: an unknown or duplicate key, a
 * wrong type or an invalid value is a {@link ConfigException} naming the key, the value and
 * where it came from.
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "coact.yaml";

    /** Mappings whose keys are the user's (an algorithm's options, model input names), not ours. */
    private static final java.util.Set<String> FREE_MAPPINGS = java.util.Set.of("community.options", "inputs");

    private final ObjectMapper yaml = strict(SettingsJson.configure(YAMLMapper.builder(
                    YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT))
            .build();

    /**
     * No coercion between kinds of value: a quoted {@code "64"} is text, not a batch size, and
     * {@code 1} is not {@code true}. (Numbers still read as text where text is due: an output
     * named {@code 23}.)
     */
    private static YAMLMapper.Builder strict(YAMLMapper.Builder builder) {
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            builder.withCoercionConfig(type, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
        }
        builder.withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer,
                CoercionAction.Fail).setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        return builder;
    }

    /**
     * @param userFile a YAML file to overlay, or null
     * @param overrides dotted keys to values from the command line (applied last, in order)
     * @return the validated effective configuration
     * @throws ConfigException naming the bad key and its source
     */
    public Configuration load(Path userFile, Map<String, Object> overrides) throws ConfigException {
        ObjectNode tree = defaults();
        String source = "the built-in defaults";
        if (userFile != null) {
            source = userFile.toString();
            merge(tree, read(userFile), "", userFile);
        }
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            set(tree, e.getKey(), e.getValue());
        }
        if (!overrides.isEmpty() && userFile == null) {
            source = "the command line";
        }
        return bind(tree, source);
    }

    /**
     * Reads a value given on the command line ({@code --set key=value}) as YAML: {@code 0.5},
     * {@code true}, {@code [a, b]}, {@code {iterations: 5}} or plain text.
     *
     * @param key the dotted key it is for (named in the error)
     * @param text the value as typed
     * @return the value as a tree
     * @throws ConfigException if it is not valid YAML
     */
    public static JsonNode yamlValue(String key, String text) throws ConfigException {
        if (text.isBlank()) {
            throw new ConfigException("--set " + key + " has no value; write --set " + key + "=VALUE");
        }
        try {
            JsonNode value = new ObjectMapper(new YAMLFactory()).readTree(text);
            return value == null ? com.fasterxml.jackson.databind.node.TextNode.valueOf(text) : value;
        } catch (JsonProcessingException e) {
            throw ConfigErrors.setValue(e, key, text);
        } catch (IOException e) {
            throw new ConfigException("--set " + key + "=" + text + " is not a valid YAML value: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** @return the built-in defaults, bound */
    public Configuration defaultsConfig() throws ConfigException {
        return bind(defaults(), "the built-in defaults");
    }

    private ObjectNode read(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException("config file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException("config " + file + " is a directory; pass a YAML file to --config");
        }
        JsonNode user;
        try (InputStream in = Files.newInputStream(file)) {
            user = yaml.readTree(in);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.parsing(e, file);
        } catch (IOException e) {
            throw new ConfigException("config " + file + " is not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return yaml.createObjectNode();
        }
        if (!user.isObject()) {
            throw new ConfigException("config " + file + " must be a YAML mapping of keys to values");
        }
        return (ObjectNode) user;
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
            boolean isOptions = FREE_MAPPINGS.contains(key);
            if (existing.isObject() && f.getValue().isObject() && !isOptions) {
                merge((ObjectNode) existing, (ObjectNode) f.getValue(), key + ".", file);
            } else if (existing.isObject() && !isOptions && !f.getValue().isObject()) {
                throw new ConfigException("config key '" + key + "' in " + file + " must be a mapping of "
                        + fieldNames((ObjectNode) existing));
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
        if (!node.has(leaf) && FREE_MAPPINGS.stream().noneMatch(m -> dottedKey.startsWith(m + "."))) {
            throw new ConfigException("unknown configuration key '" + dottedKey + "'");
        }
        node.set(leaf, yaml.valueToTree(value));
    }

    private Configuration bind(ObjectNode tree, String source) throws ConfigException {
        JsonNode threshold = tree.get("threshold");
        try {
            SettingsJson.threshold(threshold);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config key 'threshold' in " + source + " is '"
                    + (threshold == null ? "" : threshold.isValueNode() ? threshold.asText() : threshold.toString())
                    + "'; it must be " + Threshold.EXPECTED);
        }
        ObjectNode analysis = tree.deepCopy();
        JsonNode evolve = analysis.remove("evolve");
        Settings settings = bind(analysis, Settings.class, "", source);
        EvolveSettings evolveSettings = bind(evolve == null ? yaml.createObjectNode() : evolve, EvolveSettings.class,
                "evolve.", source);
        return new Configuration(settings, evolveSettings);
    }

    private <T> T bind(JsonNode tree, Class<T> type, String prefix, String source) throws ConfigException {
        try {
            return yaml.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.binding(e, prefix, source);
        }
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
