package org.coact.runner.output;

/**
 * Text for XML 1.0 documents. XML 1.0 allows only tab, newline, carriage return and the
 * characters from U+0020 on (minus the surrogate code units when unpaired and U+FFFE/U+FFFF);
 * a layer name may hold anything a model file holds, so every other character becomes U+FFFD
 * (the replacement character) in the graph files. Escaping of {@code <}, {@code &} and quotes is
 * the XML writer's.
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
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
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
}
