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
        out.printf(java.util.Locale.ROOT, "Written     %s%n", dir);
        for (OutputFiles.OutputFile f : files) {
            out.printf(java.util.Locale.ROOT, "              %-" + width + "s  %s%n", f.name(), f.what());
        }
    }

    /**
     * @param rows table rows, the first the header
     * @param gap spaces between columns
     * @return each row with its columns padded to the widest cell (numbers right-aligned)
     */
    static List<String> table(List<List<String>> rows, int gap) {
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
