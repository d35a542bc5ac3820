package io.veritas.text;

/** A run of whole sentences of one paragraph, the unit that is indexed and shown as a search hit. */
public record Passage(int ordinal, Span span, String language) {
}
