package org.coact.runner.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Spreadsheet-formula neutralisation of text cells, numbers left alone, and its exact reversal. */
class CsvCellsTest {

    @Test
    void textCellsThatASpreadsheetWouldEvaluateGetALeadingQuote() {
        assertEquals("'=HYPERLINK(\"http://x\",\"y\")", CsvCells.text("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("'+1", CsvCells.text("+1"));
        assertEquals("'-0.5", CsvCells.text("-0.5"), "a layer named -0.5 is text");
        assertEquals("'@SUM(A1)", CsvCells.text("@SUM(A1)"));
        assertEquals("'\tTAB", CsvCells.text("\tTAB"));
        assertEquals("'\rCR", CsvCells.text("\rCR"));
        assertEquals("''quoted", CsvCells.text("'quoted"), "the quote itself, so that the rule reverses");
    }

    @Test
    void otherTextIsKeptAndNulIsReplaced() {
        for (String s : List.of("", "/act1/Relu", "a=b", "x-1", " =leading space", "\u05e9\u05dc\u05d5\u05dd")) {
            assertEquals(s, CsvCells.text(s));
        }
        assertEquals("nul\uFFFDbyte", CsvCells.text("nul\u0000byte"));
    }

    @Test
    void numbersStayNumbers() {
        Object minusHalf = -0.5;
        assertSame(minusHalf, CsvCells.cell(minusHalf));
        Object minusOne = -1L;
        assertSame(minusOne, CsvCells.cell(minusOne));
        assertEquals(null, CsvCells.cell(null));
        assertEquals("'-3", CsvCells.cell(new StringBuilder("-3")), "anything not a Number is text");
    }

    @Test
    void printedRecordsReadBackAndReverseExactly() throws Exception {
        List<String> names = List.of("=1+1", "-0.5", "'q", "''qq", "plain, \"quoted\"\nline", "@x", "\t", "");
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            CsvCells.print(printer, List.<Object>copyOf(names));
            CsvCells.print(printer, List.of(-0.5, 3, "-0.5"));
        }
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(out.toString())).getRecords();
        for (int i = 0; i < names.size(); i++) {
            String cell = records.get(0).get(i);
            assertEquals(names.get(i), cell.startsWith("'") ? cell.substring(1) : cell, "cell " + i);
        }
        assertEquals(List.of("-0.5", "3", "'-0.5"), records.get(1).toList());
    }
}
