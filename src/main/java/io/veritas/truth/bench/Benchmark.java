package io.veritas.truth.bench;

import io.veritas.truth.AttributeRule;
import io.veritas.truth.DataItem;
import io.veritas.truth.Statement;
import io.veritas.truth.Value;

import java.util.List;
import java.util.Map;

/**
 * One benchmark run's input: the statements every source makes, the gold values, the comparison rules the published
 * protocol gives, and its scoring rule (which may be looser than exact equality, e.g. ±10 minutes).
 *
 * @param gold only the items the gold standard covers are scored
 */
public record Benchmark(String name, List<Statement> statements, Map<DataItem, Value> gold,
                        Map<String, AttributeRule> rules, Scorer scorer) {
    public Benchmark {
        statements = List.copyOf(statements);
        gold = Map.copyOf(gold);
        rules = Map.copyOf(rules);
    }

    /** Whether the value the engine chose for an item counts as the gold value. */
    @FunctionalInterface
    public interface Scorer {
        boolean correct(DataItem item, Value chosen, Value gold);
    }

    public Benchmark withStatements(List<Statement> subset) {
        return new Benchmark(name, subset, gold, rules, scorer);
    }
}
