package io.veritas;

import io.veritas.answer.Answer;
import io.veritas.answer.Answerer;
import io.veritas.extract.AliasLearner;
import io.veritas.extract.AliasTable;
import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Lexicon;
import io.veritas.index.Hit;
import io.veritas.index.LuceneIndex;
import io.veritas.index.Outcome;
import io.veritas.ingest.Failure;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.RawItem;
import io.veritas.text.Texts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine, for the command line, the HTTP API and Java programs that embed Veritas:
 * {@code ingest → text → extract → index}, then {@code ask} and {@code search} over what was ingested.
 *
 * <pre>{@code
 * try (Veritas veritas = Veritas.open(Path.of("data"))) {
 *     veritas.ingest(List.of(Path.of("samples")), progress -> {});
 *     Answer a = veritas.ask("What is xAI's latest valuation?");
 * }
 * }</pre>
 */
public final class Veritas implements AutoCloseable {
    private final LuceneIndex index;
    private final AliasTable aliases;
    private final ClaimExtractor extractor;
    private final Answerer answerer;

    private Veritas(LuceneIndex index) {
        this.index = index;
        this.aliases = new AliasTable(Lexicon.defaults());
        for (AliasLearner.Pair p : index.learnedAliases()) {
            aliases.learn(p.a(), p.b(), p.type());
        }
        this.extractor = new ClaimExtractor(aliases);
        this.answerer = new Answerer(index, aliases);
    }

    /** Opens (or creates) the data folder for reading and writing. One process at a time may do this. */
    public static Veritas open(Path dataDir) {
        return new Veritas(LuceneIndex.openForWriting(dataDir));
    }

    /** Opens an existing data folder for questions only; works while another process writes to it. */
    public static Veritas openReadOnly(Path dataDir) {
        return new Veritas(LuceneIndex.openForReading(dataDir));
    }

    /** Progress of a long ingest: documents done so far and bytes read. */
    public record Progress(int files, int filesTotal, int documents, long bytes) {
    }

    /** Ingests files and folders (recursively); bad inputs are reported and skipped, the rest is ingested. */
    public IngestReport ingest(List<Path> paths, Consumer<Progress> progress) {
        Instant started = Instant.now();
        List<Failure> failures = new ArrayList<>();
        List<Failure> warnings = new ArrayList<>();
        int[] counts = new int[4];
        long[] bytes = {0};
        FileSource source = new FileSource(item -> counts[outcome(ingest(item, failures, warnings, counts))]++, failures::add);
        List<Path> files = FileSource.expand(paths, failures::add);
        int done = 0;
        for (Path file : files) {
            try {
                bytes[0] += Files.size(file);
            } catch (IOException e) {
                // reported by the source when it tries to read the file
            }
            source.read(file);
            done++;
            progress.accept(new Progress(done, files.size(), counts[0] + counts[1] + counts[2], bytes[0]));
        }
        index.commit();
        index.refresh();
        return new IngestReport(counts[0], counts[1], counts[2], failures, warnings, bytes[0], counts[3],
                Duration.between(started, Instant.now()));
    }

    private static int outcome(Outcome o) {
        return o == null ? 3 : o.ordinal();
    }

    /**
     * Ingests one item; returns what the index did with it, or null when it was refused (the reason is added to
     * {@code failures}). {@code counts[3]} collects the number of figures read.
     */
    private Outcome ingest(RawItem item, List<Failure> failures, List<Failure> warnings, int[] counts) {
        try {
            Texts.Result cleaned = Texts.clean(item, Instant.now());
            for (String w : cleaned.warnings()) {
                warnings.add(new Failure(item.locator(), w));
            }
            if (cleaned.document() == null) {
                failures.add(new Failure(item.locator(), cleaned.error()));
                return null;
            }
            ClaimExtractor.Extraction extraction = extractor.extract(cleaned.document());
            Outcome o = index.upsert(cleaned.document(), extraction.claims(), extraction.aliases());
            counts[3] += o == Outcome.DUPLICATE ? 0 : extraction.claims().size();
            return o;
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(new Failure(item.locator(), "could not be processed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report this with the file"));
            return null;
        }
    }

    /**
     * Ingests one item and makes it searchable; throws {@link IllegalArgumentException} with the reason when the
     * item is refused.
     */
    public Outcome ingest(RawItem item) {
        List<Failure> failures = new ArrayList<>();
        Outcome o = ingest(item, failures, new ArrayList<>(), new int[4]);
        if (o == null) {
            throw new IllegalArgumentException(failures.get(0).toString());
        }
        index.refresh();
        return o;
    }

    public void commit() {
        index.commit();
    }

    public Answer ask(String question) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("the question is empty; ask something such as \"What is xAI's latest valuation?\"");
        }
        return answerer.ask(question);
    }

    public List<Hit> search(String query, int limit) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the query is empty; give some words to search for");
        }
        return index.search(query, Math.max(1, limit));
    }

    public int documentCount() {
        return index.documentCount();
    }

    public LuceneIndex index() {
        return index;
    }

    public AliasTable aliases() {
        return aliases;
    }

    @Override
    public void close() {
        index.close();
    }
}
