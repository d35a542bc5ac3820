package io.veritas.cli;

import io.veritas.IngestReport;
import io.veritas.Veritas;
import io.veritas.ingest.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", description = "Ingest files and folders (HTML, Markdown, text, JSON, JSON Lines).")
final class IngestCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Mixin
    EngineOptions engine;

    @Option(names = "--vectors", paramLabel = "WHEN", defaultValue = "now",
            description = "Give the new passages their vectors now (the default; search by meaning works when ingest returns) "
                    + "or later (ingest returns after indexing; `serve` embeds them in the background).")
    String vectors;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders (read recursively).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestReport report;
        if (!vectors.equals("now") && !vectors.equals("later")) {
            throw new IllegalArgumentException("--vectors " + vectors + " is not known; use now or later");
        }
        int embedded = 0;
        try (Veritas veritas = Veritas.open(data.data, engine.resolve(data.data))) {
            try (Progress progress = Progress.create(err)) {
                report = veritas.ingest(paths, progress::update);
            }
            if (vectors.equals("now")) {
                embedded = embed(veritas, err);
            }
        }
        for (Failure w : report.warnings()) {
            err.println("warning: " + w);
        }
        for (Failure f : report.failures()) {
            err.println("failed: " + f);
        }
        out.println("Ingested into " + data.data + ": " + report.summary()
                + (embedded > 0 ? String.format(java.util.Locale.ROOT, "; %,d passage vectors", embedded) : ""));
        if (!report.failures().isEmpty()) {
            err.println("veritas: " + report.failures().size() + " input(s) could not be ingested (listed above); "
                    + "everything else was ingested. Fix them and run ingest again.");
            return 1;
        }
        return 0;
    }

    /** Gives the new passages their vectors, reporting progress; a failing model is a warning, not a failed ingest. */
    private static int embed(Veritas veritas, PrintWriter err) {
        long started = System.nanoTime();
        long[] lastReport = {started};
        try {
            return veritas.embedPending(n -> {
                long now = System.nanoTime();
                if (now - lastReport[0] > 5_000_000_000L) {
                    lastReport[0] = now;
                    err.printf(java.util.Locale.ROOT, "embedding passages: %,d done (%.0f/s); Ctrl-C is safe, serve or the "
                            + "next ingest goes on%n", n, n / ((now - started) / 1e9));
                    err.flush();
                }
            });
        } catch (IllegalStateException e) {
            err.println("warning: passages were not given vectors: " + e.getMessage() + ". The documents are ingested "
                    + "and searchable by words; run ingest again or serve to retry, or use --embedder none.");
            return 0;
        }
    }
}
