package io.veritas.truth;

import java.util.List;

/**
 * What the sources say about one attribute of one entity: the facts, best first (the current or most recent
 * actual value, then older and planned ones), and whether the sources disagree.
 */
public record Verdict(String attribute, List<Fact> facts) {
    public Verdict {
        facts = List.copyOf(facts);
    }

    public boolean disputed() {
        return facts.stream().anyMatch(f -> f.status().equals(Truth.DISPUTED));
    }

    public boolean isEmpty() {
        return facts.isEmpty();
    }
}
