package io.veritas.index;

import java.time.Instant;

/**
 * A passage search: the query text, how many passages, and optional filters on publication time (inclusive
 * {@code from}, exclusive {@code to}), passage language ({@code en}, {@code zh-Hans}, {@code zh-Hant}, {@code mixed}),
 * source (the host of the document's URL, e.g. {@code ft.com}) and author.
 */
public record SearchRequest(String text, int limit, Instant from, Instant to, String language, String source, String author) {
    public SearchRequest {
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
        return new SearchRequest(text, limit, null, null, null, null, null);
    }
}
