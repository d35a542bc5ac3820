package io.veritas;

import io.veritas.answer.Answer;
import io.veritas.answer.Answerer;
import io.veritas.answer.TimelineView;
import io.veritas.answer.TruthKeeper;
import io.veritas.embed.EmbeddingWorker;
import io.veritas.extract.AliasTable;
import io.veritas.extract.Lexicon;
import io.veritas.index.Hit;
import io.veritas.index.Index;
import io.veritas.index.Outcome;
import io.veritas.index.SearchRequest;
import io.veritas.index.Source;
import io.veritas.ingest.Failure;
import io.veritas.ingest.Journal;
import io.veritas.ingest.RawItem;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;
import io.veritas.truth.SourceReliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

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
 *
 * <p>A facade over the parts along the data flow: {@link IndexOpener} opens the backend, {@link ItemPipeline}
 * takes one item through the stages, {@link BatchIngest} runs files through it on one thread per core,
 * {@link StreamIngest} accepts items from live sources with a journal and its {@link Committer},
 * {@link Searcher} ranks passages, {@link Answerer} answers, and the {@link EmbeddingWorker} gives passages their
 * vectors in the background.
 */
public final class Veritas implements AutoCloseable {
    private final Index index;
    private final Settings settings;
    private final ModelLoader model;
    private final AliasState aliases;
    private final ItemPipeline pipeline;
    private final Searcher searcher;
    private final Answerer answerer;
    private final TruthKeeper truth;
    /** Gives passages their vectors off the ingest path; null when no embedding model is configured. */
    private final EmbeddingWorker embeddings;
    /** Null when opened read-only. */
    private final Journal journal;
    private final StreamIngest stream;

    private Veritas(Index index, Journal journal, Settings settings) {
        Lexicon lexicon = Lexicon.defaults();
        this.index = index;
        this.journal = journal;
        this.settings = settings;
        this.model = new ModelLoader(settings);
        this.aliases = new AliasState(index, lexicon);
        this.pipeline = new ItemPipeline(index, lexicon);
        this.searcher = new Searcher(index, settings, lexicon, model, aliases);
        this.truth = new TruthKeeper(index, lexicon, aliases);
        this.answerer = new Answerer(index, lexicon, aliases, searcher::search, searcher::translations, truth);
        StreamIngest[] self = new StreamIngest[1];
        this.embeddings = settings.embeds() && journal != null
                ? new EmbeddingWorker(index, model, () -> self[0] != null && self[0].bulkArriving()) : null;
        this.stream = journal == null ? null : new StreamIngest(index, journal, pipeline, this::startEmbedding);
        self[0] = stream;
        if (stream != null && !stream.recovery().failures().isEmpty()) {
            for (Failure f : stream.recovery().failures()) {
                System.err.println("veritas: replaying the journal: " + f.locator() + ": " + f.reason());
            }
        }
    }

    /**
     * Opens (or creates) the data folder for reading and writing; one process at a time may do this. Items
     * acknowledged from the journal but not yet in the last index commit (a crash) are ingested again first.
     */
    public static Veritas open(Path dataDir) {
        return open(dataDir, Settings.load(dataDir));
    }

    /**
     * Opens (or creates) the data folder with these settings (backend, embedding model) and saves them there for
     * later commands. A folder whose passages already have vectors of another model is refused.
     */
    public static Veritas open(Path dataDir, Settings settings) {
        return open(dataDir, settings, UnaryOperator.identity());
    }

    /** Opens with the index wrapped by {@code wrap} (metrics, or faults injected by a test). */
    static Veritas open(Path dataDir, Settings settings, UnaryOperator<Index> wrap) {
        Index index = wrap.apply(IndexOpener.openForWriting(dataDir, settings));
        try {
            return new Veritas(index, Journal.open(dataDir.resolve("journal")), settings);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Opens an existing data folder for questions only; works while another process writes to it. */
    public static Veritas openReadOnly(Path dataDir) {
        Settings settings = Settings.load(dataDir);
        return new Veritas(IndexOpener.open(dataDir, settings, false), null, settings);
    }

    /** What happened to one item handed to {@link #accept}: added, updated, duplicate or rejected (with why). */
    public record Accepted(String locator, String id, String status, String reason) {
    }

    /**
     * Ingests items from a stream source with acknowledgement semantics: they are appended to the journal and
     * forced to disk, then indexed and made searchable; when this returns, every accepted item survives a crash.
     * Items are processed in order; a bad item is rejected with its reason and the others go on.
     */
    public List<Accepted> accept(List<RawItem> items) {
        return requireStream().accept(items);
    }

    /**
     * Progress of a long ingest: files done, documents done, and input bytes done out of the total (bytes within
     * a JSON Lines file are counted as its lines are read), so a caller can show a rate and an ETA.
     */
    public record Progress(int files, int filesTotal, int documents, long bytes, long bytesTotal, Duration elapsed) {
    }

    /**
     * Ingests files and folders (recursively) on one thread per core; bad inputs are reported and skipped, the rest
     * is ingested, committed and searchable when this returns.
     */
    public IngestReport ingest(List<Path> paths, Consumer<Progress> progress) {
        return ingest(paths, progress, index.writers());
    }

    /** {@link #ingest(List, Consumer)} on {@code threads} threads (the result is the same for any number). */
    IngestReport ingest(List<Path> paths, Consumer<Progress> progress, int threads) {
        requireStream();
        Instant started = Instant.now();
        IngestReport read = new BatchIngest(pipeline, threads).run(paths, progress);
        index.flushBuffers(threads);
        index.commit(stream.appliedSeq());
        index.refresh();
        return new IngestReport(read.added(), read.updated(), read.duplicates(), read.failures(), read.warnings(), read.bytes(),
                read.claims(), Duration.between(started, Instant.now()));
    }

    /**
     * Ingests one item and makes it searchable; throws {@link IllegalArgumentException} with the reason when the
     * item is refused.
     */
    public Outcome ingest(RawItem item) {
        Accepted a = accept(List.of(item)).get(0);
        if (a.status().equals("rejected")) {
            throw new IllegalArgumentException(a.locator() + ": " + a.reason());
        }
        return Outcome.valueOf(a.status().toUpperCase(Locale.ROOT));
    }

    public void commit() {
        index.commit(requireStream().appliedSeq());
    }

    /** The stored metadata of a document, or null when there is none with that id. */
    public Source document(String id) {
        return index.document(id);
    }

    /** A document's metadata (source, author, extra fields), or null when there is none with that id. */
    public Index.DocumentInfo documentInfo(String id) {
        return index.documentInfo(id);
    }

    public Answer ask(String question) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("the question is empty; ask something such as \"What is xAI's latest valuation?\"");
        }
        return answerer.ask(question);
    }

