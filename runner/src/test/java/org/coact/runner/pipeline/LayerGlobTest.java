package org.coact.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Layer globs over names that hold line breaks, emoji and regex metacharacters. */
class LayerGlobTest {

    @Test
    void starMatchesAcrossLineBreaks() {
        Predicate<String> p = LayerSelection.nameMatcher("line1*");
        assertTrue(p.test("line1\nline2\r\nline3"));
        assertFalse(p.test("xline1"));
    }

    @Test
    void questionMarkIsOneCodePointAndEmojiMatchLiterally() {
        assertTrue(LayerSelection.nameMatcher("emoji ?!").test("emoji \uD83D\uDE00!"), "one emoji is one character");
        assertFalse(LayerSelection.nameMatcher("emoji ??!").test("emoji \uD83D\uDE00!"));
        assertTrue(LayerSelection.nameMatcher("\uD83D\uDE00*").test("\uD83D\uDE00 layer"));
        assertFalse(LayerSelection.nameMatcher("\uD83D\uDE00*").test("\uD83D\uDE01 layer"));
    }

    @Test
    void regexMetacharactersAreLiteral() {
        assertTrue(LayerSelection.nameMatcher("=HYPERLINK(*)").test("=HYPERLINK(\"x\")"));
        assertFalse(LayerSelection.nameMatcher("a.b*").test("axb"));
        assertTrue(LayerSelection.nameMatcher("exact\\E(").test("exact\\E("), "no glob character: exact match");
        assertTrue(LayerSelection.nameMatcher("*\\E(").test("x\\E("), "\\E inside a quoted character");
    }
}
