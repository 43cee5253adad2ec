package org.coact.runner.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A streaming XML 1.0 writer, UTF-8, for the graph files: elements, attributes and text, every
 * value encoded by {@link Xml} so that names read back exactly (the JDK's StAX writer leaves tabs
 * and line breaks in attribute values raw, which parsers normalise to spaces). Element and
 * attribute names are the caller's constants. Not thread-safe.
 */
final class XmlWriter {

    private final Writer out;
    private final Deque<String> open = new ArrayDeque<>();
    private boolean tagOpen;
    private boolean tagEmpty;

    /** @param out the stream; not closed by this writer */
    XmlWriter(OutputStream out) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    /** Writes the XML declaration. @throws IOException if the stream fails */
    void startDocument() throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /** @param name element name @throws IOException if the stream fails */
    void startElement(String name) throws IOException {
        closeTag();
        out.write('<');
        out.write(name);
        open.push(name);
        tagOpen = true;
        tagEmpty = false;
    }

    /** @param name element name, written as {@code <name .../>} @throws IOException if the stream fails */
    void emptyElement(String name) throws IOException {
        closeTag();
        out.write('<');
        out.write(name);
        tagOpen = true;
        tagEmpty = true;
    }

    /**
     * @param name attribute name (a constant, prefix included)
     * @param value any text
     * @throws IOException if the stream fails
     * @throws IllegalStateException if no start tag is open
     */
    void attribute(String name, String value) throws IOException {
        if (!tagOpen) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        out.write(' ');
        out.write(name);
        out.write("=\"");
        out.write(Xml.escapeAttribute(value));
        out.write('"');
    }

    /** @param text any text @throws IOException if the stream fails */
    void characters(String text) throws IOException {
        closeTag();
        out.write(Xml.escapeText(text));
    }

    /** Closes the innermost open element. @throws IOException if the stream fails */
    void endElement() throws IOException {
        closeTag();
        out.write("</");
        out.write(open.pop());
        out.write('>');
    }

    /**
     * Closes every open element and flushes.
     *
     * @throws IOException if the stream fails
     */
    void endDocument() throws IOException {
        while (!open.isEmpty()) {
            endElement();
        }
        closeTag();
        out.flush();
    }

    /** Flushes what was written. @throws IOException if the stream fails */
    void flush() throws IOException {
        out.flush();
    }

    private void closeTag() throws IOException {
        if (tagOpen) {
            out.write(tagEmpty ? "/>" : ">");
            tagOpen = false;
        }
    }
}
