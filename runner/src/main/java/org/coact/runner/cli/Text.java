package org.coact.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.coact.runner.output.OutputFiles;

/** Number and word formatting of the terminal summaries. */
final class Text {

    private Text() {
    }

    /**
     * Text from a model, a dataset, a plugin or the command line, as one printable line for a
     * terminal: control characters (C0, DEL, C1: tab, line breaks and ESC too, so no name can
     * start a new line, move the cursor or set colours), the line and paragraph separators, the
     * bidirectional controls that reorder what a terminal shows (U+061C, U+200E, U+200F,
     * U+202A-U+202E, U+2066-U+2069) and lone surrogates are shown escaped, as {@code \t},
     * {@code \n}, {@code \r} or &#92;uXXXX; everything else (CJK, RTL scripts, emoji) is kept.
     *
     * @param text any text, or null
     * @return it, safe to print ("null" for null)
     */
    static String safe(Object text) {
        String s = String.valueOf(text);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            String escaped = pair ? null : escape(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                    if (pair) {
                        out.append(s.charAt(i + 1));
                    }
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? s : out.toString();
    }

    /** @return the escape for a character a terminal must not see raw, or null */
    private static String escape(char c) {
        switch (c) {
            case '\t':
                return "\\t";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        boolean separator = c == 0x2028 || c == 0x2029;
        boolean bidi = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
        return control || separator || bidi || Character.isSurrogate(c)
                ? String.format(Locale.ROOT, "\\u%04X", (int) c) : null;
    }

    /**
     * @param value a figure
     * @param digits decimals
     * @return it rounded, without a minus sign on a value that rounds to zero ({@code -0.0000})
     */
    static String fixed(double value, int digits) {
        String s = String.format(Locale.ROOT, "%." + digits + "f", value);
        return s.startsWith("-") && s.chars().noneMatch(c -> c >= '1' && c <= '9') ? s.substring(1) : s;
    }

    /**
     * @param n a count
     * @param singular the noun for one
     * @param plural the noun for several
     * @return {@code "1 class"}, {@code "10 classes"}
     */
    static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }

    /**
     * Lists a command's output files, the one to open first on the first line.
     *
     * @param out where to print
     * @param dir the output directory
     * @param files the files written there
     */
    static void printFiles(PrintWriter out, Path dir, List<OutputFiles.OutputFile> files) {
        int width = files.stream().mapToInt(f -> f.name().length()).max().orElse(0);
        out.printf(java.util.Locale.ROOT, "Written     %s%n", safe(dir));
        for (OutputFiles.OutputFile f : files) {
            out.printf(java.util.Locale.ROOT, "              %-" + width + "s  %s%n", f.name(), f.what());
        }
    }

    /**
     * @param raw table rows, the first the header
     * @param gap spaces between columns
     * @return each row with its columns padded to the widest cell (numbers right-aligned), every
     *     cell {@link #safe}
     */
    static List<String> table(List<List<String>> raw, int gap) {
        List<List<String>> rows = raw.stream().map(r -> r.stream().map(Text::safe).toList()).toList();
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        boolean[] numeric = new boolean[cols];
        java.util.Arrays.fill(numeric, true);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                String cell = rows.get(r).get(c);
                width[c] = Math.max(width[c], cell.codePointCount(0, cell.length()));
                if (r > 0 && !cell.matches("[-+]?[0-9.,]+%?|-|n/a")) {
                    numeric[c] = false;
                }
            }
        }
        return rows.stream().map(row -> {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                int pad = width[c] - cell.codePointCount(0, cell.length());
                boolean last = c == row.size() - 1;
                if (numeric[c]) {
                    sb.append(" ".repeat(pad)).append(cell);
                } else {
                    sb.append(cell).append(last ? "" : " ".repeat(pad));
                }
                if (!last) {
                    sb.append(" ".repeat(gap));
                }
            }
            return sb.toString().stripTrailing();
        }).toList();
    }
}
