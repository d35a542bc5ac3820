package io.veritas.text;

import java.time.Instant;
import java.util.List;

/**
 * What a format-specific cleaner hands back: the clean text and the metadata it found. Nulls mean unknown;
 * {@code tags} is empty when there are none.
 */
record Cleaned(String text, String title, Instant published, String author, String url, String summary, List<String> tags) {
    Cleaned {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    Cleaned(String text, String title, Instant published, String author, String url, String summary) {
        this(text, title, published, author, url, summary, List.of());
    }
}
