package io.veritas.index;

import io.veritas.extract.Alias;
import io.veritas.extract.Extraction;
import io.veritas.text.Document;
import io.veritas.text.Fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writing process knows of every stored document, for every backend alike: whether an upsert is new,
 * an update or a duplicate, which document a changed file replaces, the story cluster of each document, the
 * numbering of passages that the embedder follows, and the aliases the stored documents teach.
 *
 * <p>Upserts for different ids run concurrently: {@link #admit} takes a short lock for the bookkeeping, the
 * backend writes without it, and {@link #landed} or {@link #failed} closes the upsert. Passages are numbered in
 * admission order; a number is in flight until its document is written, and {@link #visibleCandidate} never
 * passes one in flight, so the embedder skips nothing.
 */
final class DocumentBook {
    /**
     * A stored document version: content hash (64 bits), SimHash, first passage number, story cluster, how many
     * passage, claim and alias records it has (ids on OpenSearch follow from the counts) and the aliases it teaches.
     */
    record Known(long hash, long simHash, long seq0, String cluster, int passages, int claims, int aliasRecords,
                 List<Alias> aliases) {
    }

    /** One upsert between {@link #admit} and {@link #landed} / {@link #failed}. */
    record Admission(String docId, String path, Outcome outcome, Known now, Known previous, String replaced,
                     Known replacedKnown, String pathBefore) {
        boolean duplicate() {
            return outcome == Outcome.DUPLICATE;
        }
    }

    /** The numbers a commit records: journal position, passages numbered so far, passages embedded so far. */
    record CommitData(long journalSeq, long nextSeq, long embeddedSeq) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, String> idByPath = new ConcurrentHashMap<>();
    private final StoryClusters clusters = new StoryClusters();
    private final AtomicLong version = new AtomicLong();
    /** Guarded by this. */
    private long nextSeq = 1;
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private volatile long visibleSeq;
    /** Every passage numbered up to this one has its vector (or was replaced). */
    private volatile long embeddedSeq;
    /** How many stored documents teach each alias; guarded by this. */
    private final Map<Alias, Integer> aliasCounts = new TreeMap<>();
    private final AtomicLong aliasVersion = new AtomicLong();

    // ------------------------------------------------------------------------------------------------ opening

    /** Restores a stored document (on open; in any order). */
    synchronized void restore(String id, String hashHex, long simHash, long seq0, String cluster, int passages, int claims,
                              int aliasRecords, String path) {
        String c = cluster.equals(id) ? id : cluster; // most documents are their own cluster: one string
        clusters.restore(simHash, c);
        known.put(id, new Known(Records.hash64(hashHex), simHash, seq0, c, passages, claims, aliasRecords, List.of()));
        if (path != null && !path.isEmpty()) {
            idByPath.put(path, id);
        }
    }

    /** Restores an alias a stored document teaches (after {@link #restore} of its document). */
    synchronized void restoreAlias(String docId, Alias alias) {
        Known k = known.get(docId);
        if (k == null) {
            return; // a leftover of a document replaced before a crash
        }
        List<Alias> aliases = new ArrayList<>(k.aliases());
        aliases.add(alias);
        known.put(docId, new Known(k.hash(), k.simHash(), k.seq0(), k.cluster(), k.passages(), k.claims(), k.aliasRecords(),
                List.copyOf(aliases)));
        aliasCounts.merge(alias, 1, Integer::sum);
        aliasVersion.incrementAndGet();
    }

    /** Continues the numbering after what is stored: the higher of the committed count and the highest number stored. */
    synchronized void startNumbering(CommitData committed, long highestStored) {
        nextSeq = Math.max(committed.nextSeq(), highestStored) + 1;
        visibleSeq = nextSeq - 1;
        embeddedSeq = committed.embeddedSeq();
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Decides what an upsert is and reserves its passage numbers; a duplicate reserves nothing. */
    Admission admit(Document doc, Extraction extraction) {
        long simHash = Fingerprint.simHash(doc.text());
        long hash = Records.hash64(doc.contentHash());
        boolean byPath = doc.path() != null && !doc.meta().containsKey("line"); // lines of one JSON Lines file share its path
        synchronized (this) {
            Known previous = known.get(doc.id());
            if (previous != null && previous.hash() == hash) {
                return new Admission(doc.id(), doc.path(), Outcome.DUPLICATE, previous, previous, null, null, null);
            }
            if (previous != null) {
                clusters.remove(previous.simHash());
            }
            Outcome outcome = previous != null ? Outcome.UPDATED : Outcome.ADDED;
            String replaced = null;
            Known replacedKnown = null;
            String pathBefore = null;
            if (byPath) {
                pathBefore = idByPath.put(doc.path(), doc.id());
                if (pathBefore != null && !pathBefore.equals(doc.id())) {
                    replaced = pathBefore; // the file changed, and with it its content-hash id
                    replacedKnown = known.remove(pathBefore);
                    if (replacedKnown != null) {
                        clusters.remove(replacedKnown.simHash());
                    }
                    outcome = Outcome.UPDATED;
                }
            }
            String cluster = clusters.assign(doc.id(), simHash);
            long seq0 = nextSeq;
            nextSeq += Math.max(1, doc.passages().size()); // at least one: first numbers stay unique while in flight
            inFlight.add(seq0);
            Known now = new Known(hash, simHash, seq0, cluster.equals(doc.id()) ? doc.id() : cluster, doc.passages().size(),
                    extraction.claims().size(), extraction.aliases().size(), extraction.aliases());
            known.put(doc.id(), now);
            return new Admission(doc.id(), byPath ? doc.path() : null, outcome, now, previous, replaced, replacedKnown, pathBefore);
        }
    }

    /** The upsert was written: its aliases count, the ones of the versions it replaced no longer do. */
    void landed(Admission a) {
        synchronized (this) {
            boolean changed = count(a.now().aliases(), 1);
            if (a.previous() != null) {
                changed |= count(a.previous().aliases(), -1);
            }
            if (a.replacedKnown() != null) {
                changed |= count(a.replacedKnown().aliases(), -1);
            }
            if (changed) {
                aliasVersion.incrementAndGet();
            }
        }
        version.incrementAndGet();
        inFlight.remove(a.now().seq0());
    }

    /**
     * The write failed: the bookkeeping goes back to what it was, so that retrying the document indexes it again
     * instead of calling it a duplicate. The record counts kept cover what the failed write may have stored, so
     * the next version deletes it too.
     */
    void failed(Admission a) {
        synchronized (this) {
            clusters.remove(a.now().simHash());
            Known p = a.previous();
            restore(a.docId(), p == null ? null : new Known(p.hash(), p.simHash(), p.seq0(), p.cluster(),
                    Math.max(p.passages(), a.now().passages()), Math.max(p.claims(), a.now().claims()),
                    Math.max(p.aliasRecords(), a.now().aliasRecords()), p.aliases()), a.now());
            if (a.replaced() != null) {
                restore(a.replaced(), a.replacedKnown(), null);
            }
            if (a.path() != null) {
                if (a.pathBefore() == null) {
                    idByPath.remove(a.path(), a.docId());
                } else {
                    idByPath.put(a.path(), a.pathBefore());
                }
            }
        }
        inFlight.remove(a.now().seq0());
    }

    private void restore(String id, Known before, Known failed) {
        if (failed != null && known.get(id) != failed) {
            return; // a later upsert of the same id has already replaced it
        }
        if (before == null) {
            known.remove(id);
        } else {
            known.put(id, before);
            clusters.restore(before.simHash(), before.cluster());
        }
    }

    private boolean count(List<Alias> aliases, int delta) {
        for (Alias alias : aliases) {
            aliasCounts.merge(alias, delta, (x, y) -> x + y == 0 ? null : x + y);
        }
        return !aliases.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Changes whenever a document is added or replaced, for caches of derived data. */
    long version() {
        return version.get();
    }

    /** Changes whenever the set of aliases the stored documents teach changes. */
    long aliasVersion() {
        return aliasVersion.get();
    }

    /** Every alias a stored document teaches, sorted, once each. */
    synchronized List<Alias> aliases() {
        return List.copyOf(aliasCounts.keySet());
    }

    /** The highest passage number below every one still in flight: what a refresh may declare visible. */
    synchronized long visibleCandidate() {
        return inFlight.isEmpty() ? nextSeq - 1 : inFlight.first() - 1;
    }

    void visible(long seq) {
        visibleSeq = Math.max(visibleSeq, seq);
    }

    long visibleSeq() {
        return visibleSeq;
    }

    long embeddedSeq() {
        return embeddedSeq;
    }

    void embedded(long through) {
        embeddedSeq = Math.max(embeddedSeq, through);
    }

    /** Whether the passage numbered {@code seq} (at {@code ordinal} in its document) belongs to the stored version. */
    boolean isCurrent(String docId, long seq, int ordinal) {
        Known k = known.get(docId);
        return k != null && k.seq0() == seq - ordinal;
    }

    Known known(String docId) {
        return known.get(docId);
    }

    synchronized CommitData commitData(long journalSeq) {
        return new CommitData(journalSeq, nextSeq - 1, embeddedSeq);
    }
}
