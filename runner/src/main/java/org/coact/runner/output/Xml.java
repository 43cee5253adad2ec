package org.coact.runner.output;

/**
 * Text for XML 1.0 documents (the graph files), so that any name a model holds reads back
 * exactly with any conforming parser, or with a documented replacement where XML 1.0 cannot
 * hold a character at all:
 *
 * <ul>
 *   <li>XML 1.0 allows only tab, line feed, carriage return and the characters from U+0020 on,
 *       minus unpaired surrogates and U+FFFE/U+FFFF; every other character (NUL, the other C0
 *       controls, a lone surrogate, U+FFFE, U+FFFF) becomes U+FFFD, the replacement character.
 *       Not even a character reference can carry them. DEL and the C1 controls are allowed and
 *       kept.
 *   <li>{@code &} and {@code <} are escaped everywhere, {@code >} too (so {@code ]]>} cannot
 *       appear), {@code "} in attributes.
 *   <li>Tab, line feed and carriage return in attribute values, and carriage return in text,
 *       are written as character references ({@code &#9;}, {@code &#10;}, {@code &#13;}): written
 *       raw, a parser would turn them into spaces (attribute-value normalisation) or a CR LF
 *       into LF (end-of-line handling). The JDK's StAX writer writes them raw, hence this
 *       package's own writer for the graph files.
 * </ul>
 */
public final class Xml {

    private Xml() {
    }

    /**
     * @param s any text
     * @return the text with the characters XML 1.0 forbids replaced by U+FFFD
     */
    public static String text(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = allowed(c);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * @param s any text
     * @return it as XML character data: forbidden characters replaced ({@link #text}), markup and
     *     carriage returns escaped
     */
    public static String escapeText(String s) {
        return escape(text(s), false);
    }

    /**
     * @param s any text
     * @return it as a double-quoted XML attribute value: forbidden characters replaced, markup,
     *     quotes, tabs and line breaks escaped
     */
    public static String escapeAttribute(String s) {
        return escape(text(s), true);
    }

    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#13;";
                case '"' -> attribute ? "&quot;" : null;
                case '\t' -> attribute ? "&#9;" : null;
                case '\n' -> attribute ? "&#10;" : null;
                default -> null;
            };
            if (e != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (e != null) {
                    out.append(e);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
