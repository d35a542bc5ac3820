package io.veritas.index;

import java.time.Instant;

/**
 * A passage search: the query text, how many passages, optional filters on publication time (inclusive
 * {@code from}, exclusive {@code to}), passage language ({@code en}, {@code zh-Hans}, {@code zh-Hant}, {@code mixed}),
 * source (the host of the document's URL, e.g. {@code ft.com}), author and document id, and how passages are ranked.
 */
public record SearchRequest(String text, int limit, Instant from, Instant to, String language, String source, String author,
                            Mode mode, String document) {
    /**
     * How passages are ranked: by words (BM25 over the query and its cross-language expansion), by meaning
     * (nearest passage vectors), or both fused by reciprocal rank (the default; words alone while no vectors exist).
     */
    public enum Mode {
        LEXICAL, DENSE, HYBRID;

        /** The mode named {@code lexical}, {@code dense} or {@code hybrid}; {@code option} names where it was given. */
        public static Mode parse(String name, String option) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "lexical" -> LEXICAL;
                case "dense" -> DENSE;
                case "hybrid" -> HYBRID;
                default -> throw new IllegalArgumentException(option + " '" + name + "' is not known; use lexical, dense or hybrid");
            };
        }
    }

    public SearchRequest(String text, int limit, Instant from, Instant to, String language, String source, String author) {
        this(text, limit, from, to, language, source, author, Mode.HYBRID);
    }

    public SearchRequest(String text, int limit, Instant from, Instant to, String language, String source, String author, Mode mode) {
        this(text, limit, from, to, language, source, author, mode, null);
    }

    public SearchRequest {
        if (mode == null) {
            mode = Mode.HYBRID;
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the query is empty; give some words to search for");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
    }

    public static SearchRequest of(String text, int limit) {
        return new SearchRequest(text, limit, null, null, null, null, null, Mode.HYBRID);
    }

    public SearchRequest withLimit(int newLimit) {
        return new SearchRequest(text, newLimit, from, to, language, source, author, mode, document);
    }

    public SearchRequest withMode(Mode newMode) {
        return new SearchRequest(text, limit, from, to, language, source, author, newMode, document);
    }

    /** The same request, limited to the passages of one document. */
    public SearchRequest withinDocument(String docId) {
        return new SearchRequest(text, limit, from, to, language, source, author, mode, docId);
    }
}
