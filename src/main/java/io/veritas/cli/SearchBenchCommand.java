package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.index.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures search over an existing data folder (either backend): latency of one query at a time (p50/p99 after a
 * warm-up pass), then throughput with several threads for a fixed time, then the index's size on disk and the
 * heap in use after a full GC. Queries come from a file, one per line (a TSV's third column when it has tabs, as
 * in the retrieval question set).
 */
@Command(name = "bench-search", description = "Measure search latency and throughput over an existing data folder.")
final class SearchBenchCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Parameters(paramLabel = "QUERIES", description = "A file of queries, one per line (or the retrieval TSV).")
    Path queries;

    @Option(names = "--mode", defaultValue = "hybrid", description = "lexical, dense or hybrid. Default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--limit", defaultValue = "10", description = "Passages per query. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--rounds", defaultValue = "5", description = "Timed passes over the queries, one at a time. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for the throughput run (0: skip it). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the throughput run. Default: ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--writable", description = "Open the folder as serve does (for writing: the bookkeeping of known documents is loaded), to measure its heap.")
    boolean writable;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> qs = read(queries);
        SearchRequest.Mode m = SearchCommand.mode(mode);
        try (Veritas veritas = writable ? Veritas.open(data.data) : Veritas.openReadOnly(data.data)) {
            out.printf(Locale.ROOT, "data: %s, backend %s, %,d documents, %,d passage vectors; %d queries, mode %s%n", data.data,
                    veritas.settings().backend(), veritas.documentCount(), veritas.vectorCount(), qs.size(), m.name().toLowerCase(Locale.ROOT));
            for (String q : qs) {
                veritas.search(request(q, m)); // warm-up: JIT, caches, the model
            }
            long hits = 0;
            List<Long> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (String q : qs) {
                    long t0 = System.nanoTime();
                    hits += veritas.search(request(q, m)).size();
                    times.add(System.nanoTime() - t0);
                }
            }
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "one at a time: %d searches, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.1f hits per search%n",
                    sorted.length, BenchCommand.percentile(sorted, 50) / 1e6, BenchCommand.percentile(sorted, 99) / 1e6,
                    sorted[sorted.length - 1] / 1e6, (double) hits / sorted.length);
            if (threads > 0) {
                throughput(veritas, qs, m, out);
            }
            if (veritas.settings().backend().equals(io.veritas.Settings.LUCENE)) {
                out.printf(Locale.ROOT, "index on disk: %.1f MB%n", size(data.data.resolve("index")) / 1e6);
            }
            System.gc();
            Thread.sleep(200);
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf(Locale.ROOT, "heap in use after GC, index open: %.0f MB%n", used / 1e6);
        }
        return 0;
    }

    private SearchRequest request(String q, SearchRequest.Mode m) {
        return SearchRequest.of(q, limit).withMode(m);
    }

    private void throughput(Veritas veritas, List<String> qs, SearchRequest.Mode m, PrintWriter out) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < end) {
                    veritas.search(request(qs.get(Math.floorMod(next.getAndIncrement(), qs.size())), m));
                    done.incrementAndGet();
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "throughput: %d threads, %,d searches in %.1f s = %.0f searches/s%n", threads, done.get(), elapsed,
                done.get() / elapsed);
    }

    static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            String q = cols.length >= 3 ? cols[2] : line;
            if (cols.length >= 3 && lineNo == 1 && q.equals("question")) {
                continue; // the header of the retrieval TSV
            }
            out.add(q.strip());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no queries; write one per line");
        }
        return out;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
