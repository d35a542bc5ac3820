package io.veritas.truth.bench;

import io.veritas.truth.Statement;
import io.veritas.truth.TruthEngine;
import io.veritas.truth.TruthOptions;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one benchmark through the truth engine exactly as an application would use it (statements in, resolutions
 * out) and scores the chosen values. The only per-data-set input is what the loader gives: the statements, the gold
 * and the comparison rules of the published protocol.
 */
public final class TruthBench {
    private TruthBench() {
    }

    /** The outcome of one run. */
    public record Run(String name, int sources, int statements, int items, Scoring score, long engineMillis, int iterations) {
    }

    /** Loads a data set: {@code flight} for one day, {@code book} or {@code population}. */
    public static Benchmark load(String dataset, Path dir, LocalDate day, boolean withoutGoldSources) {
        return switch (dataset) {
            case "flight" -> FlightData.load(dir, day, withoutGoldSources);
            case "book" -> BookData.load(dir);
            case "population" -> PopulationData.load(dir);
            default -> throw new IllegalArgumentException("unknown data set '" + dataset + "': use flight, book or population");
        };
    }

    public static TruthOptions options(String method, Benchmark b, int threads) {
        TruthOptions base = switch (method) {
            case "engine" -> TruthOptions.defaults();
            case "vote" -> TruthOptions.vote();
            default -> throw new IllegalArgumentException("unknown method '" + method + "': use engine or vote");
        };
        return base.withRules(b.rules()).withThreads(threads);
    }

    /** Feeds the statements (shuffled with {@code shuffleSeed} when it is not null) to a fresh engine and scores it. */
    public static Run run(Benchmark b, TruthOptions options, Long shuffleSeed) {
        List<Statement> input = new ArrayList<>(b.statements());
        if (shuffleSeed != null) {
            Collections.shuffle(input, new Random(shuffleSeed));
        }
        long t0 = System.nanoTime();
        TruthEngine engine = new TruthEngine(options);
        engine.add(input);
        Scoring score = Scoring.score(engine, b);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Run(b.name(), engine.sourceCount(), engine.statementCount(), engine.itemCount(), score, ms, engine.iterations());
    }

    /** Several benchmarks as one (their items must not overlap, as flight days do not: the day is the item's scope). */
    public static Benchmark merge(String name, List<Benchmark> parts) {
        List<Statement> statements = new ArrayList<>();
        java.util.Map<io.veritas.truth.DataItem, io.veritas.truth.Value> gold = new java.util.TreeMap<>();
        java.util.Map<String, io.veritas.truth.AttributeRule> rules = new java.util.TreeMap<>();
        for (Benchmark b : parts) {
            statements.addAll(b.statements());
            gold.putAll(b.gold());
            rules.putAll(b.rules());
        }
        return new Benchmark(name, statements, gold, rules, parts.get(0).scorer());
    }

    /** The same benchmark scored on the gold items of one scope only (one day of a pooled run). */
    public static Benchmark scoredOn(Benchmark b, String scope) {
        java.util.Map<io.veritas.truth.DataItem, io.veritas.truth.Value> gold = new java.util.TreeMap<>();
        b.gold().forEach((k, v) -> {
            if (scope.equals(k.scope())) {
                gold.put(k, v);
            }
        });
        return new Benchmark(b.name() + " " + scope, b.statements(), gold, b.rules(), b.scorer());
    }

    /** A random share of the sources (fixed seed, drawn from the sorted names so the draw carries no file order). */
    public static Benchmark withSources(Benchmark b, double fraction, long seed) {
        if (fraction >= 1) {
            return b;
        }
        List<String> names = new ArrayList<>(new TreeSet<>(b.statements().stream().map(Statement::source).toList()));
        Collections.shuffle(names, new Random(seed));
        Set<String> keep = Set.copyOf(names.subList(0, Math.max(1, (int) Math.round(fraction * names.size()))));
        return b.withStatements(b.statements().stream().filter(s -> keep.contains(s.source())).toList());
    }
}
