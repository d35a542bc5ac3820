package io.veritas.cli;

import io.veritas.truth.bench.Benchmark;
import io.veritas.truth.bench.FlightData;
import io.veritas.truth.bench.TruthBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code veritas bench truth}: the truth engine on a published truth-discovery data set, scored with the published
 * protocol. Prints the sizes, time and peak heap, and as its last line {@code precision P}.
 */
@Command(name = "truth", description = "Score the truth engine on a truth-discovery data set (flight, book, population).")
final class TruthBenchCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "flight, book or population.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "../shared/bench/truth",
            description = "The folder with flight/, book/ and population/. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--snapshot", paramLabel = "DAY|all", defaultValue = "2011-12-08",
            description = "Flight: one day, or all to run every day separately and average (Li et al. Table 9). Default: ${DEFAULT-VALUE}")
    String snapshot;

    @Option(names = "--without-gold-sources", description = "Flight: leave out the airline sites (aa, ua, CO) that also give the gold.")
    boolean withoutGoldSources;

    @Option(names = "--method", defaultValue = "engine", paramLabel = "engine|vote",
            description = "engine (the truth engine) or vote (one vote per source). Default: ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--sources", defaultValue = "100", paramLabel = "PERCENT",
            description = "Keep a random PERCENT of the sources (seeded by --seed). Default: ${DEFAULT-VALUE}")
    double sourcesPercent;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for --sources and --shuffle. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--shuffle", description = "Feed the claims in a random order (seeded by --seed): the result must not change.")
    boolean shuffle;

    @Option(names = "--pooled", description = "Flight with --snapshot all: one engine over every day (source reliability "
            + "and copying learned from the whole month), each day scored on its own gold.")
    boolean pooled;

    @Option(names = "--threads", defaultValue = "1", description = "Worker threads of the engine. Default: ${DEFAULT-VALUE}")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("flight", "book", "population").contains(dataset)) {
            throw new ParameterException(spec.commandLine(), "--dataset must be flight, book or population, not '" + dataset + "'");
        }
        if (!List.of("engine", "vote").contains(method)) {
            throw new ParameterException(spec.commandLine(), "--method must be engine or vote, not '" + method + "'");
        }
        if (sourcesPercent <= 0 || sourcesPercent > 100) {
            throw new ParameterException(spec.commandLine(), "--sources must be a percentage in (0, 100], not " + sourcesPercent);
        }
        if (!java.nio.file.Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir.toAbsolutePath().normalize()
                    + " is not a folder: point it at the folder that holds flight/, book/ and population/");
        }
        List<LocalDate> days = List.of(LocalDate.MIN);
        if (dataset.equals("flight")) {
            List<LocalDate> all = FlightData.days(dataDir);
            if (snapshot.equals("all")) {
                days = all;
            } else {
                LocalDate day;
                try {
                    day = LocalDate.parse(snapshot);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "--snapshot must be a day like 2011-12-08 or all, not '" + snapshot + "'");
                }
                if (!all.contains(day)) {
                    throw new ParameterException(spec.commandLine(), "no flight data for " + day + "; days available: "
                            + all.get(0) + " .. " + all.get(all.size() - 1) + " (" + all.size() + " days)");
                }
                days = List.of(day);
            }
        }
        resetPeaks();
        long t0 = System.nanoTime();
        List<TruthBench.Run> runs = new ArrayList<>();
        long loadMillis = 0;
        if (pooled) {
            if (days.size() < 2) {
                throw new ParameterException(spec.commandLine(), "--pooled needs --dataset flight --snapshot all");
            }
            long l0 = System.nanoTime();
            List<Benchmark> parts = new ArrayList<>();
            for (LocalDate day : days) {
                parts.add(TruthBench.withSources(TruthBench.load(dataset, dataDir, day, withoutGoldSources), sourcesPercent / 100, seed));
            }
            Benchmark all = TruthBench.merge("flight, all days", parts);
            loadMillis = (System.nanoTime() - l0) / 1_000_000;
            io.veritas.truth.TruthEngine engine = new io.veritas.truth.TruthEngine(TruthBench.options(method, all, threads));
            List<io.veritas.truth.Statement> input = new ArrayList<>(all.statements());
            if (shuffle) {
                java.util.Collections.shuffle(input, new java.util.Random(seed));
            }
            long e0 = System.nanoTime();
            engine.add(input);
            long engineMillis = (System.nanoTime() - e0) / 1_000_000;
            for (LocalDate day : days) {
                io.veritas.truth.bench.Scoring score = io.veritas.truth.bench.Scoring.score(engine, TruthBench.scoredOn(all, day.toString()));
                TruthBench.Run run = new TruthBench.Run(day.toString(), engine.sourceCount(), 0, 0, score, 0, engine.iterations());
                runs.add(run);
                out.printf(Locale.ROOT, "%s: scored %d, precision %.4f%n", day, score.scored(), score.precision());
            }
            runs.set(0, new TruthBench.Run(days.get(0).toString(), engine.sourceCount(), engine.statementCount(), engine.itemCount(),
                    runs.get(0).score(), engineMillis, engine.iterations()));
        }
        for (LocalDate day : pooled ? List.<LocalDate>of() : days) {
            long l0 = System.nanoTime();
            Benchmark b = TruthBench.withSources(TruthBench.load(dataset, dataDir, day, withoutGoldSources), sourcesPercent / 100, seed);
            loadMillis += (System.nanoTime() - l0) / 1_000_000;
            TruthBench.Run run = TruthBench.run(b, TruthBench.options(method, b, threads), shuffle ? seed : null);
            runs.add(run);
            if (days.size() > 1) {
                out.printf(Locale.ROOT, "%s: %d sources, %d claims, %d items, scored %d, precision %.4f%n", day, run.sources(),
                        run.statements(), run.items(), run.score().scored(), run.score().precision());
            }
        }
        long totalMillis = (System.nanoTime() - t0) / 1_000_000;
        String setting = dataset + (dataset.equals("flight") ? " " + snapshot : "") + (pooled ? " pooled" : "") + ", method " + method
                + (withoutGoldSources ? ", without aa/ua/CO" : "") + (sourcesPercent < 100 ? ", " + fmt(sourcesPercent) + "% of sources (seed " + seed + ")" : "")
                + (shuffle ? ", claims shuffled (seed " + seed + ")" : "");
        out.println("setting: " + setting);
        int scored = runs.stream().mapToInt(r -> r.score().scored()).sum();
        int uncovered = runs.stream().mapToInt(r -> r.score().uncovered()).sum();
        int maxSources = runs.stream().mapToInt(TruthBench.Run::sources).max().orElse(0);
        out.printf(Locale.ROOT, "sources %d, claims %d, items %d, gold items scored %d (%d more have no claim)%n", maxSources,
                runs.stream().mapToLong(TruthBench.Run::statements).sum(), runs.stream().mapToLong(TruthBench.Run::items).sum(),
                scored, uncovered);
        out.printf(Locale.ROOT, "time %d ms (load %d ms, engine and scoring %d ms), peak heap %.0f MB, iterations %s%n", totalMillis,
                loadMillis, runs.stream().mapToLong(TruthBench.Run::engineMillis).sum(), peakHeapMb(),
                runs.stream().map(r -> Integer.toString(r.iterations())).distinct().reduce((a, b) -> a + "," + b).orElse("0"));
        double precision;
        if (runs.size() > 1) {
            double[] p = runs.stream().mapToDouble(r -> r.score().precision()).toArray();
            double mean = java.util.Arrays.stream(p).average().orElse(0);
            double min = java.util.Arrays.stream(p).min().orElse(0);
            double sd = Math.sqrt(java.util.Arrays.stream(p).map(x -> (x - mean) * (x - mean)).sum() / p.length);
            int correct = runs.stream().mapToInt(r -> r.score().correct()).sum();
            out.printf(Locale.ROOT, "days %d: mean %.4f, min %.4f, std-dev %.4f; pooled over all items %.4f%n", p.length, mean, min, sd,
                    correct / (double) scored);
            precision = mean;
        } else {
            precision = runs.get(0).score().precision();
        }
        out.printf(Locale.ROOT, "precision %.4f%n", precision);
        return 0;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since {@link #resetPeaks}: an upper bound of the peak heap in use. */
    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }
}
