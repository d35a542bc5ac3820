package io.veritas.cli;

import io.veritas.IngestReport;
import io.veritas.Veritas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Measures ingest rate and ask latency on real files, into a fresh temporary data folder: one ingest pass
 * (documents/s and MB/s, wall clock including commit), then warm-up questions, then timed questions
 * (p50/p99). Questions are the demo's examples plus any given with {@code --question}.
 */
@Command(name = "bench", description = "Measure ingest rate and ask latency over files or folders.",
        subcommands = TruthBenchCommand.class)
final class BenchCommand implements Callable<Integer> {
    // 0..* so that "bench truth" reaches its subcommand; call() still asks for at least one PATH.
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to ingest.")
    List<Path> paths;

    @Option(names = "--question", description = "A question to time (repeatable). Default: the demo questions.")
    List<String> questions;

    @Option(names = "--questions", paramLabel = "FILE", description = "Questions to time, one per line, or a QA set "
            + "(JSON lines with a \"question\" field, as eval-qa reads).")
    Path questionFile;

    @Option(names = "--embedder", paramLabel = "NAME", description = "Passage vectors from: bge-small-zh-v15-q (the default) or none.")
    String embedder;

    @Option(names = "--rounds", defaultValue = "50", description = "Timed passes over the questions. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--keep", paramLabel = "DIR", description = "Ingest into DIR and keep it (default: a temporary folder, deleted).")
    Path keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (paths == null || paths.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> qs = new ArrayList<>(questions == null ? List.of() : questions);
        if (questionFile != null) {
            qs.addAll(readQuestions(questionFile));
        }
        if (qs.isEmpty()) {
            qs = DemoCommand.EXAMPLES;
        }
        Path dir = keep != null ? keep : Files.createTempDirectory("veritas-bench");
        io.veritas.Settings settings = embedder == null ? io.veritas.Settings.defaults() : io.veritas.Settings.defaults().withEmbedder(embedder);
        try (Veritas veritas = Veritas.open(dir, settings)) {
            IngestReport report = veritas.ingest(paths, p -> { });
            double seconds = report.elapsed().toNanos() / 1e9;
            out.printf(Locale.ROOT, "ingest: %d documents (%d failures), %.1f MB in %.2f s = %.0f documents/s, %.2f MB/s, %d figures%n",
                    report.documents(), report.failures().size(), report.bytes() / 1e6, seconds,
                    report.documents() / seconds, report.bytes() / 1e6 / seconds, report.claims());
            java.util.Map<String, java.util.List<String>> reasons = new java.util.TreeMap<>();
            for (io.veritas.ingest.Failure f : report.failures()) {
                reasons.computeIfAbsent(f.reason(), r -> new ArrayList<>()).add(f.locator());
            }
            reasons.forEach((reason, where) -> out.printf(Locale.ROOT, "  %d x %s (e.g. %s)%n", where.size(), reason, where.get(0)));
            for (int i = 0; i < 5; i++) {
                for (String q : qs) {
                    veritas.ask(q);
                }
            }
            List<Long> times = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (String q : qs) {
                    long t0 = System.nanoTime();
                    veritas.ask(q);
                    times.add(System.nanoTime() - t0);
                }
            }
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "ask: %d questions, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", sorted.length,
                    percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
        } finally {
            if (keep == null) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return 0;
    }

    /** One question per line; a JSON line gives its "question" field. Blank lines and lines starting with # are skipped. */
    private List<String> readQuestions(Path file) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> out = new ArrayList<>();
        int line = 0;
        for (String l : Files.readAllLines(file)) {
            line++;
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("{")) {
                com.fasterxml.jackson.databind.JsonNode q;
                try {
                    q = json.readTree(t).get("question");
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            file + ":" + line + ": not valid JSON (" + e.getOriginalMessage() + "); give one question per line or JSON lines with a \"question\" field");
                }
                if (q == null || !q.isTextual()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            file + ":" + line + ": no \"question\" text field");
                }
                out.add(q.asText());
            } else {
                out.add(t);
            }
        }
        return out;
    }

    static long percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
