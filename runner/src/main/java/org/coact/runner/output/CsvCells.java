package org.coact.runner.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * Cells of the CSV tables, safe to open in a spreadsheet. Quoting is RFC 4180's (commons-csv:
 * a cell holding a comma, a quote or a line break is quoted, quotes doubled), so every name
 * reads back exactly with any RFC 4180 reader. A spreadsheet, though, evaluates a cell that
 * starts with {@code =}, {@code +}, {@code -} or {@code @} as a formula ({@code =HYPERLINK(...)}
 * in a layer name), and some also one that starts with a tab or a carriage return; so, as
 * OWASP's "CSV Injection" page recommends, a <em>text</em> cell that starts with one of these
 * gets a leading {@code '}, which spreadsheets show as text and do not display. Numbers are
 * written as numbers ({@code -0.5} stays {@code -0.5}). A text cell that already starts with
 * {@code '} gets one more, so that the rule reverses exactly: a reader recovers the name by
 * removing one leading {@code '} from any text cell that has one. The one character replaced is
 * NUL, by U+FFFD: C-based readers end a string there (Python's csv module before 3.11 refuses
 * the line, R's {@code read.csv} drops the rest of the cell).
 */
public final class CsvCells {

    private CsvCells() {
    }

    /**
     * @param cell a text cell's content
     * @return it, with a leading {@code '} when it starts with {@code = + - @}, a tab, a carriage
     *     return or {@code '}, and NUL replaced by U+FFFD
     */
    public static String text(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        String text = cell.indexOf('\0') >= 0 ? cell.replace('\0', '\uFFFD') : cell;
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + text;
            default -> text;
        };
    }

    /**
     * @param cell a cell: a number, or anything else, written as text
     * @return numbers (and null) unchanged, everything else as {@link #text}
     */
    public static Object cell(Object cell) {
        return cell == null || cell instanceof Number ? cell : text(cell.toString());
    }

    /**
     * Prints one record, every cell through {@link #cell}.
     *
     * @param printer the table
     * @param row the cells
     * @throws IOException if the printer fails
     */
    static void print(CSVPrinter printer, List<?> row) throws IOException {
        List<Object> cells = new ArrayList<>(row.size());
        for (Object c : row) {
            cells.add(cell(c));
        }
        printer.printRecord(cells);
    }
}
