package io.veritas.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A cleaned document: the text with boilerplate removed, its metadata, and sentence and passage offsets into
 * {@link #text()} so that any quote can be shown and highlighted exactly.
 *
 * @param id          stable id: the id the source gave, else the canonical URL, else a hash of the text
 * @param contentHash hash of the cleaned text, used to tell an unchanged re-ingest from an update
 */
public record Document(String id, String path, String url, String title, Instant published, String author,
                       String language, String text, List<Span> sentences, List<Passage> passages,
                       String contentHash, Map<String, String> meta) {
    public Document {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a document needs an id");
        }
        if (text == null) {
            throw new IllegalArgumentException(id + ": a document needs a text");
        }
        sentences = List.copyOf(sentences);
        passages = List.copyOf(passages);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public String slice(Span span) {
        return text.substring(span.start(), span.end());
    }
}
