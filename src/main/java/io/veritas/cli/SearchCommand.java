package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.api.Json;
import io.veritas.index.Hit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "search", description = "Show the passages that best match a query.")
final class SearchCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--limit", defaultValue = "10", description = "How many passages. Default: ${DEFAULT-VALUE}")
    int limit;

    @Parameters(paramLabel = "QUERY", arity = "1..*")
    List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String query = String.join(" ", words);
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        List<Hit> hits;
        try (Veritas veritas = Veritas.openReadOnly(data.data)) {
            hits = veritas.search(query, limit);
        }
        if (json) {
            out.println(Json.pretty(Json.hits(query, hits)));
            return 0;
        }
        if (hits.isEmpty()) {
            out.println("No passage matches \"" + query + "\".");
        }
        int n = 1;
        for (Hit h : hits) {
            out.printf("%d. %.2f  %s  (%s, %s)%n", n++, h.score(), h.source().title() == null ? h.source().docId() : h.source().title(),
                    h.source().published() == null ? "undated" : h.source().published().toString().substring(0, 10), h.language());
            out.println("   " + (h.source().path() != null ? h.source().path() : h.source().url()));
            out.println("   " + h.text().replace("\n", " "));
        }
        return 0;
    }
}
