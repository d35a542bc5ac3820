package io.veritas.index;

/** What indexing a document did. */
public enum Outcome {
    ADDED, UPDATED, DUPLICATE
}
