package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names on the terminal: controls and bidi overrides escaped, every script and emoji kept. */
class TerminalTextTest {

    @Test
    void controlsLineBreaksAndBidiControlsAreShownEscaped() {
        assertEquals("ctl\\u0001\\u001B[31mred\\u007F", Text.safe("ctl\u0001\u001b[31mred\u007f"));
        assertEquals("a\\nb\\r\\nc\\td", Text.safe("a\nb\r\nc\td"));
        assertEquals("c1\\u0085\\u009B31m", Text.safe("c1\u0085\u009b31m"));
        assertEquals("rtl\\u202Eevil\\u202C \\u2066iso\\u2069 \\u200F\\u061C", Text.safe("rtl\u202eevil\u202c \u2066iso\u2069 \u200f\u061c"));
        assertEquals("sep\\u2028\\u2029", Text.safe("sep\u2028\u2029"));
        assertEquals("lone \\uD83D!", Text.safe("lone \uD83D!"));
        assertEquals("nul\\u0000", Text.safe("nul\u0000"));
    }

    @Test
    void printableTextIsKeptAsItIs() {
        for (String s : List.of("/act1/Relu", "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587",
                "emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD", "<script>&amp;\"'", "=HYPERLINK()", "zwj \u200D")) {
            assertSame(s, Text.safe(s), s);
        }
        assertEquals("null", Text.safe(null));
    }

    @Test
    void tableCellsAreSafeAndTheTableStaysOneLinePerRow() {
        List<String> lines = Text.table(List.of(List.of("name", "n"), List.of("two\nlines\u202e", "1")), 2);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("two\\nlines\\u202E"), lines.get(1));
    }
}
