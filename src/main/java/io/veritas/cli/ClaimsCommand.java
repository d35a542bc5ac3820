package io.veritas.cli;

import io.veritas.extract.Claim;
import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Lexicon;
import io.veritas.ingest.Failure;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Shows what Veritas reads from files without ingesting them: the cleaned text and the figures. */
@Command(name = "claims", description = "Show the cleaned text and the figures Veritas reads from files (nothing is stored).")
final class ClaimsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*")
    List<Path> paths;

    @Option(names = "--text", description = "Also print the cleaned text.")
    boolean text;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ClaimExtractor extractor = new ClaimExtractor(Lexicon.defaults());
        List<RawItem> items = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        FileSource source = new FileSource(items::add, failures::add);
        for (Path file : FileSource.expand(paths, failures::add)) {
            source.read(file);
        }
        for (RawItem item : items) {
            Texts.Result r = Texts.clean(item, Instant.now());
            if (r.document() == null) {
                failures.add(new Failure(item.locator(), r.error()));
                continue;
            }
            Document d = r.document();
            out.printf("== %s  id=%s  lang=%s  published=%s%n   title: %s%n", item.locator(), d.id(), d.language(), d.published(), d.title());
            if (text) {
                out.println(d.text());
                out.println("--");
            }
            for (Claim c : extractor.extract(d).claims()) {
                // the name as written, and the name it stands for when that differs ("Velmora" for velmora robotics)
                String subject = io.veritas.text.Script.fold(c.subjectAs()).equals(c.subject()) ? c.subjectAs()
                        : c.subjectAs() + " (" + c.subject() + ")";
                out.printf("  %-8s %-10s %-10s %-12s %14.0f %-10s %-7s %s  «%s»%n", subject, c.attribute(),
                        c.qualifier() == null ? "-" : c.qualifier(), c.modality(), c.value(), c.unit(), c.bound(), c.asOf(),
                        d.slice(c.figure()));
            }
        }
        for (Failure f : failures) {
            spec.commandLine().getErr().println("failed: " + f);
        }
        return failures.isEmpty() ? 0 : 1;
    }
}
