package io.veritas.index;

import io.veritas.extract.Alias;
import io.veritas.extract.Extraction;
import io.veritas.text.Document;
import org.apache.lucene.analysis.Analyzer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index as the engine sees it, the same over every backend: the {@link DocumentBook} decides what an upsert
 * is, {@link Records} say what is stored, a {@link QueryPlan} says what a search looks for, and the
 * {@link Backend} only stores and reads. Two backends therefore cannot disagree on bookkeeping, numbering, query
 * weights, filters or the order claims come back in.
 */
public final class DocumentIndex implements Index {
    private final Backend backend;
    /** Null for a process that only asks and searches: it neither loads nor keeps the bookkeeping of writes. */
    private final DocumentBook book;
    private final Analyzer analyzer = Analysis.analyzer();
    /** Chinese word segmentation beside the bigrams (analysis smartcn); null when off. */
    private final Analyzer words;
    /** Filter fields of passages handed out by {@link #unembedded}, until their vectors come back. */
    private final Map<Long, Backend.VectorFilters> pendingFilters = new ConcurrentHashMap<>();
    /** Commits run one at a time, and never under the bookkeeping's lock: upserts go on during a commit. */
    private final Object commitLock = new Object();
    private volatile long committedJournalSeq;

    private DocumentIndex(Backend backend, boolean words) {
        this.backend = backend;
        this.words = words ? Analysis.words() : null;
        this.book = backend.writable() ? new DocumentBook() : null;
    }

    /** The index over a backend; a writable one loads the bookkeeping of what is stored. */
    static DocumentIndex open(Backend backend, boolean words) {
        DocumentIndex index = new DocumentIndex(backend, words);
        DocumentBook.CommitData committed = backend.commitData();
        index.committedJournalSeq = committed.journalSeq();
        if (index.book != null) {
            backend.forEachDocument(d -> index.book.restore(d.id(), d.hash(), d.simHash(), d.seq0(), d.cluster(), d.passages(),
                    d.claims(), d.aliases(), d.path()));
            backend.forEachAlias(index.book::restoreAlias);
            index.book.startNumbering(committed, backend.highestPassageSeq());
        }
        return index;
    }

    @Override
    public Outcome upsert(Document doc, Extraction extraction) {
        requireWritable();
        DocumentBook.Admission admission = book.admit(doc, extraction);
        if (admission.duplicate()) {
            return Outcome.DUPLICATE;
        }
        try {
            backend.write(admission, Records.version(doc, extraction, admission.now()));
        } catch (RuntimeException e) {
            book.failed(admission);
            throw e;
        }
        book.landed(admission);
        return admission.outcome();
    }

    @Override
    public void commit(long journalSeq) {
        requireWritable();
        synchronized (commitLock) {
            backend.commit(book.commitData(journalSeq));
            committedJournalSeq = journalSeq;
        }
    }

    @Override
    public void flushBuffers(int threads) {
        requireWritable();
        backend.flushBuffers(threads);
    }

    @Override
    public long committedJournalSeq() {
        return committedJournalSeq;
    }

    @Override
    public void refresh() {
        long visible = book == null ? 0 : book.visibleCandidate();
        backend.refresh();
        if (book != null) {
            book.visible(visible);
        }
    }

    @Override
    public long version() {
        return book == null ? 0 : book.version();
    }

    @Override
    public DocumentInfo documentInfo(String id) {
        return backend.documentInfo(id);
    }

    @Override
    public int documentRecords(String id) {
        return backend.documentRecords(id);
    }

    @Override
    public int documentCount() {
        return backend.count(Records.DOC);
    }

    @Override
    public int claimCount() {
        return backend.count(Records.CLAIM);
    }

    @Override
    public List<Hit> search(SearchRequest request, QueryExpander.Expansion expansion) {
        QueryPlan plan = QueryPlan.of(request, expansion, analyzer, words);
        return plan.isEmpty() ? List.of() : plan.finish(backend.search(plan));
    }

    @Override
    public List<ClaimHit> claims(Collection<String> subjects, String attribute, int max) {
        if (subjects != null && subjects.isEmpty()) {
            return List.of();
        }
        return backend.claims(new Backend.ClaimQuery(subjects, attribute, null, Math.max(1, max)));
    }

    @Override
    public boolean hasClaims(Collection<String> subjects, String attribute, String qualifier) {
        return !subjects.isEmpty() && backend.countClaims(new Backend.ClaimQuery(subjects, attribute, qualifier, 1)) > 0;
    }

    @Override
    public List<Alias> learnedAliases() {
        if (book != null) {
            return book.aliases();
        }
        TreeSet<Alias> all = new TreeSet<>();
        backend.forEachAlias((doc, alias) -> all.add(alias));
        return List.copyOf(all);
    }

    @Override
    public long aliasVersion() {
        return book == null ? 0 : book.aliasVersion();
    }

    @Override
    public Unembedded unembedded(int max) {
        long from = book.embeddedSeq();
        long through = book.visibleSeq();
        if (through <= from || max < 1) {
            return new Unembedded(List.of(), from);
        }
        List<Backend.Pending> rows = backend.pending(from, through, max);
        List<PendingPassage> out = new ArrayList<>(rows.size());
        long last = from;
        for (Backend.Pending row : rows) {
            out.add(row.passage());
            pendingFilters.put(row.passage().seq(), row.filters());
            last = row.passage().seq();
        }
        return new Unembedded(out, out.size() == max ? last : through);
    }

    /**
     * Stores the vectors of passages whose document is still the version they were taken from, then moves the
     * pending mark. Under the bookkeeping's lock: a document replaced after its passages were handed out has a new
     * first number and its old vectors are dropped here; one replaced after this block deletes them with its other
     * records.
     */
    @Override
    public void addVectors(List<PassageVector> vectors, long through) {
        requireWritable();
        synchronized (book) {
            List<Backend.VectorRecord> current = new ArrayList<>(vectors.size());
            for (PassageVector v : vectors) {
                PendingPassage p = v.passage();
                if (book.isCurrent(p.docId(), p.seq(), p.ordinal())) {
                    current.add(new Backend.VectorRecord(p.docId(), p.ordinal(), book.known(p.docId()).passages() == 1,
                            v.vector(), pendingFilters.get(p.seq())));
                }
            }
            if (!current.isEmpty()) {
                backend.writeVectors(current);
            }
            book.embedded(through);
        }
        pendingFilters.keySet().removeIf(seq -> seq <= through);
    }

    @Override
    public int vectorCount() {
        return backend.count(Records.VECTOR);
    }

    @Override
    public List<Hit> nearest(float[] query, SearchRequest request, int k) {
        return k < 1 ? List.of() : backend.nearest(query, QueryPlan.Filters.of(request), k);
    }

    @Override
    public int writers() {
        return backend.writers();
    }

    private void requireWritable() {
        if (book == null) {
            throw new IllegalStateException("this index was opened read-only");
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
