package io.veritas.truth;

import java.time.LocalDate;
import java.util.List;

/**
 * One value of a data item and what the engine concludes about it.
 *
 * @param confidence for actual values, the probability that the value is the true one; for reported, target and
 *                   denied values, the probability that at least one of its sources is right
 * @param asOf       the latest date its supporting statements give; null when none is dated
 * @param sources    the sources that state it, sorted
 * @param support    the statements that state it
 */
public record Belief(Value value, Status status, double confidence, LocalDate asOf, List<String> sources,
                     List<Statement> support) {
    public Belief {
        sources = List.copyOf(sources);
        support = List.copyOf(support);
    }

    /** Independent pieces of support: statements in one copy cluster (or one document) count once. */
    public int independentSupport() {
        return (int) support.stream().map(Statement::independentUnit).distinct().count();
    }
}
