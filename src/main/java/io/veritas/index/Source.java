package io.veritas.index;

import java.time.Instant;

/**
 * Where a passage or claim comes from: the document's id and metadata, and the story cluster it belongs to
 * (near-copies of one story share a cluster and count once as evidence).
 */
public record Source(String docId, String path, String url, String title, Instant published, String language,
                     String cluster) {
}
