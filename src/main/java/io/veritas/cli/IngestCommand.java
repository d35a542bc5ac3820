package io.veritas.cli;

import io.veritas.IngestReport;
import io.veritas.Veritas;
import io.veritas.ingest.Failure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders (read recursively).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestReport report;
        try (Veritas veritas = Veritas.open(data.data); Progress progress = Progress.create(err)) {
            report = veritas.ingest(paths, progress::update);
        }
        for (Failure w : report.warnings()) {
            err.println("warning: " + w);
        }
        for (Failure f : report.failures()) {
            err.println("failed: " + f);
        }
        out.println("Ingested into " + data.data + ": " + report.summary());
        if (!report.failures().isEmpty()) {
            err.println("veritas: " + report.failures().size() + " input(s) could not be ingested (listed above); "
                    + "everything else was ingested. Fix them and run ingest again.");
            return 1;
        }
        return 0;
    }
}