    /**
     * The dated values of one attribute of an entity (any of its names, any script), oldest first, each with its
     * status and sources, as the truth engine judges them over the whole corpus. {@code attribute} is a figure's name
     * ({@code valuation}, {@code funding}, ...) or a word for it in either language ("估值"); the values are written
     * in {@code language} ({@code en}, {@code zh-Hans}, {@code zh-Hant}).
     */
    public TimelineView timeline(String entity, String attribute, String language) {
        if (entity == null || entity.isBlank()) {
            throw new IllegalArgumentException("a timeline needs an entity, e.g. xAI");
        }
        return truth.timeline(entity, lexiconAttribute(attribute), language == null ? "en" : language);
    }

    private String lexiconAttribute(String attribute) {
        Lexicon lexicon = aliases.get().lexicon();
        String a = attribute == null ? "" : attribute.strip().toLowerCase(Locale.ROOT);
        if (lexicon.attributes().contains(a)) {
            return a;
        }
        String folded = Script.fold(Normalizer.nfkc(a));
        for (io.veritas.extract.CueMatcher.Found f : io.veritas.extract.CueMatcher.find(folded, lexicon.attributeCues())) {
            return f.label();
        }
        throw new IllegalArgumentException("'" + attribute + "' is not a figure Veritas reads; use one of "
                + String.join(", ", lexicon.attributes()) + " (or a word for one, such as 估值)");
    }

    /** Every source that states a figure, with the reliability learned for it from the corpus, most reliable first. */
    public List<SourceReliability> sources() {
        return truth.reliabilities();
    }

    /**
     * Reads what the first search would otherwise wait for (the general dictionary, two to three seconds) on a
     * background thread; a long-running server calls it as it starts.
     */
    public void prepareSearch() {
        searcher.loadInBackground();
    }

    public List<Hit> search(String query, int limit) {
        return search(SearchRequest.of(query == null ? "" : query, Math.max(1, limit)));
    }

    /** Passages for a query in any language, expanded across languages and scripts, with optional filters. */
    public List<Hit> search(SearchRequest request) {
        return searcher.search(request);
    }

    /**
     * Starts giving new passages their vectors in the background (stream sources and {@code serve} do this; a
     * batch ingest calls {@link #embedPending} instead). Nothing happens when no embedding model is configured.
     */
    public void startEmbedding() {
        if (embeddings != null) {
            embeddings.start();
            embeddings.wake();
        }
    }

    /**
     * Gives every passage still without a vector its vector now, on the calling thread, and commits; reports the
     * running count. Returns how many passages were embedded (0 when no model is configured).
     */
    public int embedPending(IntConsumer progress) {
        if (embeddings == null) {
            return 0;
        }
        int n = embeddings.catchUp(progress);
        index.commit(stream.appliedSeq());
        return n;
    }

    /**
     * The state of the engine for {@code /v1/health}: counts, background commits and refreshes (failures retry
     * with back-off and show here), what replaying the journal on open did, and the last embedding failure.
     */
    public record Health(int documents, int vectors, boolean healthy, long appliedSeq, long committedSeq, int commitFailures,
                         int refreshFailures, String lastError, Instant lastErrorAt, int replayed, List<Failure> replayFailures,
                         String embeddingError) {
    }

    public Health health() {
        int documents = index.documentCount();
        int vectors = index.vectorCount();
        String embeddingError = embeddings == null ? null : embeddings.lastError();
        if (stream == null) {
            return new Health(documents, vectors, true, 0, 0, 0, 0, null, null, 0, List.of(), embeddingError);
        }
        Committer.State s = stream.state();
        StreamIngest.Recovery r = stream.recovery();
        return new Health(documents, vectors, s.healthy() && embeddingError == null, s.appliedSeq(), s.committedSeq(),
                s.commitFailures(), s.refreshFailures(), s.lastError(), s.lastErrorAt(), r.replayed(), r.failures(), embeddingError);
    }

    /** How many passages have vectors. */
    public int vectorCount() {
        return index.vectorCount();
    }

    public Settings settings() {
        return settings;
    }

    public int documentCount() {
        return index.documentCount();
    }

    public Index index() {
        return index;
    }

    /** The names questions are read with now: the lexicon's and those the stored documents teach. */
    public AliasTable aliases() {
        return aliases.get();
    }

    private StreamIngest requireStream() {
        if (stream == null) {
            throw new IllegalStateException("this Veritas was opened read-only; open it with Veritas.open to ingest");
        }
        return stream;
    }

    @Override
    public synchronized void close() {
        if (embeddings != null) {
            embeddings.close();
        }
        searcher.close();
        if (stream != null) {
            stream.close();
            journal.close();
        }
        index.close();
        model.close();
    }
}
