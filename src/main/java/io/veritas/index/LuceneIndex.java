package io.veritas.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veritas.extract.Alias;
import io.veritas.text.Script;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static io.veritas.index.Records.*;

/**
 * The embedded backend: one Lucene index on disk in the data folder holding the {@link Records}, told apart by
 * the {@code type} field; all records of a document share its {@code docId}, so a new version replaces them with
 * one atomic {@link IndexWriter#updateDocuments} (vector records included).
 *
 * <p>Opened for writing by one process (Lucene's write lock); other processes open it read-only. Searches see
 * what was written once {@link #refresh} returns (near-real-time reopen); {@link #commit} makes it durable and
 * does not stop writes meanwhile.
 */
public final class LuceneIndex implements Backend {
    static final int SCHEMA_VERSION = 8; // 8: passage text without positions; 7: one record layout for both backends

    private static final String JOURNAL_SEQ = "veritas.journalSeq";
    private static final String NEXT_SEQ = "veritas.nextPassageSeq";
    private static final String EMBEDDED_SEQ = "veritas.embeddedSeq";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A claim's publication time as doc values, to sort by (Lucene keeps one layout per field name). */
    private static final String CLAIM_PUBLISHED = "claimPublished";
    /** The document id again, on claim records only: their claims are replaced by this one term. */
    private static final String CLAIMS_OF = "claimsOf";

    /**
     * Passage text is searched by terms and ranked by BM25, which needs term frequencies and lengths but no
     * positions: no query is a phrase, and highlighting analyses the text again. Without positions indexing and
     * flushing write a third less.
     */
    private static final FieldType TERMS = new FieldType();
    private static final FieldType STORED_TERMS;

    static {
        TERMS.setTokenized(true);
        TERMS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TERMS.freeze();
        STORED_TERMS = new FieldType(TERMS);
        STORED_TERMS.setStored(true);
        STORED_TERMS.freeze();
    }

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Whether Chinese passages are also indexed as smartcn words. */
    private final boolean words;

