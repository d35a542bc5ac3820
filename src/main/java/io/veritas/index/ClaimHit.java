package io.veritas.index;

import io.veritas.extract.Claim;

/** A stored claim with its source and the quoted sentence. */
public record ClaimHit(Claim claim, Source source, String quote, String figure) {
}
