package io.veritas.index;

import java.time.Instant;

/** Where a passage or claim comes from: the document's id and metadata. */
public record Source(String docId, String path, String url, String title, Instant published, String language) {
}
