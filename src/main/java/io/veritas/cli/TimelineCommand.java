package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.answer.SourceView;
import io.veritas.answer.TimelineView;
import io.veritas.api.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code veritas timeline ENTITY ATTRIBUTE}: every dated value of one figure, its status and who states it. */
@Command(name = "timeline", description = "Show how one figure of an entity changed: every dated value with its status "
        + "(current, superseded, disputed, reported, target, denied, rejected), confidence and sources.")
final class TimelineCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en",
            description = "Language the values are written in: en, zh-Hans or zh-Hant. Default: ${DEFAULT-VALUE}")
    String language;

    @Parameters(index = "0", paramLabel = "ENTITY", description = "A company, person or fund, under any of its names (xAI, 深瞳智能).")
    String entity;

    @Parameters(index = "1", paramLabel = "ATTRIBUTE", description = "The figure: valuation, funding, revenue, burn, ... or a word for it (估值).")
    String attribute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!List.of("en", "zh-Hans", "zh-Hant").contains(language)) {
            throw new IllegalArgumentException("--lang " + language + ": use en, zh-Hans or zh-Hant");
        }
        PrintWriter out = spec.commandLine().getOut();
        TimelineView t;
        try (Veritas veritas = Veritas.openReadOnly(data.data)) {
            t = veritas.timeline(entity, attribute, language);
        }
        if (json) {
            out.println(Json.pretty(t));
            return 0;
        }
        if (t.points().isEmpty()) {
            out.printf("The corpus has no %s figure for %s.%n", t.attribute(), t.entity());
            return 0;
        }
        out.printf("%s, %s:%n", t.entity(), t.attribute());
        for (TimelineView.Point p : t.points()) {
            List<String> who = new ArrayList<>();
            for (SourceView s : p.sources()) {
                who.add(s.reliability() == null ? s.source()
                        : String.format(Locale.ROOT, "%s (%.2f)", s.source(), s.reliability()));
            }
            out.printf(Locale.ROOT, "  %-10s  %-10s  %-28s %-10s confidence %.2f  %s%n", p.asOf() == null ? "undated" : p.asOf(),
                    p.status(), p.text(), p.qualifier() == null ? "" : p.qualifier(), p.confidence(), String.join(", ", who));
        }
        return 0;
    }
}
