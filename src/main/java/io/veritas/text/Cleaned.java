package io.veritas.text;

import java.time.Instant;

/** What a format-specific cleaner hands back: the clean text and the metadata it found. Nulls mean unknown. */
record Cleaned(String text, String title, Instant published, String author, String url, String summary) {
}
