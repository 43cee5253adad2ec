package org.coact.runner.output.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.coact.runner.config.SettingsJson;

/** The one JSON mapper of every output: pretty-printed, settings written as configured. */
public final class Json {

    private static final ObjectMapper MAPPER = SettingsJson.configure(JsonMapper.builder())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private Json() {
    }

    /** @return the mapper (shared and thread-safe; copy it to reconfigure) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
