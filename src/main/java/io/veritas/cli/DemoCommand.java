package io.veritas.cli;

import io.veritas.IngestReport;
import io.veritas.Veritas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo", description = "Ingest the bundled samples into a fresh data folder and serve them.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> EXAMPLES = List.of(
            "What is xAI's latest valuation?",
            "xAI的E轮融资筹集了多少钱？",
            "深瞳智能的B輪募資金額是多少？");

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "demo-data",
            description = "Data folder to create afresh. Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1. Default: ${DEFAULT-VALUE}")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        fresh(data);
        Path samples = data.resolve("samples");
        copySamples(samples);
        Veritas veritas = Veritas.open(data);
        veritas.prepareSearch(); // the dictionary loads while the samples are ingested
        IngestReport report = veritas.ingest(List.of(samples), p -> { });
        spec.commandLine().getOut().println("Ingested the bundled samples into " + data + ": " + report.summary()
                + String.format(java.util.Locale.ROOT, "; %,d passage vectors", veritas.embedPending(n -> { })));
        ServeCommand.serve(veritas, port, spec, EXAMPLES, ServeCommand.tokens(data, null, null, false)); // a fresh token
        return 0;
    }

    private static void fresh(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        boolean ours = Files.exists(dir.resolve("manifest.json"));
        try (Stream<Path> entries = Files.list(dir)) {
            if (!ours && entries.findAny().isPresent()) {
                throw new IllegalArgumentException(dir + " exists and is not a Veritas data folder; choose another with --data");
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Copies the samples bundled in the jar (or on the class path) to {@code target}. */
    static void copySamples(Path target) throws IOException {
        var url = DemoCommand.class.getResource("/samples");
        if (url == null) {
            throw new IllegalStateException("the bundled samples are missing from the jar; rebuild it");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(fs.getPath("/samples"), target);
            }
        } else {
            copyTree(Path.of(uri), target);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    try (InputStream in = Files.newInputStream(p)) {
                        Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