    private LuceneIndex(Directory directory, IndexWriter writer, SearcherManager searchers, boolean words) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.words = words;
    }

    public static Index openForWriting(Path dataDir) {
        return openForWriting(dataDir, false);
    }

    /**
     * The indexing buffer: an eighth of the heap, between 16 and 256 MB (OpenSearch gives a node a tenth of its
     * heap). A larger buffer flushes fewer, larger segments, so there is less to merge and fewer segments to search.
     */
    static double ramBufferMb() {
        long eighth = Runtime.getRuntime().maxMemory() / 8 / (1024 * 1024);
        return Math.max(16, Math.min(256, eighth));
    }

    /** Opens for writing; {@code words}: also index Chinese passages segmented into words (smartcn). */
    public static Index openForWriting(Path dataDir, boolean words) {
        Path dir = dataDir.resolve("index");
        try {
            Manifest.check(dataDir, true);
            Files.createDirectories(dir);
            Directory directory = FSDirectory.open(dir);
            Map<String, Analyzer> perField = words ? Map.of(Analysis.WORDS_FIELD, Analysis.words()) : Map.of();
            IndexWriterConfig config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(Analysis.analyzer(), perField))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb()) // flushes happen on the indexing threads, not all at the final commit
                    // A flushed segment's files stay apart: packing them into one compound file copies every byte
                    // again (merged segments still follow the merge policy's rule).
                    .setUseCompoundFile(false);
            IndexWriter writer;
            try {
                writer = new IndexWriter(directory, config);
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new Index.Unavailable("the data folder " + dataDir + " is in use by another Veritas process (a "
                        + "running 'serve'?); stop it, or send documents to its HTTP API instead", e);
            }
            return DocumentIndex.open(new LuceneIndex(directory, writer, new SearcherManager(writer, new SearcherFactory()), words), words);
        } catch (IOException e) {
            throw new Index.Unavailable("could not open the index in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static Index openForReading(Path dataDir) {
        return openForReading(dataDir, false);
    }

    public static Index openForReading(Path dataDir, boolean words) {
        Path dir = dataDir.resolve("index");
        if (!Files.isDirectory(dir)) {
            throw new Index.Unavailable("there is no index in " + dataDir + "; ingest documents first: ./veritas ingest --data "
                    + dataDir + " PATH...", null);
        }
        try {
            Manifest.check(dataDir, false);
            Directory directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                throw new Index.Unavailable("the index in " + dataDir + " is empty; ingest documents first: ./veritas ingest --data "
                        + dataDir + " PATH...", null);
            }
            return DocumentIndex.open(new LuceneIndex(directory, null, new SearcherManager(directory, new SearcherFactory()), words), words);
        } catch (IOException e) {
            throw new Index.Unavailable("could not open the index in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean writable() {
        return writer != null;
    }

    // ------------------------------------------------------------------------------------------------ opening

    @Override
    public void forEachDocument(Consumer<StoredDocument> each) {
        Set<String> fields = Set.of(DOC_ID, HASH, PATH, SIMHASH, CLUSTER, SEQ0, PASSAGES, CLAIMS, ALIASES);
        scan(type(DOC), fields, f -> each.accept(new StoredDocument(f.text(DOC_ID), f.text(HASH), f.number(SIMHASH),
                f.number(SEQ0), f.text(CLUSTER), (int) f.number(PASSAGES), (int) f.number(CLAIMS), (int) f.number(ALIASES),
                f.text(PATH))));
    }

    @Override
    public void forEachAlias(BiConsumer<String, Alias> each) {
        scan(type(ALIAS), Set.of(DOC_ID, ALIAS_A, ALIAS_B, ALIAS_TYPE), f -> each.accept(f.text(DOC_ID), Records.alias(f)));
    }

    @Override
    public DocumentBook.CommitData commitData() {
        return new DocumentBook.CommitData(commitData(JOURNAL_SEQ), commitData(NEXT_SEQ), commitData(EMBEDDED_SEQ));
    }

    private long commitData(String key) {
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
                return 0;
            }
            var commits = DirectoryReader.listCommits(directory);
            String v = commits.get(commits.size() - 1).getUserData().get(key);
            return v == null ? 0 : Long.parseLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the index commit", e);
        }
    }

    @Override
    public long highestPassageSeq() {
        Sort bySeq = new Sort(new SortField(SEQ, SortField.Type.LONG, true));
        return withSearcher(s -> {
            TopDocs top = s.search(type(PASSAGE), 1, bySeq);
            return top.scoreDocs.length == 0 ? 0L : fields(s.storedFields().document(top.scoreDocs[0].doc)).number(SEQ);
        });
    }

    // ------------------------------------------------------------------------------------------------ writing

    @Override
    public void write(DocumentBook.Admission admission, Version v) {
        requireWritable();
        List<org.apache.lucene.document.Document> records = new ArrayList<>();
        if (v.singlePassage()) {
            org.apache.lucene.document.Document both = passageRecord(v.passages().get(0));
            both.add(new StringField(TYPE, DOC, Field.Store.NO));
            addDocFields(both, v.doc());
            records.add(both);
        } else {
            org.apache.lucene.document.Document doc = base(DOC, v.docId());
            addSource(doc, v.doc().source());
            addDocFields(doc, v.doc());
            records.add(doc);
            for (PassageRecord p : v.passages()) {
                records.add(passageRecord(p));
            }
        }
        for (ClaimRecord c : v.claims()) {
            records.add(claimRecord(c));
        }
        for (int i = 0; i < v.aliases().size(); i++) {
            Alias a = v.aliases().get(i);
            org.apache.lucene.document.Document r = base(ALIAS, v.docId());
            r.add(new StoredField(ALIAS_A, a.a()));
            r.add(new StoredField(ALIAS_B, a.b()));
            r.add(new StoredField(ALIAS_TYPE, a.type()));
            records.add(r);
        }
        try {
            if (admission.previous() == null && admission.replaced() == null) {
                writer.addDocuments(records); // a new id: no delete to buffer and apply at the next flush
            } else if (admission.replaced() == null) {
                writer.updateDocuments(new Term(DOC_ID, v.docId()), records);
            } else {
                writer.updateDocuments(new TermInSetQuery(DOC_ID, List.of(new BytesRef(v.docId()), new BytesRef(admission.replaced()))), records);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not index " + v.docId(), e);
        }
    }

    private void addDocFields(org.apache.lucene.document.Document r, DocRecord d) {
        r.add(new StoredField(SEQ0, d.seq0()));
        r.add(new StoredField(HASH, d.hash()));
        r.add(new StoredField(AUTHOR, nz(d.author())));
        if (!d.meta().isEmpty()) {
            r.add(new StoredField(META, metaJson(d.meta(), d.source().docId())));
        }
        r.add(new StoredField(SIMHASH, d.simHash()));
        r.add(new StoredField(PASSAGES, d.passages()));
        r.add(new StoredField(CLAIMS, d.claims()));
        r.add(new StoredField(ALIASES, d.aliases()));
    }

    /**
     * A document's metadata as a JSON object: the text Jackson writes for the map, with Jackson's escapes (quote,
     * backslash, the five short control escapes, six-character escapes for the other control characters; every other
     * character as it is), without a Jackson generator and its buffers for every record (LuceneIndexMetaTest).
     */
    static String metaJson(Map<String, String> meta, String docId) {
        StringBuilder b = new StringBuilder(16 + 32 * meta.size());
        b.append('{');
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey() == null) {
                try {
                    return JSON.writeValueAsString(meta); // Jackson's own refusal of a null key
                } catch (JsonProcessingException x) {
                    throw new IllegalStateException("metadata of " + docId + " could not be written", x);
                }
            }
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, e.getKey());
            b.append(':');
            if (e.getValue() == null) {
                b.append("null");
            } else {
                quote(b, e.getValue());
            }
        }
        return b.append('}').toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                b.append(c);
                continue;
            }
            b.append('\\');
            switch (c) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '\b' -> b.append('b');
                case '\t' -> b.append('t');
                case '\n' -> b.append('n');
                case '\f' -> b.append('f');
                case '\r' -> b.append('r');
                default -> b.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        b.append('"');
    }

    private org.apache.lucene.document.Document passageRecord(PassageRecord p) {
        org.apache.lucene.document.Document r = base(PASSAGE, p.source().docId());
        addSource(r, p.source());
        r.add(new LongPoint(SEQ, p.seq()));
        r.add(new NumericDocValuesField(SEQ, p.seq()));
        r.add(new StoredField(SEQ, p.seq()));
        r.add(new StoredField(ORDINAL, p.ordinal()));
        r.add(new StoredField(START, p.start()));
        r.add(new StoredField(END, p.end()));
        r.add(new StringField(PASSAGE_LANGUAGE, p.language(), Field.Store.YES));
        r.add(new Field(BODY, p.body(), STORED_TERMS));
        if (words && Analysis.hasChinese(p.body())) {
            r.add(new Field(Analysis.WORDS_FIELD, Script.fold(p.body()), TERMS));
        }
        if (p.host() != null) {
            r.add(new StringField(HOST, p.host(), Field.Store.NO));
        }
        if (p.authorKey() != null) {
            r.add(new StringField(AUTHOR_KEY, p.authorKey(), Field.Store.YES)); // copied onto its vector
        }
        for (String amount : p.amounts()) {
            r.add(new StringField(AMOUNT, amount, Field.Store.NO));
        }
        return r;
    }

    private static org.apache.lucene.document.Document claimRecord(ClaimRecord cr) {
        var c = cr.claim();
        org.apache.lucene.document.Document r = base(CLAIM, cr.source().docId());
        r.add(new StringField(CLAIMS_OF, cr.source().docId(), Field.Store.NO));
        addSource(r, cr.source());
        r.add(new NumericDocValuesField(CLAIM_PUBLISHED, cr.source().published())); // claims come back newest first
        r.add(new SortedDocValuesField(CLAIM_KEY, new BytesRef(cr.key())));
        r.add(new StringField(SUBJECT, c.subject(), Field.Store.YES));
        r.add(new StoredField(SUBJECT_AS, c.subjectAs()));
        r.add(new StringField(ATTRIBUTE, c.attribute(), Field.Store.YES));
        r.add(new StringField(QUALIFIER, nz(c.qualifier()), Field.Store.YES));
        r.add(new StoredField(VALUE, c.value()));
        r.add(new StoredField(CURRENCY, c.currency()));
        r.add(new StoredField(PERIOD, nz(c.period())));
        r.add(new StoredField(BOUND, c.bound()));
        r.add(new StoredField(AS_OF, c.asOf() == null ? "" : c.asOf().toString()));
        r.add(new StoredField(DATED, c.dated() ? 1 : 0));
        r.add(new StoredField(MODALITY, c.modality()));
        r.add(new StoredField(QUOTE_START, c.quote().start()));
        r.add(new StoredField(QUOTE_END, c.quote().end()));
        r.add(new StoredField(FIGURE_START, c.figure().start()));
        r.add(new StoredField(FIGURE_END, c.figure().end()));
        r.add(new StoredField(QUOTE, cr.quote()));
        r.add(new StoredField(FIGURE, cr.figure()));
        return r;
    }

    private static org.apache.lucene.document.Document base(String type, String docId) {
        org.apache.lucene.document.Document r = new org.apache.lucene.document.Document();
        r.add(new StringField(TYPE, type, Field.Store.NO));
        r.add(new StringField(DOC_ID, docId, Field.Store.YES));
        if (!type.equals(PASSAGE)) {
            // An empty passage text: no term, a length of 0, nothing stored. With every record holding the field, its
            // lengths (norms) are stored densely, and writing the postings reads one length per posting directly,
            // not through the index of which records have one. Scores do not change: a record without terms
            // matches nothing, and the field's statistics (documents with a term, total terms) leave it out.
            r.add(new Field(BODY, "", TERMS));
        }
        return r;
    }

    private static void addSource(org.apache.lucene.document.Document r, SourceFields s) {
        r.add(new StoredField(CLUSTER, s.cluster())); // read back, never searched
        r.add(new StoredField(PATH, nz(s.path())));
        r.add(new StoredField(URL, nz(s.url())));
        r.add(new StoredField(TITLE, nz(s.title())));
        r.add(new StoredField(LANGUAGE, s.language())); // passages filter on their own "plang"
        r.add(new LongPoint(PUBLISHED, s.published()));
        r.add(new StoredField(PUBLISHED, s.published()));
    }

    @Override
    public void writeVectors(List<VectorRecord> vectors) {
        requireWritable();
        List<org.apache.lucene.document.Document> records = new ArrayList<>(vectors.size());
        for (VectorRecord v : vectors) {
            org.apache.lucene.document.Document r = base(VECTOR, v.docId());
            r.add(new StoredField(ORDINAL, v.ordinal()));
            r.add(new KnnFloatVectorField(VECTOR, v.vector(), VectorSimilarityFunction.COSINE));
            VectorFilters f = v.filters();
            if (f != null) {
                r.add(new LongPoint(PUBLISHED, f.published()));
                r.add(new StringField(PASSAGE_LANGUAGE, f.language(), Field.Store.NO));
                if (f.host() != null) {
                    r.add(new StringField(HOST, f.host(), Field.Store.NO));
                }
                if (f.authorKey() != null) {
                    r.add(new StringField(AUTHOR_KEY, f.authorKey(), Field.Store.NO));
                }
            }
            records.add(r);
        }
        try {
            writer.addDocuments(records);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store passage vectors", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the passage vectors do not fit the ones stored before (" + e.getMessage()
                    + "); an index holds the vectors of one embedding model: re-ingest into a new data folder to change it", e);
        }
    }

    /**
     * Each indexing thread fills its own buffer, and a commit writes all of them out on the committing thread, one
     * after the other. Here up to {@code threads} threads each take the largest buffer not yet being written
     * ({@link IndexWriter#flushNextBuffer}) until none is left: the same segments, written side by side.
     */
    @Override
    public void flushBuffers(int threads) {
        requireWritable();
        List<Thread> flushers = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Runnable flush = () -> {
            try {
                while (writer.flushNextBuffer()) {
                    // one buffer written; take the next
                }
            } catch (IOException | RuntimeException e) {
                errors.add(e);
            }
        };
        for (int i = 1; i < Math.max(1, threads); i++) {
            Thread t = new Thread(flush, "veritas-flush-" + i);
            flushers.add(t);
            t.start();
        }
        flush.run();
        for (Thread t : flushers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            throw e instanceof IOException io ? new UncheckedIOException("could not write the index buffers", io)
                    : (RuntimeException) e;
        }
    }

    /** Writes go on while Lucene commits: only commits wait for each other (in {@link DocumentIndex}). */
    @Override
    public void commit(DocumentBook.CommitData data) {
        requireWritable();
        try {
            writer.setLiveCommitData(Map.of(JOURNAL_SEQ, Long.toString(data.journalSeq()), NEXT_SEQ,
                    Long.toString(data.nextSeq()), EMBEDDED_SEQ, Long.toString(data.embeddedSeq())).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not commit the index", e);
        }
    }

    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("could not refresh the searcher", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ searching

    @Override
    public List<Hit> search(QueryPlan plan) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(type(PASSAGE), BooleanClause.Occur.FILTER);
        if (!plan.own().isEmpty()) {
            b.add(anyToken(BODY, plan.own()), BooleanClause.Occur.SHOULD);
        }
        if (!plan.words().isEmpty()) {
            b.add(new BoostQuery(anyToken(Analysis.WORDS_FIELD, plan.words()), QueryPlan.WORDS_BOOST), BooleanClause.Occur.SHOULD);
        }
        for (List<String> term : plan.terms()) {
            b.add(new BoostQuery(allTokens(term), QueryPlan.EXPANSION_BOOST), BooleanClause.Occur.SHOULD);
        }
        for (String amount : plan.amounts()) {
            b.add(new BoostQuery(new TermQuery(new Term(AMOUNT, amount)), QueryPlan.AMOUNT_BOOST), BooleanClause.Occur.SHOULD);
        }
        for (List<QueryPlan.Alternative> word : plan.translated()) {
            List<Query> any = new ArrayList<>();
            for (QueryPlan.Alternative a : word) {
                any.add(new BoostQuery(allTokens(a.tokens()), a.weight()));
            }
            b.add(new BoostQuery(new DisjunctionMaxQuery(any, 0f), QueryPlan.TRANSLATION_BOOST), BooleanClause.Occur.SHOULD);
        }
        for (List<List<String>> names : plan.entities()) {
            BooleanQuery.Builder anyName = new BooleanQuery.Builder();
            for (List<String> name : names) {
                anyName.add(allTokens(name), BooleanClause.Occur.SHOULD);
            }
            b.add(new BoostQuery(anyName.build(), QueryPlan.ENTITY_BOOST), BooleanClause.Occur.SHOULD);
        }
        // With a FILTER clause present, SHOULD clauses would otherwise be optional; within one document every passage
        // is returned, those without the query's words last.
        b.setMinimumNumberShouldMatch(plan.filters().docId() == null ? 1 : 0);
        addFilters(b, plan.filters());
        Query q = b.build();
        return withSearcher(s -> {
            TopDocs top = s.search(q, plan.fetch());
            StoredFields stored = s.storedFields();
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(Records.hit(fields(stored.document(sd.doc)), sd.score));
            }
            return hits;
        });
    }

    private static Query anyToken(String field, List<String> tokens) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : tokens) {
            b.add(new TermQuery(new Term(field, t)), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private static Query allTokens(List<String> tokens) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : tokens) {
            b.add(new TermQuery(new Term(BODY, t)), BooleanClause.Occur.MUST);
        }
        return b.build();
    }

    private static void addFilters(BooleanQuery.Builder b, QueryPlan.Filters f) {
        if (f.timed()) {
            b.add(LongPoint.newRangeQuery(PUBLISHED, f.fromMillis(), f.toMillis()), BooleanClause.Occur.FILTER);
        }
        if (f.language() != null) {
            b.add(new TermQuery(new Term(PASSAGE_LANGUAGE, f.language())), BooleanClause.Occur.FILTER);
        }
        if (f.host() != null) {
            b.add(new TermQuery(new Term(HOST, f.host())), BooleanClause.Occur.FILTER);
        }
        if (f.authorKey() != null) {
            b.add(new TermQuery(new Term(AUTHOR_KEY, f.authorKey())), BooleanClause.Occur.FILTER);
        }
        if (f.docId() != null) {
            b.add(new TermQuery(new Term(DOC_ID, f.docId())), BooleanClause.Occur.FILTER);
        }
    }

    @Override
    public List<Hit> nearest(float[] query, QueryPlan.Filters filters, int k) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(type(VECTOR), BooleanClause.Occur.FILTER);
        addFilters(filter, filters);
        Query q = new KnnFloatVectorQuery(VECTOR, query, k, filter.build());
        return withSearcher(s -> {
            if (s.getIndexReader().leaves().stream().noneMatch(l -> l.reader().getFieldInfos().fieldInfo(VECTOR) != null)) {
                return List.of(); // no vectors yet
            }
            TopDocs top = s.search(q, k);
            StoredFields stored = s.storedFields();
            List<String> order = new ArrayList<>();
            Map<String, Float> cosine = new HashMap<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Fields v = fields(stored.document(sd.doc, Set.of(DOC_ID, ORDINAL)));
                String key = v.text(DOC_ID) + "#" + v.number(ORDINAL);
                if (cosine.putIfAbsent(key, 2 * sd.score - 1) == null) { // Lucene scores cosine c as (1 + c) / 2
                    order.add(key);
                }
            }
            // The passages themselves, in one query for all their documents.
            Query passages = new BooleanQuery.Builder()
                    .add(type(PASSAGE), BooleanClause.Occur.FILTER)
                    .add(new TermInSetQuery(DOC_ID, order.stream().map(key -> new BytesRef(key.substring(0, key.lastIndexOf('#')))).toList()),
                            BooleanClause.Occur.FILTER)
                    .build();
            Map<String, Hit> byKey = new HashMap<>();
            for (ScoreDoc sd : s.search(passages, Math.max(1, s.count(passages))).scoreDocs) {
                Fields d = fields(stored.document(sd.doc));
                String key = d.text(DOC_ID) + "#" + d.number(ORDINAL);
                Float c = cosine.get(key);
                if (c != null) {
                    byKey.put(key, Records.hit(d, c));
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

    private static Query claimQuery(ClaimQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(type(CLAIM), BooleanClause.Occur.FILTER);
        if (q.subjects() != null) {
            b.add(new TermInSetQuery(SUBJECT, q.subjects().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (q.attribute() != null) {
            b.add(new TermQuery(new Term(ATTRIBUTE, q.attribute())), BooleanClause.Occur.FILTER);
        }
        if (q.qualifier() != null) {
            b.add(new TermQuery(new Term(QUALIFIER, q.qualifier())), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    @Override
    public List<ClaimHit> claims(ClaimQuery query) {
        Query q = claimQuery(query);
        Sort newestFirst = new Sort(new SortField(CLAIM_PUBLISHED, SortField.Type.LONG, true), new SortField(CLAIM_KEY, SortField.Type.STRING));
        return withSearcher(s -> {
            TopDocs top = s.search(q, query.max(), newestFirst);
            StoredFields stored = s.storedFields();
            List<ClaimHit> out = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(Records.claim(fields(stored.document(sd.doc))));
            }
            return out;
        });
    }

    @Override
    public long countClaims(ClaimQuery query) {
        Query q = claimQuery(query);
        return withSearcher(s -> (long) s.count(q));
    }

    @Override
    public List<Pending> pending(long from, long through, int max) {
        Query q = new BooleanQuery.Builder()
                .add(type(PASSAGE), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(SEQ, from + 1, through), BooleanClause.Occur.FILTER)
                .build();
        Sort bySeq = new Sort(new SortField(SEQ, SortField.Type.LONG));
        return withSearcher(s -> {
            TopDocs top = s.search(q, max, bySeq);
            StoredFields stored = s.storedFields();
            List<Pending> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                Fields f = fields(d);
                out.add(new Pending(new Index.PendingPassage(f.text(DOC_ID), (int) f.number(ORDINAL), f.number(SEQ), f.text(BODY)),
                        new VectorFilters(f.number(PUBLISHED), f.text(PASSAGE_LANGUAGE), host(zn(f.text(URL))), zn(f.text(AUTHOR_KEY)))));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** The document record of an id (passages and claims share the id but not the type). */
    private static Query documentById(String id) {
        return new BooleanQuery.Builder()
                .add(type(DOC), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(DOC_ID, id)), BooleanClause.Occur.FILTER)
                .build();
    }

    @Override
    public Index.DocumentInfo documentInfo(String id) {
        Query q = documentById(id);
        return withSearcher(s -> {
            TopDocs top = s.search(q, 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            org.apache.lucene.document.Document d = s.storedFields().document(top.scoreDocs[0].doc);
            Map<String, String> meta = d.get(META) == null ? Map.of()
                    : JSON.readValue(d.get(META), new TypeReference<Map<String, String>>() { });
            return new Index.DocumentInfo(Records.source(fields(d)), zn(d.get(AUTHOR)), meta);
        });
    }

    @Override
    public int documentRecords(String id) {
        return count(documentById(id));
    }

    @Override
    public int count(String type) {
        return count(type(type));
    }

    private int count(Query q) {
        return withSearcher(s -> s.count(q));
    }

    @Override
    public int writers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private static Query type(String type) {
        return new TermQuery(new Term(TYPE, type));
    }

    /** Every record matching {@code q}, with these stored fields. */
    /**
     * Every live record that matches {@code q}, in index order, without scoring or collecting them first (a scan of
     * the whole corpus at open and the re-reading's lookups both go through here).
     */
    private void scan(Query q, Set<String> fieldNames, Consumer<Fields> each) {
        withSearcher(s -> {
            org.apache.lucene.search.Weight weight = s.createWeight(s.rewrite(q), org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
            for (org.apache.lucene.index.LeafReaderContext leaf : s.getIndexReader().leaves()) {
                org.apache.lucene.search.ScorerSupplier supplier = weight.scorerSupplier(leaf);
                if (supplier == null) {
                    continue;
                }
                org.apache.lucene.search.DocIdSetIterator docs = supplier.get(Long.MAX_VALUE).iterator();
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                for (int d = docs.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
                    if (live == null || live.get(d)) {
                        each.accept(fields(stored.document(d, fieldNames)));
                    }
                }
            }
            return null;
        });
    }

    /** Stored fields of a Lucene document; a missing number reads as 0. */
    private static Fields fields(org.apache.lucene.document.Document d) {
        return new Fields() {
            @Override
            public String text(String name) {
                return d.get(name);
            }

            @Override
            public long number(String name) {
                var f = d.getField(name);
                return f == null || f.numericValue() == null ? 0 : f.numericValue().longValue();
            }

            @Override
            public double decimal(String name) {
                var f = d.getField(name);
                return f == null || f.numericValue() == null ? 0 : f.numericValue().doubleValue();
            }
        };
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
