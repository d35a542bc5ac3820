package io.veritas.answer;

import java.time.Instant;

/** A source an answer rests on, with the sentence that supports it, quoted exactly as indexed. */
public record Citation(String id, String path, String url, String title, Instant published, String language, String quote) {
}
