package io.veritas.truth;

import java.util.List;
import java.util.Optional;

/**
 * The engine's answer for one data item: every value that was stated, best first (the current or accepted value,
 * its credible rivals, older values, then reported, target and denied ones, rejected ones last).
 */
public record Resolution(DataItem item, List<Belief> beliefs) {
    public Resolution {
        beliefs = List.copyOf(beliefs);
    }

    /** The value to present as true: the first current or disputed actual value. */
    public Optional<Belief> best() {
        return beliefs.stream().filter(b -> b.status() == Status.CURRENT || b.status() == Status.DISPUTED).findFirst();
    }

    public boolean disputed() {
        return beliefs.stream().anyMatch(b -> b.status() == Status.DISPUTED);
    }
}
