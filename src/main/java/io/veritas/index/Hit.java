package io.veritas.index;

/** A passage found by a search, with its text exactly as indexed and its offsets in the document's text. */
public record Hit(Source source, int ordinal, int start, int end, String language, String text, float score) {
}
