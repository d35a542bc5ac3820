package io.veritas.index;

import io.veritas.extract.AliasLearner;
import io.veritas.extract.Claim;
import io.veritas.text.Document;
import io.veritas.text.Fingerprint;
import io.veritas.text.Passage;
import io.veritas.text.Span;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded index: one Lucene index on disk holding four kinds of records, told apart by the {@code type}
 * field: documents (metadata and cleaned text), passages (analysed for search), claims (figures) and learned
 * aliases. All records of a document share its {@code docId}, so an update replaces them together.
 *
 * <p>Opened for writing by one process (Lucene's write lock); other processes open it read-only. Searches see
 * what was added without a commit (near-real-time reopen); {@link #commit()} makes it durable.
 */
public final class LuceneIndex implements Index {
    static final int SCHEMA_VERSION = 6;

    private static final String TYPE = "type";
    private static final String DOC_ID = "docId";
    private static final String JOURNAL_SEQ = "veritas.journalSeq";
    private static final String NEXT_SEQ = "veritas.nextPassageSeq";
    private static final String EMBEDDED_SEQ = "veritas.embeddedSeq";
    /**
     * Weights of the query expansion, chosen on the retrieval question set (see BENCHMARKS.md): words from the
     * other language count half; naming the entity asked about counts twice as much as a query word. The entity is not a
     * hard filter: that lost passages naming it only as "the company" / "该公司" (recall@10 0.742 against 0.797).
     */
    private static final float EXPANSION_BOOST = 0.5f;
    private static final float ENTITY_BOOST = 2f;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = Analysis.analyzer();
    /** Chinese word segmentation beside the bigrams (the data folder's analysis is smartcn); null when off. */
    private final Analyzer words;
    /**
     * For every document: 64 bits of its content hash (to tell new, updated and duplicate documents apart), its
     * SimHash (to leave its story cluster when it is replaced) and the pending-order number of its first passage
     * (to drop vectors of a version that was replaced while they were computed). Three longs a document keep a
     * million posts small.
     */
    private final Map<String, long[]> known = new ConcurrentHashMap<>();
    private final Map<String, String> idByPath = new ConcurrentHashMap<>();
    private final StoryClusters clusters = new StoryClusters();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Passages are numbered in the order they are indexed; the embedder works through them in that order. Numbers
     * are taken under the upsert lock, but documents reach Lucene concurrently, so a number is "in flight" until
     * its document is added; {@link #refresh} records the highest number below every one in flight as the last one
     * searchers can see, and the embedder never goes past it (nothing is skipped).
     */
    private long nextSeq = 1;
    private final java.util.concurrent.ConcurrentSkipListSet<Long> inFlight = new java.util.concurrent.ConcurrentSkipListSet<>();
    private volatile long visibleSeq;
    /** Every passage numbered up to this one has its vector (or was replaced). */
    private volatile long embeddedSeq;

    private LuceneIndex(Directory directory, IndexWriter writer, SearcherManager searchers, boolean words) {
        this.words = words ? Analysis.words() : null;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    public static LuceneIndex openForWriting(Path dataDir) {
        return openForWriting(dataDir, false);
    }

    /** Opens for writing; {@code words}: also index Chinese passages segmented into words (smartcn). */
    public static LuceneIndex openForWriting(Path dataDir, boolean words) {
        Path dir = dataDir.resolve("index");
        try {
            Manifest.check(dataDir, true);
            Files.createDirectories(dir);
            Directory directory = FSDirectory.open(dir);
            Map<String, Analyzer> perField = words ? Map.of(Analysis.WORDS_FIELD, Analysis.words()) : Map.of();
            IndexWriterConfig config = new IndexWriterConfig(
                    new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(Analysis.analyzer(), perField))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(32); // flushes happen on the indexing threads, not all at the final commit
            IndexWriter writer;
            try {
                writer = new IndexWriter(directory, config);
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new Unavailable("the data folder " + dataDir + " is in use by another Veritas process (a running "
                        + "'serve'?); stop it, or send documents to its HTTP API instead", e);
            }
            LuceneIndex index = new LuceneIndex(directory, writer, new SearcherManager(writer, new SearcherFactory()), words);
            index.loadKnown();
            index.nextSeq = index.commitData(NEXT_SEQ, 0) + 1;
            index.embeddedSeq = index.commitData(EMBEDDED_SEQ, 0);
            index.visibleSeq = index.nextSeq - 1;
            return index;
        } catch (IOException e) {
            throw new Unavailable("could not open the index in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static LuceneIndex openForReading(Path dataDir) {
        return openForReading(dataDir, false);
    }

    public static LuceneIndex openForReading(Path dataDir, boolean words) {
        Path dir = dataDir.resolve("index");
        if (!Files.isDirectory(dir)) {
            throw new Unavailable("there is no index in " + dataDir + "; ingest documents first: ./veritas ingest --data "
                    + dataDir + " PATH...", null);
        }
        try {
            Manifest.check(dataDir, false);
            Directory directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new Unavailable("the index in " + dataDir + " is empty; ingest documents first: ./veritas ingest --data "
                        + dataDir + " PATH...", null);
            }
            return new LuceneIndex(directory, null, new SearcherManager(directory, new SearcherFactory()), words);
        } catch (IOException e) {
            throw new Unavailable("could not open the index in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void loadKnown() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs docs = searcher.search(new TermQuery(new Term(TYPE, "doc")), Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : docs.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc, java.util.Set.of(DOC_ID, "hash", "path", "simhash", "cluster", "seq0"));
                String path = d.get("path");
                long simHash = d.getField("simhash").numericValue().longValue();
                clusters.restore(simHash, d.get("cluster"));
                known.put(d.get(DOC_ID), new long[]{hash64(d.get("hash")), simHash, d.getField("seq0").numericValue().longValue()});
                if (path != null) {
                    idByPath.put(path, d.get(DOC_ID));
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Adds or replaces a document with its passages, claims and learned aliases. Safe to call from several
     * threads as long as calls for the same id (or the same file) come from one thread in order: the bookkeeping
     * is under a short lock and Lucene indexes the records concurrently.
     */
    public Outcome upsert(Document doc, List<Claim> claims, List<AliasLearner.Pair> aliases) {
        requireWritable();
        long simHash = Fingerprint.simHash(doc.text());
        long[] previous;
        String replaced = null;
        String cluster;
        Outcome outcome;
        long seq0;
        synchronized (this) {
            previous = known.get(doc.id());
            long hash = hash64(doc.contentHash());
            if (previous != null && previous[0] == hash) {
                return Outcome.DUPLICATE;
            }
            if (previous != null) {
                clusters.remove(previous[1]);
            }
            outcome = previous != null ? Outcome.UPDATED : Outcome.ADDED;
            if (doc.path() != null && !isLineOfFile(doc)) {
                String before = idByPath.put(doc.path(), doc.id());
                if (before != null && !before.equals(doc.id())) {
                    replaced = before;
                    long[] old = known.remove(before);
                    if (old != null) {
                        clusters.remove(old[1]);
                    }
                    outcome = Outcome.UPDATED;
                }
            }
            cluster = clusters.assign(doc.id(), simHash);
            seq0 = nextSeq;
            nextSeq += doc.passages().size();
            inFlight.add(seq0);
            known.put(doc.id(), new long[]{hash, simHash, seq0});
        }
        try {
            return index(doc, claims, aliases, simHash, previous != null, replaced, cluster, seq0, outcome);
        } finally {
            inFlight.remove(seq0);
        }
    }

    private Outcome index(Document doc, List<Claim> claims, List<AliasLearner.Pair> aliases, long simHash, boolean previous,
                          String replaced, String cluster, long seq0, Outcome outcome) {
        List<org.apache.lucene.document.Document> records = new ArrayList<>();
        if (doc.passages().size() == 1) {
            // A post is one passage: one record serves as both document and passage (half the records to index).
            org.apache.lucene.document.Document both = passageRecord(doc, doc.passages().get(0), cluster, seq0, words != null);
            both.add(new StringField(TYPE, "doc", Field.Store.NO));
            addDocFields(both, doc, simHash, seq0);
            records.add(both);
        } else {
            org.apache.lucene.document.Document docRecord = base("doc", doc.id());
            addSource(docRecord, doc, cluster);
            addDocFields(docRecord, doc, simHash, seq0);
            records.add(docRecord);
            for (int i = 0; i < doc.passages().size(); i++) {
                records.add(passageRecord(doc, doc.passages().get(i), cluster, seq0 + i, words != null));
            }
        }
        for (Claim c : claims) {
            records.add(claimRecord(doc, c, cluster));
        }
        for (AliasLearner.Pair pair : aliases) {
            org.apache.lucene.document.Document r = new org.apache.lucene.document.Document();
            r.add(new StringField(TYPE, "alias", Field.Store.NO));
            r.add(new StringField(DOC_ID, doc.id(), Field.Store.YES));
            r.add(new StoredField("a", pair.a()));
            r.add(new StoredField("b", pair.b()));
            r.add(new StoredField("aliasType", pair.type()));
            records.add(r);
        }
        try {
            if (previous) {
                writer.deleteDocuments(new Term(DOC_ID, doc.id()));
            }
            if (replaced != null) {
                writer.deleteDocuments(new Term(DOC_ID, replaced));
            }
            writer.addDocuments(records);
        } catch (IOException e) {
            throw new UncheckedIOException("could not index " + doc.id(), e);
        }
        version.incrementAndGet();
        return outcome;
    }

    private static long hash64(String hex) {
        return Long.parseUnsignedLong(hex.substring(0, 16), 16);
    }

    /** Posts of one JSON Lines file share its path; only whole files replace each other by path. */
    private static boolean isLineOfFile(Document doc) {
        return doc.meta().containsKey("line");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper META = new com.fasterxml.jackson.databind.ObjectMapper();

    private static void addDocFields(org.apache.lucene.document.Document r, Document doc, long simHash, long seq0) {
        r.add(new StoredField("seq0", seq0));
        r.add(new StoredField("hash", doc.contentHash()));
        r.add(new StoredField("author", nz(doc.author())));
        if (!doc.meta().isEmpty()) {
            try {
                r.add(new StoredField("meta", META.writeValueAsString(doc.meta())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("metadata of " + doc.id() + " could not be written", e);
            }
        }
        r.add(new StoredField("simhash", simHash));
    }

    private static org.apache.lucene.document.Document passageRecord(Document doc, Passage p, String cluster, long seq,
                                                                    boolean words) {
        org.apache.lucene.document.Document r = base("passage", doc.id());
        addSource(r, doc, cluster);
        r.add(new LongPoint("seq", seq));
        r.add(new org.apache.lucene.document.NumericDocValuesField("seq", seq));
        r.add(new StoredField("seq", seq));
        r.add(new StoredField("ordinal", p.ordinal()));
        r.add(new StoredField("start", p.span().start()));
        r.add(new StoredField("end", p.span().end()));
        r.add(new StringField("plang", p.language(), Field.Store.YES));
        String body = doc.slice(p.span());
        r.add(new TextField("body", body, Field.Store.YES));
        if (words && Analysis.hasChinese(body)) {
            r.add(new TextField(Analysis.WORDS_FIELD, io.veritas.text.Script.fold(body), Field.Store.NO));
        }
        String host = host(doc.url());
        if (host != null) {
            r.add(new StringField("host", host, Field.Store.NO));
        }
        if (doc.author() != null && !doc.author().isBlank()) {
            r.add(new StringField("authorKey", filterKey(doc.author()), Field.Store.YES)); // copied onto its vector
        }
        for (io.veritas.extract.Quantity q : io.veritas.extract.Quantities.find(io.veritas.text.Script.fold(body))) {
            r.add(new StringField("amount", QueryExpander.amountToken(q.currency(), q.value()), Field.Store.NO));
        }
        return r;
    }

    private static org.apache.lucene.document.Document claimRecord(Document doc, Claim c, String cluster) {
        org.apache.lucene.document.Document r = base("claim", doc.id());
        addSource(r, doc, cluster);
        r.add(new StringField("subject", c.subject(), Field.Store.YES));
        r.add(new StoredField("subjectAs", c.subjectAs()));
        r.add(new StringField("attribute", c.attribute(), Field.Store.YES));
        r.add(new StringField("qualifier", nz(c.qualifier()), Field.Store.YES));
        r.add(new StoredField("value", c.value()));
        r.add(new StoredField("currency", c.currency()));
        r.add(new StoredField("period", nz(c.period())));
        r.add(new StoredField("bound", c.bound()));
        r.add(new StoredField("asOf", c.asOf() == null ? "" : c.asOf().toString()));
        r.add(new StoredField("dated", c.dated() ? 1 : 0));
        r.add(new StoredField("modality", c.modality()));
        r.add(new StoredField("qs", c.quote().start()));
        r.add(new StoredField("qe", c.quote().end()));
        r.add(new StoredField("fs", c.figure().start()));
        r.add(new StoredField("fe", c.figure().end()));
        r.add(new StoredField("quote", doc.slice(c.quote())));
        r.add(new StoredField("figure", doc.slice(c.figure())));
        return r;
    }

    private static org.apache.lucene.document.Document base(String type, String docId) {
        org.apache.lucene.document.Document r = new org.apache.lucene.document.Document();
        r.add(new StringField(TYPE, type, Field.Store.NO));
        r.add(new StringField(DOC_ID, docId, Field.Store.YES));
        return r;
    }

    private static void addSource(org.apache.lucene.document.Document r, Document doc, String cluster) {
        r.add(new StoredField("cluster", cluster)); // read back, never searched
        r.add(new StoredField("path", nz(doc.path())));
        r.add(new StoredField("url", nz(doc.url())));
        r.add(new StoredField("title", nz(doc.title())));
        r.add(new StoredField("language", doc.language())); // passages filter on their own "plang"
        long published = doc.published() == null ? Long.MIN_VALUE : doc.published().toEpochMilli();
        r.add(new LongPoint("published", published));
        r.add(new StoredField("published", published));
    }

    /** The host of a URL without "www.", lower case ("news.example.com"), or null. */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String h = java.net.URI.create(url.strip()).getHost();
            return h == null ? null : h.toLowerCase(java.util.Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** How author names are compared: folded, spaces and a leading @ ignored. */
    static String filterKey(String author) {
        return io.veritas.text.Script.fold(author.strip()).replaceFirst("^@", "").replaceAll("\\s+", " ");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String zn(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Changes whenever a document is added or replaced, for caches of derived data. */
    public long version() {
        return version.get();
    }

    /** Makes everything added so far durable. */
    public synchronized void commit() {
        commit(committedJournalSeq());
    }

    /**
     * Makes everything added so far durable and records that every journal record up to {@code journalSeq} is
     * in the index, so a restart replays only what came after.
     */
    public synchronized void commit(long journalSeq) {
        requireWritable();
        try {
            long next;
            synchronized (this) {
                next = nextSeq - 1;
            }
            writer.setLiveCommitData(Map.of(JOURNAL_SEQ, Long.toString(journalSeq), NEXT_SEQ, Long.toString(next),
                    EMBEDDED_SEQ, Long.toString(embeddedSeq)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not commit the index", e);
        }
    }

    /** The journal sequence number the last commit covers (0 when none). */
    public long committedJournalSeq() {
        return commitData(JOURNAL_SEQ, 0);
    }

    private long commitData(String key, long absent) {
        try {
            if (writer != null) {
                Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
                if (live != null) {
                    for (Map.Entry<String, String> e : live) {
                        if (e.getKey().equals(key)) {
                            return Long.parseLong(e.getValue());
                        }
                    }
                }
                return absent;
            }
            var commits = DirectoryReader.listCommits(directory);
            String v = commits.get(commits.size() - 1).getUserData().get(key);
            return v == null ? absent : Long.parseLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the index commit", e);
        }
    }

    /** The document record of an id (passages and claims share the id but not the type). */
    private static Query documentById(String id) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, "doc")), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(DOC_ID, id)), BooleanClause.Occur.FILTER)
                .build();
    }

    /** The metadata of a document, or null when no document has that id. */
    public DocumentInfo documentInfo(String id) {
        Query q = documentById(id);
        return withSearcher(s -> {
            TopDocs top = s.search(q, 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            org.apache.lucene.document.Document d = s.storedFields().document(top.scoreDocs[0].doc);
            Map<String, String> meta = d.get("meta") == null ? Map.of()
                    : META.readValue(d.get("meta"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            return new DocumentInfo(source(d), zn(d.get("author")), meta);
        });
    }

    /** How many document records carry this id (1 for any ingested document; more would be a bug). */
    public int documentRecords(String id) {
        return count(documentById(id));
    }

    /** Makes what was added visible to searches (near-real-time, without a commit). */
    public void refresh() {
        try {
            long visible;
            synchronized (this) {
                visible = inFlight.isEmpty() ? nextSeq - 1 : inFlight.first() - 1;
            }
            searchers.maybeRefreshBlocking();
            visibleSeq = Math.max(visibleSeq, visible);
        } catch (IOException e) {
            throw new UncheckedIOException("could not refresh the searcher", e);
        }
    }

    public int documentCount() {
        return count(new TermQuery(new Term(TYPE, "doc")));
    }

    public int claimCount() {
        return count(new TermQuery(new Term(TYPE, "claim")));
    }

    private int count(Query q) {
        return withSearcher(s -> s.count(q));
    }

    /**
     * Passages ranked by BM25 over the query's own words plus its expansion: naming the entities the query names
     * (under any of their names, in any script), domain words in the other language and matching amounts raise a
     * passage's score; filters restrict publication time and language; a query for the latest favours recent
     * passages.
     */
    public List<Hit> search(SearchRequest request, QueryExpander.Expansion expansion) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, "passage")), BooleanClause.Occur.FILTER);
        Query own = termsQuery(request.text());
        int scoring = 0;
        if (own != null) {
            b.add(own, BooleanClause.Occur.SHOULD);
            scoring++;
        }
        if (words != null) {
            BooleanQuery.Builder segmented = new BooleanQuery.Builder();
            List<String> tokens = Analysis.wordTokens(words, request.text(), 256);
            for (String t : tokens) {
                segmented.add(new TermQuery(new Term(Analysis.WORDS_FIELD, t)), BooleanClause.Occur.SHOULD);
            }
            if (!tokens.isEmpty()) {
                b.add(new org.apache.lucene.search.BoostQuery(segmented.build(), Analysis.WORDS_BOOST), BooleanClause.Occur.SHOULD);
                scoring++;
            }
        }
        for (String term : expansion.terms()) {
            Query q = allTokens(term);
            if (q != null) {
                b.add(new org.apache.lucene.search.BoostQuery(q, EXPANSION_BOOST), BooleanClause.Occur.SHOULD);
                scoring++;
            }
        }
        for (String amount : expansion.amounts()) {
            b.add(new org.apache.lucene.search.BoostQuery(new TermQuery(new Term("amount", amount)), 3f), BooleanClause.Occur.SHOULD);
            scoring++;
        }
        for (java.util.Set<String> names : expansion.entities()) {
            BooleanQuery.Builder anyName = new BooleanQuery.Builder();
            for (String name : names) {
                Query q = allTokens(name);
                if (q != null) {
                    anyName.add(q, BooleanClause.Occur.SHOULD);
                }
            }
            b.add(new org.apache.lucene.search.BoostQuery(anyName.build(), ENTITY_BOOST), BooleanClause.Occur.SHOULD);
            scoring++;
        }
        if (scoring == 0) {
            return List.of();
        }
        b.setMinimumNumberShouldMatch(1); // with a FILTER clause present, SHOULD clauses would otherwise be optional
        addFilters(b, request);
        Query q = b.build();
        int fetch = expansion.latest() ? Math.max(100, request.limit() * 5) : request.limit();
        return withSearcher(s -> {
            TopDocs top = s.search(q, fetch);
            StoredFields stored = s.storedFields();
            List<Hit> hits = new ArrayList<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                String body = d.get("body");
                hits.add(new Hit(source(d), d.getField("ordinal").numericValue().intValue(),
                        d.getField("start").numericValue().intValue(), d.getField("end").numericValue().intValue(),
                        d.get("plang"), body, sd.score));
            }
            if (expansion.latest()) {
                hits = Fusion.byRecency(hits);
            }
            return hits.size() > request.limit() ? List.copyOf(hits.subList(0, request.limit())) : hits;
        });
    }

    /** The request's filters on publication time, passage language, source host and author. */
    private static void addFilters(BooleanQuery.Builder b, SearchRequest request) {
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE + 1 : request.from().toEpochMilli();
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery("published", from, to), BooleanClause.Occur.FILTER);
        }
        if (request.language() != null) {
            b.add(new TermQuery(new Term("plang", request.language())), BooleanClause.Occur.FILTER);
        }
        if (request.source() != null) {
            String host = request.source().toLowerCase(java.util.Locale.ROOT).replaceFirst("^www\\.", "");
            b.add(new TermQuery(new Term("host", host)), BooleanClause.Occur.FILTER);
        }
        if (request.author() != null) {
            b.add(new TermQuery(new Term("authorKey", filterKey(request.author()))), BooleanClause.Occur.FILTER);
        }
    }

    /** All tokens of a term must match ("红杉资本" as its bigrams; "andreessen horowitz" as both words). */
    private Query allTokens(String term) {
        return tokensQuery(term, BooleanClause.Occur.MUST, 16);
    }

    /** Any token of the query text may match (BM25 over the query's own words). */
    private Query termsQuery(String text) {
        return tokensQuery(text, BooleanClause.Occur.SHOULD, 256);
    }

    private Query tokensQuery(String text, BooleanClause.Occur occur, int max) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && n < max) {
                b.add(new TermQuery(new Term("body", term.toString())), occur);
                n++;
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n == 0 ? null : b.build();
    }

    /** Claims about any of the given subject names; about one attribute, or all when {@code attribute} is null. */
    public List<ClaimHit> claims(Collection<String> subjects, String attribute) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, "claim")), BooleanClause.Occur.FILTER);
        if (subjects != null) {
            b.add(new TermInSetQuery("subject", subjects.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (attribute != null) {
            b.add(new TermQuery(new Term("attribute", attribute)), BooleanClause.Occur.FILTER);
        }
        Query q = b.build();
        return withSearcher(s -> {
            TopDocs top = s.search(q, Math.max(1, s.count(q)));
            StoredFields stored = s.storedFields();
            List<ClaimHit> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                Claim c = new Claim(d.get(DOC_ID), d.get("subject"), d.get("subjectAs"), d.get("attribute"), zn(d.get("qualifier")),
                        d.getField("value").numericValue().doubleValue(), d.get("currency"), zn(d.get("period")),
                        d.get("bound"), d.get("asOf").isEmpty() ? null : LocalDate.parse(d.get("asOf")), intField(d, "dated") == 1, d.get("modality"),
                        new Span(intField(d, "qs"), intField(d, "qe")), new Span(intField(d, "fs"), intField(d, "fe")));
                out.add(new ClaimHit(c, source(d), d.get("quote"), d.get("figure")));
            }
            return out;
        });
    }

    /** Whether any claim is about one of these names and this attribute (and round, when not null). */
    public boolean hasClaims(Collection<String> subjects, String attribute, String qualifier) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, "claim")), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery("subject", subjects.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term("attribute", attribute)), BooleanClause.Occur.FILTER);
        if (qualifier != null) {
            b.add(new TermQuery(new Term("qualifier", qualifier)), BooleanClause.Occur.FILTER);
        }
        Query q = b.build();
        return withSearcher(s -> s.count(q) > 0);
    }

    /** What a passage's vector record repeats from the passage so that filters apply to vector searches. */
    private record VectorFilters(long published, String language, String host, String authorKey) {
    }

    /** Filter fields of passages handed out by {@link #unembedded}, until their vectors come back. */
    private final Map<Long, VectorFilters> pendingFilters = new ConcurrentHashMap<>();

    public Unembedded unembedded(int max) {
        long from = embeddedSeq;
        long through = visibleSeq;
        if (through <= from) {
            return new Unembedded(List.of(), from);
        }
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, "passage")), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery("seq", from + 1, through), BooleanClause.Occur.FILTER)
                .build();
        org.apache.lucene.search.Sort bySeq = new org.apache.lucene.search.Sort(
                new org.apache.lucene.search.SortField("seq", org.apache.lucene.search.SortField.Type.LONG));
        return withSearcher(s -> {
            TopDocs top = s.search(q, max, bySeq);
            StoredFields stored = s.storedFields();
            List<PendingPassage> out = new ArrayList<>();
            long last = from;
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                long seq = d.getField("seq").numericValue().longValue();
                out.add(new PendingPassage(d.get(DOC_ID), intField(d, "ordinal"), seq, d.get("body")));
                pendingFilters.put(seq, new VectorFilters(d.getField("published").numericValue().longValue(), d.get("plang"),
                        host(zn(d.get("url"))), zn(d.get("authorKey"))));
                last = seq;
            }
            return new Unembedded(out, out.size() == max ? last : through);
        });
    }

    public void addVectors(List<PassageVector> vectors, long through) {
        requireWritable();
        List<org.apache.lucene.document.Document> records = new ArrayList<>();
        for (PassageVector v : vectors) {
            PendingPassage p = v.passage();
            VectorFilters f = pendingFilters.remove(p.seq());
            org.apache.lucene.document.Document r = base("vec", p.docId());
            r.add(new StoredField("ordinal", p.ordinal()));
            r.add(new org.apache.lucene.document.KnnFloatVectorField("vec", v.vector(),
                    org.apache.lucene.index.VectorSimilarityFunction.COSINE));
            if (f != null) {
                r.add(new LongPoint("published", f.published()));
                r.add(new StringField("plang", f.language(), Field.Store.NO));
                if (f.host() != null) {
                    r.add(new StringField("host", f.host(), Field.Store.NO));
                }
                if (f.authorKey() != null) {
                    r.add(new StringField("authorKey", f.authorKey(), Field.Store.NO));
                }
            }
            records.add(r);
        }
        // Under the upsert lock: a document replaced after its passages were handed out has a new first number and
        // its old vectors are dropped here; one replaced after this block deletes them with its other records.
        synchronized (this) {
            List<org.apache.lucene.document.Document> current = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) {
                PendingPassage p = vectors.get(i).passage();
                long[] k = known.get(p.docId());
                if (k != null && k[2] == p.seq() - p.ordinal()) {
                    current.add(records.get(i));
                }
            }
            try {
                writer.addDocuments(current);
            } catch (IOException e) {
                throw new UncheckedIOException("could not store passage vectors", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the passage vectors do not fit the ones stored before (" + e.getMessage()
                        + "); an index holds the vectors of one embedding model: re-ingest into a new data folder to change it", e);
            }
            embeddedSeq = Math.max(embeddedSeq, through);
        }
        pendingFilters.keySet().removeIf(seq -> seq <= through);
    }

    public int vectorCount() {
        return count(new TermQuery(new Term(TYPE, "vec")));
    }

    public List<Hit> nearest(float[] query, SearchRequest request, int k) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TYPE, "vec")), BooleanClause.Occur.FILTER);
        addFilters(filter, request);
        Query q = new org.apache.lucene.search.KnnFloatVectorQuery("vec", query, k, filter.build());
        return withSearcher(s -> {
            if (s.getIndexReader().leaves().stream().noneMatch(l -> l.reader().getFieldInfos().fieldInfo("vec") != null)) {
                return List.of(); // no vectors yet
            }
            TopDocs top = s.search(q, k);
            StoredFields stored = s.storedFields();
            List<String> order = new ArrayList<>();
            Map<String, Float> cosine = new HashMap<>();
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document v = stored.document(sd.doc, java.util.Set.of(DOC_ID, "ordinal"));
                String key = v.get(DOC_ID) + "#" + intField(v, "ordinal");
                if (cosine.putIfAbsent(key, 2 * sd.score - 1) == null) { // Lucene scores cosine c as (1 + c) / 2
                    order.add(key);
                }
            }
            // The passages themselves, in one query for all their documents.
            Query passages = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(TYPE, "passage")), BooleanClause.Occur.FILTER)
                    .add(new TermInSetQuery(DOC_ID, order.stream().map(key -> new BytesRef(key.substring(0, key.lastIndexOf('#')))).toList()),
                            BooleanClause.Occur.FILTER)
                    .build();
            Map<String, Hit> byKey = new HashMap<>();
            for (ScoreDoc sd : s.search(passages, Math.max(1, s.count(passages))).scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                String key = d.get(DOC_ID) + "#" + intField(d, "ordinal");
                Float c = cosine.get(key);
                if (c != null) {
                    String body = d.get("body");
                    byKey.put(key, new Hit(source(d), intField(d, "ordinal"), intField(d, "start"), intField(d, "end"),
                            d.get("plang"), body, c));
                }
            }
            List<Hit> hits = new ArrayList<>();
            for (String key : order) {
                Hit h = byKey.get(key); // null when the document was replaced since its vector was stored
                if (h != null) {
                    hits.add(h);
                }
            }
            return hits;
        });
    }


    /** Every alias pair learned from ingested text. */
    public List<AliasLearner.Pair> learnedAliases() {
        Query q = new TermQuery(new Term(TYPE, "alias"));
        return withSearcher(s -> {
            TopDocs top = s.search(q, Integer.MAX_VALUE);
            StoredFields stored = s.storedFields();
            List<AliasLearner.Pair> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                out.add(new AliasLearner.Pair(d.get("a"), d.get("b"), d.get("aliasType")));
            }
            return out;
        });
    }

    private static int intField(org.apache.lucene.document.Document d, String name) {
        return d.getField(name).numericValue().intValue();
    }

    private static Source source(org.apache.lucene.document.Document d) {
        long published = d.getField("published").numericValue().longValue();
        return new Source(d.get(DOC_ID), zn(d.get("path")), zn(d.get("url")), zn(d.get("title")),
                published == Long.MIN_VALUE ? null : Instant.ofEpochMilli(published), d.get("language"), d.get("cluster"));
    }

    private interface SearchFn<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearchFn<T> fn) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return fn.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("index search failed", e);
        }
    }

    private void requireWritable() {
        if (writer == null) {
            throw new IllegalStateException("this index was opened read-only");
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            if (writer != null) {
                writer.close(); // commits, keeping the live commit data
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the index", e);
        }
    }
}
