package io.veritas;

import io.veritas.answer.Answer;
import io.veritas.answer.Answerer;
import io.veritas.extract.AliasLearner;
import io.veritas.extract.AliasTable;
import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Lexicon;
import io.veritas.index.Hit;
import io.veritas.index.Index;
import io.veritas.embed.Embedder;
import io.veritas.embed.EmbeddingWorker;
import io.veritas.index.Fusion;
import io.veritas.index.Highlighter;
import io.veritas.index.LuceneIndex;
import io.veritas.index.OpenSearchIndex;
import io.veritas.index.Outcome;
import io.veritas.index.Source;
import io.veritas.index.QueryExpander;
import io.veritas.index.SearchRequest;
import io.veritas.ingest.Failure;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.Format;
import io.veritas.ingest.Journal;
import io.veritas.ingest.RawItem;
import io.veritas.text.Texts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final Index index;
    private final Settings settings;
    /** Loaded on first use, under its own lock: {@link #accept} holds this object's monitor while it indexes. */
    private volatile Embedder embedder;
    private final Object embedderLock = new Object();
    /** Ranks by meaning while the searching thread ranks by words (threads made on demand, none while idle). */
    private final java.util.concurrent.ExecutorService searchPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "veritas-search");
        t.setDaemon(true);
        return t;
    });
    /** Gives passages their vectors off the ingest path; null when no embedding model is configured. */
    private final EmbeddingWorker embeddings;
    private final Journal journal;
    private final AliasTable aliases;
    private final ClaimExtractor extractor;
    private final Answerer answerer;
    private final QueryExpander expander;
    /** Items accepted in the current one-second window and the one before: how fast documents stream in. */
    private volatile long rateWindowStart = System.nanoTime();
    private volatile int rateWindowItems;
    private volatile int previousWindowItems;
    /** Above this many documents a second a stream is a bulk load, and background embedding waits for its end. */
    private static final int BULK_RATE = 1_000;
    /** Every journal record up to this one is in the index (not necessarily committed). */
    private volatile long appliedSeq;
    private volatile boolean dirty;
    private volatile boolean refreshNeeded;
    /** Batches smaller than this are made searchable before they are acknowledged. */
    private static final int SMALL_BATCH = 64;
    /** Larger batches become searchable within this many milliseconds (one reopen per interval, not per batch). */
    static final long REFRESH_MS = 250;
    private ScheduledExecutorService committer;

    private Veritas(Index index, Journal journal, Settings settings) {
        this.index = index;
        this.journal = journal;
        this.settings = settings;
        this.embeddings = settings.embeds()
                ? new EmbeddingWorker(index, this::embedder, this::bulkArriving) : null;
        this.aliases = new AliasTable(Lexicon.defaults());
        for (AliasLearner.Pair p : index.learnedAliases()) {
            aliases.learn(p.a(), p.b(), p.type());
        }
        this.extractor = new ClaimExtractor(aliases);
        this.answerer = new Answerer(index, aliases);
        this.expander = new QueryExpander(aliases);
        if (journal != null) {
            recover();
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
        Index index = openIndex(dataDir, settings, true);
        try {
            String before = Settings.load(dataDir).modelKey();
            if (!before.equals(settings.modelKey()) && index.vectorCount() > 0) {
                throw new IllegalArgumentException("the passages in " + dataDir + " have vectors of the model " + before
                        + ", not " + settings.modelKey() + "; keep the folder's model (leave out the embedder options) or "
                        + "ingest into a new data folder");
            }
            settings.save(dataDir);
            return new Veritas(index, Journal.open(dataDir.resolve("journal")), settings);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Opens an existing data folder for questions only; works while another process writes to it. */
    public static Veritas openReadOnly(Path dataDir) {
        Settings settings = Settings.load(dataDir);
        return new Veritas(openIndex(dataDir, settings, false), null, settings);
    }

    private static Index openIndex(Path dataDir, Settings settings, boolean writable) {
        if (settings.backend().equals(Settings.OPENSEARCH)) {
            return writable ? OpenSearchIndex.open(settings.opensearchUrl(), settings.indexName(), settings.words())
                    : OpenSearchIndex.openForReading(settings.opensearchUrl(), settings.indexName(), settings.words());
        }
        return writable ? LuceneIndex.openForWriting(dataDir, settings.words()) : LuceneIndex.openForReading(dataDir, settings.words());
    }

    /** The embedding model, loaded on first use. */
    private Embedder embedder() {
        Embedder e = embedder;
        if (e == null) {
            synchronized (embedderLock) {
                if (embedder == null) {
                    embedder = settings.createEmbedder();
                }
                e = embedder;
            }
        }
        return e;
    }

    private void recover() {
        long committed = index.committedJournalSeq();
        int[] replayed = {0};
        journal.replay(committed, record -> {
            ingest(record.item(), new ArrayList<>(), new ArrayList<>(), new int[5]);
            replayed[0]++;
        });
        appliedSeq = Math.max(committed, journal.lastSeq());
        if (replayed[0] > 0) {
            index.commit(appliedSeq);
            index.refresh();
            journal.prune(appliedSeq);
        }
    }

    /** What happened to one item handed to {@link #accept}: added, updated, duplicate or rejected (with why). */
    public record Accepted(String locator, String id, String status, String reason) {
    }

    /**
     * Ingests items from a stream source with acknowledgement semantics: they are appended to the journal and
     * forced to disk, then indexed and made searchable; when this returns, every accepted item survives a crash.
     * Items are processed in order; a bad item is rejected with its reason and the others go on.
     */
    public synchronized List<Accepted> accept(List<RawItem> items) {
        requireJournal();
        countArrivals(items.size());
        long last = appliedSeq;
        for (RawItem item : items) {
            last = journal.append(item);
        }
        journal.sync();
        Accepted[] out = new Accepted[items.size()];
        // Index on one thread per core; items with the same id (or file) stay on one thread, in order.
        int parts = items.size() < 64 ? 1 : index.writers();
        List<List<Integer>> partitions = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            partitions.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            partitions.get(Math.floorMod(partitionKey(items.get(i)).hashCode(), parts)).add(i);
        }
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (List<Integer> partition : partitions.subList(1, parts)) {
            running.add(acceptPool().submit(() -> acceptAll(items, partition, out)));
        }
        acceptAll(items, partitions.get(0), out);
        for (java.util.concurrent.Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("indexing a batch failed: " + e.getCause(), e.getCause());
            }
        }
        appliedSeq = last;
        dirty = true;
        if (items.size() < SMALL_BATCH) {
            index.refresh(); // a single post is searchable before its acknowledgement returns
        } else {
            refreshNeeded = true; // a bulk stream is made searchable by the background refresh, at most REFRESH_MS later
        }
        startCommitter();
        startEmbedding();
        return List.of(out);
    }

    private void acceptAll(List<RawItem> items, List<Integer> positions, Accepted[] out) {
        for (int i : positions) {
            RawItem item = items.get(i);
            List<Failure> failures = new ArrayList<>();
            Ingested done = ingest(item, failures, new ArrayList<>(), new int[5]);
            out[i] = done == null
                    ? new Accepted(item.locator(), item.id(), "rejected", failures.get(0).reason())
                    : new Accepted(item.locator(), done.id(), done.outcome().name().toLowerCase(Locale.ROOT), null);
        }
    }

    private java.util.concurrent.ExecutorService acceptPool;

    private synchronized java.util.concurrent.ExecutorService acceptPool() {
        if (acceptPool == null) {
            acceptPool = Executors.newFixedThreadPool(Math.max(1, index.writers() - 1), r -> {
                Thread t = new Thread(r, "veritas-accept");
                t.setDaemon(true);
                return t;
            });
        }
        return acceptPool;
    }

    /** Items with the same key are indexed on one thread, in order: the id, else where it came from. */
    private static String partitionKey(RawItem item) {
        return item.id() != null ? item.id() : item.locator();
    }

    private void requireJournal() {
        if (journal == null) {
            throw new IllegalStateException("this Veritas was opened read-only; open it with Veritas.open to ingest");
        }
    }

    /** Commits the index (and prunes the journal) a few seconds after stream items arrive. */
    private synchronized void startCommitter() {
        if (committer != null) {
            return;
        }
        committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veritas-committer");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commitIfDirty, 2, 2, TimeUnit.SECONDS);
        committer.scheduleWithFixedDelay(() -> {
            if (refreshNeeded) {
                refreshNeeded = false;
                index.refresh();
            }
        }, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    private void commitIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        long seq = appliedSeq;
        index.commit(seq);
        journal.prune(seq);
    }

    /**
     * Progress of a long ingest: files done, documents done, and input bytes done out of the total (bytes within
     * a JSON Lines file are counted as its lines are read), so a caller can show a rate and an ETA.
     */
    public record Progress(int files, int filesTotal, int documents, long bytes, long bytesTotal, Duration elapsed) {
    }

    /**
     * Ingests files and folders (recursively); bad inputs are reported and skipped, the rest is ingested.
     *
     * <p>The calling thread reads files and hands items to one worker per core, which clean, extract and index
     * them. Items with the same id (or, without one, from the same file) go to the same worker, so updates keep
     * their order.
     */
    public synchronized IngestReport ingest(List<Path> paths, Consumer<Progress> progress) {
        Instant started = Instant.now();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        List<Failure> warnings = Collections.synchronizedList(new ArrayList<>());
        AtomicIntegerArray counts = new AtomicIntegerArray(5);
        List<Path> files = FileSource.expand(paths, failures::add);
        long bytesTotal = 0;
        for (Path f : files) {
            try {
                bytesTotal += Files.size(f);
            } catch (IOException e) {
                // reported by the source when it tries to read the file
            }
        }
        int workers = index.writers();
        List<BlockingQueue<RawItem>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            BlockingQueue<RawItem> queue = new ArrayBlockingQueue<>(512);
            queues.add(queue);
            Thread t = new Thread(() -> work(queue, failures, warnings, counts), "veritas-ingest-" + w);
            threads.add(t);
            t.start();
        }
        long[] before = {0};
        long[] lastReport = {0};
        int[] done = {0};
        long total = bytesTotal;
        FileSource[] source = new FileSource[1];
        Runnable report = () -> {
            long now = System.nanoTime();
            if (now - lastReport[0] > 200_000_000L) {
                lastReport[0] = now;
                progress.accept(new Progress(done[0], files.size(), counts.get(0) + counts.get(1) + counts.get(2),
                        before[0] + source[0].bytesReadOfCurrentFile(), total, Duration.between(started, Instant.now())));
            }
        };
        source[0] = new FileSource(item -> {
            put(queues, item);
            report.run();
        }, failures::add, warnings::add);
        try {
            for (Path file : files) {
                source[0].read(file);
                done[0]++;
                try {
                    before[0] += Files.size(file);
                } catch (IOException e) {
                    // already reported
                }
                report.run();
            }
        } finally {
            for (BlockingQueue<RawItem> q : queues) {
                putUninterruptibly(q, END);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        progress.accept(new Progress(files.size(), files.size(), counts.get(0) + counts.get(1) + counts.get(2), before[0],
                bytesTotal, Duration.between(started, Instant.now())));
        index.commit(appliedSeq);
        index.refresh();
        List<Failure> sortedFailures = new ArrayList<>(failures);
        sortedFailures.sort(Failure.BY_LOCATION);
        List<Failure> sortedWarnings = new ArrayList<>(warnings);
        sortedWarnings.sort(Failure.BY_LOCATION);
        return new IngestReport(counts.get(0), counts.get(1), counts.get(2), sortedFailures, sortedWarnings, before[0], counts.get(3),
                Duration.between(started, Instant.now()));
    }

    /** Marks the end of a worker's queue. */
    private static final RawItem END = RawItem.ofFile("end of input", Format.TEXT, "");

    private void work(BlockingQueue<RawItem> queue, List<Failure> failures, List<Failure> warnings,
                      AtomicIntegerArray counts) {
        int[] local = new int[5];
        while (true) {
            RawItem item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item == END) {
                return;
            }
            local[3] = 0;
            Ingested result = ingest(item, failures, warnings, local);
            counts.addAndGet(3, local[3]);
            counts.incrementAndGet(result == null ? 4 : result.outcome().ordinal());
        }
    }

    private static void put(List<BlockingQueue<RawItem>> queues, RawItem item) {
        putUninterruptibly(queues.get(Math.floorMod(partitionKey(item).hashCode(), queues.size())), item);
    }

    private static void putUninterruptibly(BlockingQueue<RawItem> queue, RawItem item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the index did with an item, and the id of the document it became. */
    private record Ingested(Outcome outcome, String id) {
    }

    /**
     * Ingests one item; returns what the index did with it, or null when it was refused (the reason is added to
     * {@code failures}). {@code counts[3]} collects the number of figures read.
     */
    private Ingested ingest(RawItem item, List<Failure> failures, List<Failure> warnings, int[] counts) {
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
            return new Ingested(o, cleaned.document().id());
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
        Accepted a = accept(List.of(item)).get(0);
        if (a.status().equals("rejected")) {
            throw new IllegalArgumentException(a.locator() + ": " + a.reason());
        }
        return Outcome.valueOf(a.status().toUpperCase(Locale.ROOT));
    }

    public void commit() {
        index.commit(appliedSeq);
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

    public List<Hit> search(String query, int limit) {
        return search(SearchRequest.of(query == null ? "" : query, Math.max(1, limit)));
    }

    /** Passages for a query in any language, expanded across languages and scripts, with optional filters. */
    public List<Hit> search(SearchRequest request) {
        QueryExpander.Expansion expansion = expander.expand(request.text());
        return Highlighter.apply(rank(request, expansion), request.text(), expansion);
    }

    private List<Hit> rank(SearchRequest request, QueryExpander.Expansion expansion) {
        if (request.mode() == SearchRequest.Mode.DENSE) {
            return hasVectors() ? byMeaning(request, expansion, request.limit()) : List.of();
        }
        if (request.mode() == SearchRequest.Mode.LEXICAL || !hasVectors() || !denseReads(request.text())) {
            return index.search(request, expansion);
        }
        // Each ranker proposes more than asked for, so a passage both like but neither puts first still makes it.
        int depth = Math.max(FUSION_DEPTH, request.limit());
        // Meaning on another thread while words are ranked here: the query's vector costs as much as the BM25 search.
        java.util.concurrent.Future<List<Hit>> byMeaning = searchPool.submit(() -> byMeaning(request, expansion, depth));
        List<Hit> lexical = index.search(request.withLimit(depth), expansion);
        List<Hit> dense;
        try {
            dense = byMeaning.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        List<Hit> fused;
        if (settings.fusion().equals(Settings.RRF)) {
            fused = Fusion.reciprocalRank(List.of(lexical, dense), request.limit());
        } else {
            fused = Fusion.convex(lexical, dense, Fusion.DENSE_WEIGHT, request.limit()); // both already favour recent ones for "latest"
        }
        return fused;
    }

    /** Passages fused from each ranker's top this many. */
    private static final int FUSION_DEPTH = 50;

    /** Counts items into one-second windows (called under this object's monitor, by {@link #accept}). */
    private void countArrivals(int n) {
        long now = System.nanoTime();
        if (now - rateWindowStart > 1_000_000_000L) {
            previousWindowItems = now - rateWindowStart > 2_000_000_000L ? 0 : rateWindowItems;
            rateWindowItems = 0;
            rateWindowStart = now;
        }
        rateWindowItems += n;
    }

    /** Whether documents are arriving at a bulk rate right now (this second or the last). */
    private boolean bulkArriving() {
        long age = System.nanoTime() - rateWindowStart;
        return age < 2_000_000_000L && Math.max(rateWindowItems, age < 1_000_000_000L ? previousWindowItems : 0) >= BULK_RATE;
    }

    private boolean hasVectors() {
        if (!vectorsSeen && settings.embeds()) {
            vectorsSeen = index.vectorCount() > 0; // once there are vectors there stay some: no count per search after that
        }
        return vectorsSeen;
    }

    private volatile boolean vectorsSeen;

    /**
     * Whether hybrid search ranks by meaning too: when the model reads the query's language. The in-jar model is a
     * Chinese one (measured: English questions ranked by it find almost nothing), so English questions are ranked
     * by words, which the bilingual lexicon already carries across languages; other models are taken to be
     * multilingual.
     */
    private boolean denseReads(String query) {
        boolean chinese = query.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese || !settings.embedder().equals(io.veritas.embed.OnnxEmbedder.DEFAULT_ID);
    }

    /**
     * Passages nearest to the query by meaning. The query is embedded together with its expansion (the entities'
     * other names, the domain words of the other language), so a model that reads one language best still meets
     * passages written in the other.
     */
    private List<Hit> byMeaning(SearchRequest request, QueryExpander.Expansion expansion, int k) {
        StringBuilder text = new StringBuilder(request.text());
        expansion.entities().forEach(names -> names.forEach(n -> text.append(' ').append(n)));
        expansion.terms().forEach(t -> text.append(' ').append(t));
        List<Hit> hits = index.nearest(embedder().embedQuery(text.toString()), request, k);
        return expansion.latest() ? Fusion.byRecency(hits) : hits;
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
    public int embedPending(java.util.function.IntConsumer progress) {
        if (embeddings == null) {
            return 0;
        }
        int n = embeddings.catchUp(progress);
        if (journal != null) {
            index.commit(appliedSeq);
        }
        return n;
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

    public AliasTable aliases() {
        return aliases;
    }

    @Override
    public synchronized void close() {
        if (embeddings != null) {
            embeddings.close();
        }
        if (committer != null) {
            committer.shutdownNow();
        }
        if (acceptPool != null) {
            acceptPool.shutdown();
        }
        searchPool.shutdown();
        if (journal != null) {
            index.commit(appliedSeq);
            journal.prune(appliedSeq);
            journal.close();
        }
        index.close();
        if (embedder != null) {
            embedder.close();
        }
    }
}
