package org.coact.runner.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.util.List;
import org.coact.analysis.DataSettings;
import org.coact.analysis.ConstantInput;
import org.coact.analysis.BatchSize;
import org.coact.analysis.Settings;
import org.coact.analysis.community.CommunitySettings;
import org.coact.analysis.graph.GraphSettings;
import org.coact.analysis.activity.Threshold;

/**
 * How the typed settings records read and write as YAML and JSON: their keys in snake case
 * ({@code batch_size}, {@code min_weight}, by a mix-in, so other records keep their names),
 * enum constants in lower case ({@code adjacent},
 * {@code frequency}), and {@code threshold} as a number (a fixed tau) or the string
 * {@code quantile q} as the user wrote it, {@code batch_size} as a whole number or {@code auto}. The config loader and every report writer configure
 * their mappers here, so a setting reads back as it was written.
 */
public final class SettingsJson {

    private SettingsJson() {
    }

    /**
     * @param builder a mapper builder
     * @param <M> the mapper type
     * @param <B> the builder type
     * @return the builder, configured for the settings records
     */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        SimpleModule module = new SimpleModule("coact-settings");
        module.addSerializer(Threshold.class, new ThresholdSerializer());
        module.addDeserializer(Threshold.class, new ThresholdDeserializer());
        module.addSerializer(ConstantInput.class, new ConstantInputSerializer());
        module.addDeserializer(ConstantInput.class, new ConstantInputDeserializer());
        module.addSerializer(BatchSize.class, new BatchSizeSerializer());
        module.addDeserializer(BatchSize.class, new BatchSizeDeserializer());
        for (Class<?> settings : List.of(Settings.class, GraphSettings.class, CommunitySettings.class,
                DataSettings.class, EvolveSettings.class, org.coact.analysis.OutputSettings.class)) {
            module.setMixInAnnotation(settings, SnakeCase.class);
        }
        return builder.addModule(module)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
    }

    /** One JSON mapper for {@link #write} and {@link #read}. */
    private static final class Codec {
        static final ObjectMapper JSON = configure(com.fasterxml.jackson.databind.json.JsonMapper.builder()).build();
    }

    /**
     * The settings as one line of JSON, in the keys and forms a report's {@code config} has.
     *
     * @param settings settings
     * @return JSON that {@link #read} turns back into equal settings
     * @throws IllegalStateException if they do not read back equal (a bug)
     */
    public static String write(Settings settings) {
        try {
            String json = Codec.JSON.writeValueAsString(settings);
            if (!Codec.JSON.readValue(json, Settings.class).equals(settings)) {
                throw new IllegalStateException("settings do not read back as written: " + json);
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException("settings cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param json settings as {@link #write} wrote them
     * @return the settings
     * @throws IllegalArgumentException if the JSON is not such settings
     */
    public static Settings read(String json) {
        try {
            return Codec.JSON.readValue(json, Settings.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not settings written by SettingsJson.write: " + e.getMessage(), e);
        }
    }

    /** Mix-in: the settings records' keys in snake case, without touching other records. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    private abstract static class SnakeCase {
    }

    private static final class ThresholdSerializer extends JsonSerializer<Threshold> {
        @Override
        public void serialize(Threshold value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value instanceof Threshold.Fixed f) {
                gen.writeNumber(f.tau());
            } else {
                gen.writeString(((Threshold.Quantile) value).text());
            }
        }
    }

    /**
     * @param node a YAML/JSON value
     * @return the threshold it means: a number is a fixed tau, a string a number or {@code quantile q}
     * @throws IllegalArgumentException if it is neither
     */
    static Threshold threshold(JsonNode node) {
        if (node != null && node.isNumber()) {
            return new Threshold.Fixed(node.doubleValue());
        }
        if (node != null && node.isTextual()) {
            return Threshold.parse(node.textValue());
        }
        throw new IllegalArgumentException("threshold must be " + Threshold.EXPECTED + ", got " + node);
    }

    private static final class ConstantInputSerializer extends JsonSerializer<ConstantInput> {
        @Override
        public void serialize(ConstantInput value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeNumber(value.value());
        }
    }

    private static final class ConstantInputDeserializer extends JsonDeserializer<ConstantInput> {
        @Override
        public ConstantInput deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            try {
                if (node.isNumber()) {
                    return new ConstantInput(node.doubleValue());
                }
                if (node.isTextual()) {
                    return ConstantInput.parse(node.textValue());
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            return (ConstantInput) ctxt.handleWeirdStringValue(ConstantInput.class, String.valueOf(node),
                    "a constant input is a number, zeros or ones");
        }
    }

    private static final class ThresholdDeserializer extends JsonDeserializer<Threshold> {
        @Override
        public Threshold deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            try {
                return threshold(node);
            } catch (IllegalArgumentException e) {
                return (Threshold) ctxt.handleWeirdStringValue(Threshold.class, String.valueOf(node),
                        "it must be %s", Threshold.EXPECTED);
            }
        }
    }

    private static final class BatchSizeSerializer extends JsonSerializer<BatchSize> {
        @Override
        public void serialize(BatchSize value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value.auto()) {
                gen.writeString(value.toString());
            } else {
                gen.writeNumber(value.samples());
            }
        }
    }

    /**
     * A whole number from 1 to 2^31 - 1, or the text {@code auto}; nothing else is coerced. The
     * errors are the kinds {@link ConfigErrors} words for any number: a quoted number is text, a
     * fraction not a whole number, a long out of range.
     */
    private static final class BatchSizeDeserializer extends JsonDeserializer<BatchSize> {
        @Override
        public BatchSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                if (p.getText().equals("auto")) {
                    return BatchSize.AUTO;
                }
                throw InvalidFormatException.from(p, "not a batch size", p.getText(), BatchSize.class);
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() != JsonParser.NumberType.INT) {
                    throw new InputCoercionException(p, "batch size out of range", t, Integer.TYPE);
                }
                if (p.getIntValue() < 1) {
                    throw InvalidFormatException.from(p, "not a batch size", p.getIntValue(), BatchSize.class);
                }
                return BatchSize.of(p.getIntValue());
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                throw InvalidFormatException.from(p, "not a batch size", p.getDoubleValue(), BatchSize.class);
            }
            return (BatchSize) ctxt.handleUnexpectedToken(BatchSize.class, p);
        }
    }
}
