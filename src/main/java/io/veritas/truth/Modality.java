package io.veritas.truth;

/**
 * How a document states a value. Only {@link #ACTUAL} values compete to be the truth; the others are kept beside
 * them so that a round in talks is never presented as done and a goal is never taken for the amount raised.
 */
public enum Modality {
    /** Stated as fact: "raised $2 billion". */
    ACTUAL,
    /** In talks, rumoured, reportedly: "is in talks to raise $2 billion". */
    REPORTED,
    /** Planned or expected: "plans to raise", "expects revenue of". */
    PLANNED,
    /** A goal or ceiling: "aims to raise up to $2 billion". */
    TARGET,
    /** Denied by the source: "denied it raised $2 billion". */
    DENIED,
    /** An earlier value told in passing: "once burned $1 billion a month". Never current, kept as superseded. */
    PAST
}
