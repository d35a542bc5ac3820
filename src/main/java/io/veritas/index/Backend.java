package io.veritas.index;

import io.veritas.extract.Alias;

import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a storage backend does for {@link DocumentIndex}: store and read the {@link Records}, run a
 * {@link QueryPlan}, keep passage vectors and commit data. It decides nothing: which version is current, what a
 * document replaces, how passages are numbered and how a query is built are decided once, above it, for all
 * backends. Implementations: {@link LuceneIndex} (embedded) and {@link OpenSearchIndex} (a cluster).
 */
interface Backend extends AutoCloseable {
    /** A stored document record, as the bookkeeping restores it on open. */
    record StoredDocument(String id, String hash, long simHash, long seq0, String cluster, int passages, int claims,
                          int aliases, String path) {
    }

    /** What a passage's vector record repeats from the passage, so that filters apply to vector searches. */
    record VectorFilters(long published, String language, String host, String authorKey) {
    }

    /** A passage without a vector and the filter fields its vector record will carry. */
    record Pending(Index.PendingPassage passage, VectorFilters filters) {
    }

    /** A vector to store for the current version of a document's passage. */
    record VectorRecord(String docId, int ordinal, boolean singlePassage, float[] vector, VectorFilters filters) {
    }

    /**
     * Claims about any of {@code subjects} (all subjects when null), about {@code attribute} (any when null) and
     * round {@code qualifier} (any when null); at most {@code max}, newest first, then by {@link Records#claimKey}.
     */
    record ClaimQuery(Collection<String> subjects, String attribute, String qualifier, int max) {
    }

    boolean writable();

    /** Every stored document record, in any order. */
    void forEachDocument(Consumer<StoredDocument> each);

    /** Every stored alias record with the id of the document that teaches it. */
    void forEachAlias(BiConsumer<String, Alias> each);

    /** The numbers of the last commit (zeros when there is none). */
    DocumentBook.CommitData commitData();

    /** The highest passage number stored (0 when none), including what was written after the last commit. */
    long highestPassageSeq();

    /**
     * Writes a document version so that it replaces, in one step, every record of its previous version (and of
     * {@code admission.replaced()}, a document the same file was before): a search never sees neither or both.
     */
    void write(DocumentBook.Admission admission, Records.Version version);

    /** Stores passage vectors (all of one model); called under the bookkeeping's lock. */
    void writeVectors(List<VectorRecord> vectors);

    /** Writes buffered records to storage on up to {@code threads} threads; see {@link Index#flushBuffers}. */
    default void flushBuffers(int threads) {
    }

    /** Makes everything written durable, with these numbers as the commit data. */
    void commit(DocumentBook.CommitData data);

    /** Makes everything written visible to searches. */
    void refresh();

    /** At most {@code plan.fetch()} passages by BM25, best first. */
    List<Hit> search(QueryPlan plan);

    /** The {@code k} passages nearest to {@code query} by cosine (the score), restricted by {@code filters}. */
    List<Hit> nearest(float[] query, QueryPlan.Filters filters, int k);

    List<ClaimHit> claims(ClaimQuery query);

    long countClaims(ClaimQuery query);

    /** Up to {@code max} passages numbered in {@code (from, through]}, in number order. */
    List<Pending> pending(long from, long through, int max);

    Index.DocumentInfo documentInfo(String id);

    int documentRecords(String id);

    /** How many records of a type ({@code doc}, {@code claim}, {@code vec}) are stored. */
    int count(String type);

    /** How many threads should write at once. */
    int writers();

    @Override
    void close();
}
