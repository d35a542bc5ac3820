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

    @Option(names = "--from", paramLabel = "DATE", description = "Only passages published on or after DATE (2026-01-01 or ISO 8601).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Only passages published before DATE.")
    String to;

    @Option(names = "--lang", paramLabel = "LANG", description = "Only passages in en, zh-Hans, zh-Hant or mixed.")
    String lang;

    @Option(names = "--source", paramLabel = "HOST", description = "Only passages from documents whose URL is on HOST (e.g. ft.com).")
    String source;

    @Option(names = "--author", paramLabel = "NAME", description = "Only passages by this author (e.g. @aifundingdesk).")
    String author;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
            description = "Rank by words (lexical), by meaning (dense), or both fused (hybrid, the default; words alone "
                    + "while no passage has a vector).")
    String mode;

    @Parameters(paramLabel = "QUERY", arity = "1..*")
    List<String> words;

    private static java.time.Instant date(String option, String value) {
        if (value == null) {
            return null;
        }
        return io.veritas.ingest.Timestamps.parse(value).orElseThrow(() -> new IllegalArgumentException(
                option + " '" + value + "' is not a date; write it as 2026-01-31 or 2026-01-31T08:00:00Z"));
    }

    static io.veritas.index.SearchRequest.Mode mode(String name) {
        return io.veritas.index.SearchRequest.Mode.parse(name, "--mode");
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String query = String.join(" ", words);
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        if (lang != null && !List.of("en", "zh-Hans", "zh-Hant", "mixed").contains(lang)) {
            throw new IllegalArgumentException("--lang must be en, zh-Hans, zh-Hant or mixed, got '" + lang + "'");
        }
        io.veritas.index.SearchRequest request = new io.veritas.index.SearchRequest(query, limit, date("--from", from), date("--to", to), lang,
                source, author, mode(mode));
        List<Hit> hits;
        try (Veritas veritas = Veritas.openReadOnly(data.data)) {
            veritas.prepareSearch(); // the dictionary loads while the rest opens
            hits = veritas.search(request);
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
            out.println("   " + h.highlight().replace("\n", " ").replace("<b>", "\u00ab").replace("</b>", "\u00bb")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
        }
        return 0;
    }
}
