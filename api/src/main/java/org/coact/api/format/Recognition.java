package org.coact.api.format;

/**
 * How sure a {@link ModelFormat} is that it can open a path. The registry picks the format
 * with the strongest recognition; ties are broken by format id.
 */
public enum Recognition {
    /** Not this format. */
    NO,
    /** The name fits (extension, directory layout) but the content was not checked. */
    BY_NAME,
    /** The content was checked (magic bytes, a parsed header). */
    BY_CONTENT
}
