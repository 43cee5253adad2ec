package org.coact.runner.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every character, through {@link XmlWriter} into an attribute and into text, parsed back by the
 * JDK's DocumentBuilder: exactly the input, except the characters XML 1.0 forbids, which are
 * U+FFFD.
 */
class XmlTest {

    static DocumentBuilder strictParser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b;
    }

    private static Element roundTrip(String value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XmlWriter w = new XmlWriter(bytes);
        w.startDocument();
        w.startElement("a");
        w.attribute("v", value);
        w.characters(value);
        w.emptyElement("b");
        w.attribute("w", value);
        w.endDocument();
        Document d = strictParser().parse(new ByteArrayInputStream(bytes.toByteArray()));
        return d.getDocumentElement();
    }

    @Test
    void everyBmpCharacterRoundTripsOrBecomesTheReplacementCharacter() throws Exception {
        StringBuilder all = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            all.append((char) c);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            expected.append(allowed ? (char) c : '\uFFFD');
        }
        Element a = roundTrip(all.toString());
        assertEquals(expected.toString(), a.getAttribute("v"), "attribute");
        assertEquals(expected.toString(), a.getFirstChild().getNodeValue(), "text");
        assertEquals(expected.toString(), ((Element) a.getElementsByTagName("b").item(0)).getAttribute("w"));
    }

    @Test
    void lineBreaksTabsMarkupAndSurrogatePairsSurviveLoneSurrogatesDoNot() throws Exception {
        String hostile = "line1\nline2\r\nline3\rend\ttab ]]> <!-- & &amp; \"q\" 'a' \uD83D\uDE00 lone \uD83D! \uDE00!";
        String expected = "line1\nline2\r\nline3\rend\ttab ]]> <!-- & &amp; \"q\" 'a' \uD83D\uDE00 lone \uFFFD! \uFFFD!";
        Element a = roundTrip(hostile);
        assertEquals(expected, a.getAttribute("v"));
        assertEquals(expected, a.getTextContent());
        assertEquals(expected, Xml.text(hostile));
    }

    @Test
    void theEncodedFormsAreTheDocumentedOnes() {
        assertEquals("a&#9;b&#10;c&#13;d&quot;&lt;&gt;&amp;'", Xml.escapeAttribute("a\tb\nc\rd\"<>&'"));
        assertEquals("a\tb\nc&#13;d\"&lt;&gt;&amp;'", Xml.escapeText("a\tb\nc\rd\"<>&'"));
        assertEquals("nul\uFFFD esc\uFFFD del\u007F", Xml.text("nul\u0000 esc\u001B del\u007F"));
    }
}
