package org.coact.runner.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.coact.api.ConfigException;

/**
 * One line for whatever Jackson refused while reading or binding the configuration, naming the
 * key, the value and what it must be, in the user's terms (a whole number, text, a list), never
 * Jackson's or Java's ({@code java.lang.String}, {@code START_ARRAY}).
 */
final class ConfigErrors {

    /** A record's own validation message: {@code "key: what is wrong"}. */
    private static final Pattern KEYED = Pattern.compile("([a-z_]+): (.*)", Pattern.DOTALL);
    /** What the YAML parser says of {@code .nan}, {@code .inf} and other numbers it cannot read. */
    private static final Pattern MALFORMED_NUMBER = Pattern.compile("(?s).*Malformed numeric value '([^']*)'.*");

    private ConfigErrors() {
    }

    /**
     * @param e what the YAML parser threw reading a file
     * @param file the file
     * @return the error; a number the parser cannot read ({@code .nan}, {@code .inf}) names its key
     */
    static ConfigException parsing(JsonProcessingException e, Object file) {
        Matcher m = MALFORMED_NUMBER.matcher(String.valueOf(e.getOriginalMessage()));
        String key = key(e);
        if (m.matches() && !key.isEmpty()) {
            return new ConfigException("config key '" + key + "' in " + file + " is '" + m.group(1)
                    + "'; it must be a finite number", e);
        }
        return new ConfigException("config " + file + " is not valid YAML: " + firstLine(e.getOriginalMessage())
                + location(e), e);
    }

    /**
     * @param e what the YAML parser threw reading a {@code --set} value
     * @param key the dotted key it is for
     * @param text the value as typed
     * @return the error
     */
    static ConfigException setValue(JsonProcessingException e, String key, String text) {
        if (MALFORMED_NUMBER.matcher(String.valueOf(e.getOriginalMessage())).matches()) {
            return new ConfigException("--set " + key + "=" + text + ": '" + text + "' is not a finite number", e);
        }
        return new ConfigException("--set " + key + "=" + text + " is not a valid YAML value: "
                + firstLine(e.getOriginalMessage()), e);
    }

    /**
     * @param e what binding the merged tree threw
     * @param prefix the dotted prefix of the bound section ({@code evolve.} or empty)
     * @param source where the values came from, for the message
     * @return the error naming the key and the value
     */
    static ConfigException binding(JsonProcessingException e, String prefix, String source) {
        String at = prefix + key(e);
        if (e instanceof UnrecognizedPropertyException) {
            return new ConfigException("unknown key '" + at + "' in " + source, e);
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigException("config key '" + at + "' in " + source + " is " + invalid(f), e);
        }
        if (e instanceof ValueInstantiationException v) {
            String message = v.getCause() != null && v.getCause().getMessage() != null ? v.getCause().getMessage()
                    : v.getOriginalMessage();
            String key = at;
            String relative = key(e);
            if (v.getCause() instanceof NullPointerException && message.matches("[a-z][A-Za-z]*")) {
                // a record's requireNonNull(value, "name"): the key is there but empty
                message = message.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT) + ": has no value; give it one";
            }
            Matcher m = KEYED.matcher(firstLine(message));
            if (m.matches()) {
                key = prefix + (relative.isEmpty() ? "" : relative + ".") + m.group(1);
                message = m.group(2);
            }
            return new ConfigException("config key '" + key + "' in " + source + ": " + firstLine(message), e);
        }
        InputCoercionException c = coercion(e);
        if (c != null) {
            return new ConfigException("config key '" + at + "' in " + source + " is " + text(c) + ", out of the range "
                    + "of a " + typeName(c.getTargetType()) + range(c.getTargetType()), e);
        }
        if (e instanceof MismatchedInputException m) {
            String given = given(m);
            Class<?> target = m.getTargetType();
            return new ConfigException("config key '" + at + "' in " + source + " is " + given + "; it must be "
                    + article(typeName(target)) + (given.startsWith("the text") && (isNumber(target)
                            || isBoolean(target)) ? ", written without quotes" : ""), e);
        }
        return new ConfigException("configuration from " + source + " is invalid" + (at.isEmpty() ? "" : " at key '"
                + at + "'") + ": " + firstLine(e.getOriginalMessage()), e);
    }

    private static String invalid(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        Object value = e.getValue();
        if (target != null && target.isEnum()) {
            return "'" + value + "'; allowed: " + Arrays.stream(target.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (value instanceof String s && target == org.coact.analysis.BatchSize.class) {
            return "the text '" + s + "'; it must be " + article(typeName(target))
                    + (s.matches("-?[0-9]+") ? ", a number written without quotes" : "");
        }
        if (value instanceof String s && (isNumber(target) || isBoolean(target))) {
            return "the text '" + s + "'; it must be " + article(typeName(target)) + ", written without quotes";
        }
        return (value instanceof String ? "'" + value + "'" : String.valueOf(value)) + " (not "
                + article(typeName(target)) + ")";
    }

    /** @return the number-range error behind {@code e}, if that is what it is */
    private static InputCoercionException coercion(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputCoercionException c) {
                return c;
            }
        }
        return null;
    }

    private static String text(InputCoercionException e) {
        try {
            JsonParser p = e.getProcessor();
            return p == null ? "a number" : p.getText();
        } catch (java.io.IOException | RuntimeException ex) {
            return "a number";
        }
    }

    private static String text(JsonParser p) {
        try {
            return p.getText();
        } catch (java.io.IOException | RuntimeException ex) {
            return "";
        }
    }

    private static String range(Class<?> type) {
        return type == int.class || type == Integer.class ? " (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")"
                : type == long.class || type == Long.class ? " (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")" : "";
    }

    /** @return what the value that did not fit is, from the token the binder was at */
    private static String given(MismatchedInputException e) {
        JsonToken t = e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
        if (t == null) {
            return "missing or of the wrong type";
        }
        return switch (t) {
            case START_ARRAY, END_ARRAY -> "a list";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "a mapping";
            case VALUE_STRING -> "the text '" + text((JsonParser) e.getProcessor()) + "'";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "empty";
            default -> "of the wrong type";
        };
    }

    /**
     * @param type a target type
     * @return its name in the user's terms
     */
    static String typeName(Class<?> type) {
        if (type == null) {
            return "value of the right type";
        }
        if (type == org.coact.analysis.ConstantInput.class) {
            return "number, zeros or ones";
        }
        if (type == org.coact.analysis.BatchSize.class) {
            return "whole number of at least 1, or 'auto'";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (isNumber(type)) {
            return "number";
        }
        if (isBoolean(type)) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "mapping";
        }
        return type.getSimpleName();
    }

    private static String article(String name) {
        return name.startsWith("true") || name.equals("text") || name.startsWith("value") ? name
                : ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private static boolean isNumber(Class<?> t) {
        return t != null && (t == int.class || t == long.class || t == double.class || t == float.class
                || Number.class.isAssignableFrom(t));
    }

    private static boolean isBoolean(Class<?> t) {
        return t == boolean.class || t == Boolean.class;
    }

    /** @return the dotted key an exception is about: its path, else the parser's position */
    static String key(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        if (e.getProcessor() instanceof JsonParser p) {
            List<String> names = new ArrayList<>();
            for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    names.add(0, c.getCurrentName());
                }
            }
            return String.join(".", names);
        }
        return "";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
