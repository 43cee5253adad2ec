package org.coact.runner.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the small subset of Python literal syntax that .npy headers use (numpy writes
 * them with {@code repr}): dicts, tuples, lists, quoted strings, integers, {@code True},
 * {@code False} and {@code None}. Tuples and lists become {@link List}s, integers
 * {@link Long}s, {@code None} a {@code null} map value.
 *
 * <p>A recursive-descent parser, linear in the length of the text, nesting at most
 * {@value #MAX_DEPTH} levels (numpy writes 2: a dict holding a tuple), so a hostile header
 * cannot exhaust the stack. Not thread-safe; one instance per string.
 */
final class PyLiteral {
    /** Deepest nesting of dicts, tuples and lists accepted. */
    static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;
    private int depth;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * @param text the whole literal, e.g. {@code {'descr': '<f4', 'shape': (3,), }}
     * @return the parsed value
     * @throws IllegalArgumentException naming the offset of the first syntax error
     */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        if ((c == '{' || c == '(' || c == '[') && depth >= MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (c) {
            case '{' -> nested(this::dict);
            case '(' -> nested(() -> sequence(')'));
            case '[' -> nested(() -> sequence(']'));
            case '\'', '"' -> string();
            default -> c == '-' || Character.isDigit(c) ? integer() : word();
        };
    }

    private Object nested(java.util.function.Supplier<Object> parse) {
        depth++;
        try {
            return parse.get();
        } finally {
            depth--;
        }
    }

    private Map<String, Object> dict() {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (!closes('}')) {
            Object key = value();
            if (!(key instanceof String k)) {
                throw error("dict keys must be strings");
            }
            expect(':');
            map.put(k, value());
            if (!commaOrEnd('}')) {
                return map;
            }
        }
        return map;
    }

    private List<Object> sequence(char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        while (!closes(close)) {
            items.add(value());
            if (!commaOrEnd(close)) {
                break;
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** After an item: consumes a comma and returns true, or consumes {@code close} and returns false. */
    private boolean commaOrEnd(char close) {
        if (closes(close)) {
            return false;
        }
        expect(',');
        return true;
    }

    /** Skips blanks; consumes {@code close} and returns true if it is next. */
    private boolean closes(char close) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == close) {
            pos++;
            return true;
        }
        if (pos >= text.length()) {
            throw error("missing '" + close + "'");
        }
        return false;
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
                c = switch (c) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> c;
                };
            }
            sb.append(c);
        }
        throw error("unterminated string");
    }

    private Long integer() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++; // Python 2 long suffix, written by very old numpy
        }
        String digits = text.substring(start, pos).replace("L", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("bad integer '" + digits + "'");
        }
    }

    private Object word() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String w = text.substring(start, pos);
        return switch (w) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> throw error("unexpected '" + (w.isEmpty() ? text.charAt(start) : w) + "'");
        };
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
