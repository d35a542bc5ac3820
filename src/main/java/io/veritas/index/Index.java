package io.veritas.index;

import io.veritas.extract.Alias;
import io.veritas.extract.Extraction;
import io.veritas.text.Document;

import java.util.Collection;
import java.util.List;

/**
 * Where documents, their passages, claims, learned aliases and passage vectors are kept and searched. One
 * implementation, {@link DocumentIndex}, keeps the bookkeeping and plans the queries for two storage backends:
 * {@link LuceneIndex} (embedded, on disk in the data folder, the default) and {@link OpenSearchIndex} (a remote
 * OpenSearch cluster, for more than one machine). Text analysis happens in Veritas for both ({@link Analysis}), so
 * a query means the same on either and the same documents give the same answers.
 *
 * <p>All records of a document share its id: an update replaces them together. Writes may come from several
 * threads as long as writes for one id come from one thread in order. {@link #search} and {@link #nearest} see
 * what was added once {@link #refresh} returns; {@link #commit} makes it durable.
 */
public interface Index extends AutoCloseable {

    /**
     * Adds or replaces a document with what the extract stage read from it (claims, aliases, amounts). The previous
     * version is replaced in one step: a search sees the old version or the new one, never neither.
     */
    Outcome upsert(Document doc, Extraction extraction);

    /**
     * Makes everything added so far durable and records that every journal record up to {@code journalSeq} is in
     * the index, so a restart replays only what came after.
     */
    void commit(long journalSeq);

    /** The journal sequence number the last commit covers (0 when none). */
    long committedJournalSeq();

    /** Makes what was added visible to searches (near-real-time, without a commit). */
    void refresh();

    /** Changes whenever a document is added or replaced, for caches of derived data. */
    long version();

    /** The metadata of a document, or null when no document has that id. */
    DocumentInfo documentInfo(String id);

    /** The stored metadata of a document, or null when no document has that id. */
    default Source document(String id) {
        DocumentInfo info = documentInfo(id);
        return info == null ? null : info.source();
    }

    /** How many document records carry this id (1 for any ingested document; more would be a bug). */
    int documentRecords(String id);

    int documentCount();

    int claimCount();

    /**
     * Passages ranked by BM25 over the query's own words plus its expansion (entities under any of their names,
     * domain words of the other language, normalised amounts), restricted by the request's filters; a query for
     * the latest favours recent passages. Hits are not highlighted ({@link Highlighter} marks the ones shown).
     */
    List<Hit> search(SearchRequest request, QueryExpander.Expansion expansion);

    /**
     * Claims about any of the given subject names (any subject when null); about one attribute, or all when
     * {@code attribute} is null; at most {@code max} of them, the newest first, in an order that does not depend on
     * the order documents were ingested in.
     */
    List<ClaimHit> claims(Collection<String> subjects, String attribute, int max);

    /** Whether any claim is about one of these names and this attribute (and round, when not null). */
    boolean hasClaims(Collection<String> subjects, String attribute, String qualifier);

    /** Every alias the stored documents teach, sorted, once each (a replaced document's aliases are gone). */
    List<Alias> learnedAliases();

    /** Changes whenever {@link #learnedAliases} does. */
    long aliasVersion();

    /**
     * Up to {@code max} passages that have no vector yet, oldest first, and a mark to hand back to
     * {@link #addVectors} once they are embedded. Passages of documents replaced meanwhile may be among them;
     * {@link #addVectors} drops their vectors.
     */
    Unembedded unembedded(int max);

    /** Stores passage vectors (all of one model and dimension) and moves the pending mark to {@code through}. */
    void addVectors(List<PassageVector> vectors, long through);

    /** How many passage vectors are stored. */
    int vectorCount();

    /**
     * The {@code k} passages whose vectors are nearest (cosine) to {@code query}, restricted by the request's
     * filters (its text is not used), best first; the score is the cosine similarity.
     */
    List<Hit> nearest(float[] query, SearchRequest request, int k);

    /**
     * Writes what is buffered for indexing to storage on up to {@code threads} threads at once, so that the commit
     * after a large ingest does not write it all on one thread. Nothing becomes visible or durable by this alone.
     */
    default void flushBuffers(int threads) {
    }

    /** How many threads should write at once: one per core for an embedded index, more for a remote one. */
    default int writers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    void close();

    /** A document's stored metadata: its source, author and the fields the source had beyond the known ones. */
    record DocumentInfo(Source source, String author, java.util.Map<String, String> meta) {
    }

    /** A passage waiting for its vector: which document and passage, its position in the pending order, its text. */
    record PendingPassage(String docId, int ordinal, long seq, String text) {
    }

    /** Passages to embed and the pending mark that covers them. */
    record Unembedded(List<PendingPassage> passages, long through) {
    }

    /** A passage's vector. */
    record PassageVector(PendingPassage passage, float[] vector) {
    }

    /** Why an index could not be opened or used; the message says what to do. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
