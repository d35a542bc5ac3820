package io.veritas.truth;

import io.veritas.extract.Claim;

/**
 * A claim as evidence for a value: what a document states, and the story cluster of that document (near-copies
 * of one story share a cluster and count once).
 */
public record Evidence(Claim claim, String cluster) {
    public Evidence {
        if (claim == null || cluster == null) {
            throw new IllegalArgumentException("evidence needs a claim and the story cluster of its document");
        }
    }

    public String docId() {
        return claim.docId();
    }
}
