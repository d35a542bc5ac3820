package io.veritas.index;

/**
 * A passage found by a search, with its text exactly as indexed, its offsets in the document's text, and
 * {@code highlight}: once {@link Highlighter} has run, the text escaped for HTML with matched words marked
 * {@code <b>…</b>} (before that, the raw text).
 */
public record Hit(Source source, int ordinal, int start, int end, String language, String text, float score, String highlight) {
    public Hit(Source source, int ordinal, int start, int end, String language, String text, float score) {
        this(source, ordinal, start, end, language, text, score, text);
    }

    Hit withScore(float newScore) {
        return new Hit(source, ordinal, start, end, language, text, newScore, highlight);
    }
}
