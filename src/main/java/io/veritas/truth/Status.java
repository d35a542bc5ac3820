package io.veritas.truth;

/** What the engine concludes about one value of a data item. */
public enum Status {
    /** The value to present: the accepted value, or for an attribute that changes over time the newest credible one. */
    CURRENT,
    /** An older value of an attribute that changes over time, kept with its date. */
    SUPERSEDED,
    /** Credible independent sources give incompatible values for the same item: each is kept, better supported first. */
    DISPUTED,
    /** In talks, rumoured, planned or expected: never presented as done. */
    REPORTED,
    /** A goal or ceiling ("up to"), shown beside what actually happened rather than against it. */
    TARGET,
    /** A value a source denies. */
    DENIED,
    /** A value the sources outweigh: few or unreliable sources against a well-supported value. */
    REJECTED
}
