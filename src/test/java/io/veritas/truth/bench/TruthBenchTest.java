package io.veritas.truth.bench;

import io.veritas.truth.TruthOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each benchmark end to end on the real data (research-only, read from ../shared at run time, never copied here);
 * skipped when the data is absent. Floors are the plain-vote figures measured on the same data (BENCHMARKS.md), so
 * the test says "the engine still beats voting", not a timing.
 */
class TruthBenchTest {
    private static final Path DATA = Path.of("../shared/bench/truth");

    private static Path data(String dataset) {
        assumeTrue(Files.isDirectory(DATA.resolve(dataset)), "no " + DATA.resolve(dataset) + ": benchmark data absent, skipped");
        return DATA;
    }

    private static double precision(Benchmark b, String method, Long shuffle) {
        return TruthBench.run(b, TruthBench.options(method, b, 1), shuffle).score().precision();
    }

    @Test
    void flightSnapshotBeatsVoting() {
        Benchmark b = FlightData.load(data("flight"), LocalDate.parse("2011-12-08"), false);
        double vote = precision(b, "vote", null);
        double engine = precision(b, "engine", null);
        assertTrue(vote > 0.84, "vote " + vote);
        assertTrue(engine > 0.95, "engine " + engine + " (vote " + vote + ")");
        assertEquals(engine, precision(b, "engine", 11L), 0.0, "the order of the rows must not matter");
    }

    @Test
    void bookGoldenSetBeatsVoting() {
        Benchmark b = BookData.load(data("book"));
        assertEquals(100, b.gold().size());
        double vote = precision(b, "vote", null);
        double engine = precision(b, "engine", null);
        assertTrue(vote > 0.70, "vote " + vote);
        assertTrue(engine > 0.82, "engine " + engine + " (vote " + vote + ")");
        assertEquals(engine, precision(b, "engine", 5L), 0.0);
    }

    @Test
    void populationCensusBeatsVoting() {
        Benchmark b = PopulationData.load(data("population"));
        double vote = precision(b, "vote", null);
        double engine = precision(b, "engine", null);
        assertTrue(vote > 0.70, "vote " + vote);
        assertTrue(engine > 0.77, "engine " + engine + " (vote " + vote + ")");
        assertEquals(engine, precision(b, "engine", 3L), 0.0);
    }

    @Test
    void voteIsTheSameEngineWithLearningOff() {
        TruthOptions vote = TruthOptions.vote();
        assertTrue(!vote.learnAccuracy() && !vote.detectCopying() && vote.similarityWeight() == 0);
    }
}
