package io.veritas.truth.bench;

import io.veritas.truth.Belief;
import io.veritas.truth.DataItem;
import io.veritas.truth.Resolution;
import io.veritas.truth.TruthEngine;
import io.veritas.truth.Value;

import java.util.Map;
import java.util.Optional;

/**
 * Precision as the papers define it: of the gold items the sources say anything about, the share whose chosen value
 * the benchmark's scorer accepts. Gold items no source covers are counted apart ({@code uncovered}).
 */
public record Scoring(int scored, int correct, int uncovered) {
    public double precision() {
        return scored == 0 ? 0 : correct / (double) scored;
    }

    public static Scoring score(TruthEngine engine, Benchmark benchmark) {
        int scored = 0;
        int correct = 0;
        int uncovered = 0;
        for (Map.Entry<DataItem, Value> g : benchmark.gold().entrySet()) {
            Optional<Belief> best = engine.resolve(g.getKey()).flatMap(Resolution::best);
            if (best.isEmpty()) {
                uncovered++;
                continue;
            }
            scored++;
            if (benchmark.scorer().correct(g.getKey(), best.get().value(), g.getValue())) {
                correct++;
            }
        }
        return new Scoring(scored, correct, uncovered);
    }
}
