package io.veritas;

import io.veritas.extract.Alias;
import io.veritas.extract.Extraction;
import io.veritas.index.ClaimHit;
import io.veritas.index.Hit;
import io.veritas.index.Index;
import io.veritas.index.Outcome;
import io.veritas.index.QueryExpander;
import io.veritas.index.SearchRequest;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Background commits and refreshes survive failures: with the index failing its next commits and refreshes (as a
 * full disk or an OpenSearch hiccup would), the engine reports the failure in its health, retries with back-off,
 * makes every accepted document searchable once refreshes work again, commits everything once commits do, and a
 * reopened folder holds every acknowledged document exactly once. Before, one exception stopped the scheduled
 * task for good and a failed commit lost its mark.
 */
class CommitFailureTest {
    @TempDir
    Path data;

    @Test
    void failedCommitsAndRefreshesAreRetriedAndNothingAcknowledgedIsLost() throws Exception {
        Faults faults = new Faults();
        List<String> ids = new ArrayList<>();
        try (Veritas veritas = Veritas.open(data, Settings.defaults().withEmbedder(Settings.NONE), index -> new FaultyIndex(index, faults))) {
            faults.commits.set(3);
            faults.refreshes.set(2);
            List<RawItem> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) { // a bulk batch: made searchable by the background refresh
                String id = "flaky-" + i;
                ids.add(id);
                batch.add(post(id, "Orvella Freight raised $" + (10 + i) + " million for cold-chain trucks, post " + i + "."));
            }
            List<Veritas.Accepted> accepted = veritas.accept(batch);
            assertTrue(accepted.stream().allMatch(a -> a.status().equals("added")), accepted.toString());

            await(() -> veritas.health().commitFailures() > 0 || veritas.health().refreshFailures() > 0, "a failure is reported");
            Veritas.Health failing = veritas.health();
            assertNotNull(failing.lastError(), "health names the failure");
            assertTrue(!failing.healthy());

            await(() -> veritas.search(SearchRequest.of("Orvella Freight cold-chain", 200).withMode(SearchRequest.Mode.LEXICAL)).size() == 100,
                    "every accepted document becomes searchable once refreshes work again");
            await(() -> veritas.health().committedSeq() == veritas.health().appliedSeq(), "the commit is retried until it works");
            assertEquals(0, faults.commits.get());
            assertTrue(veritas.health().healthy(), "health recovers: " + veritas.health());
            assertTrue(faults.failedCommits.get() >= 3 && faults.failedRefreshes.get() >= 2);
        }
        try (Veritas again = Veritas.open(data, Settings.defaults().withEmbedder(Settings.NONE))) {
            for (String id : ids) {
                assertEquals(1, again.index().documentRecords(id), id + " was acknowledged and must be there once");
            }
        }
    }

    private static RawItem post(String id, String text) {
        return new RawItem("test:" + id, null, Format.POST, text, id, null, null, Instant.parse("2026-03-01T00:00:00Z"),
                null, "en", Map.of());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** How many of the next commits and refreshes fail, and how many did. */
    static final class Faults {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();
        final AtomicInteger failedCommits = new AtomicInteger();
        final AtomicInteger failedRefreshes = new AtomicInteger();
    }

    /** The real index, with faults injected into commit and refresh. */
    static final class FaultyIndex implements Index {
        private final Index real;
        private final Faults faults;

        FaultyIndex(Index real, Faults faults) {
            this.real = real;
            this.faults = faults;
        }

        @Override
        public Outcome upsert(Document doc, Extraction extraction) {
            return real.upsert(doc, extraction);
        }

        @Override
        public void commit(long journalSeq) {
            if (faults.commits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                faults.failedCommits.incrementAndGet();
                throw new java.io.UncheckedIOException("could not commit the index", new java.io.IOException("No space left on device"));
            }
            real.commit(journalSeq);
        }

        @Override
        public long committedJournalSeq() {
            return real.committedJournalSeq();
        }

        @Override
        public void refresh() {
            if (faults.refreshes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                faults.failedRefreshes.incrementAndGet();
                throw new IllegalStateException("the index is not reachable right now");
            }
            real.refresh();
        }

        @Override
        public long version() {
            return real.version();
        }

        @Override
        public DocumentInfo documentInfo(String id) {
            return real.documentInfo(id);
        }

        @Override
        public int documentRecords(String id) {
            return real.documentRecords(id);
        }

        @Override
        public int documentCount() {
            return real.documentCount();
        }

        @Override
        public int claimCount() {
            return real.claimCount();
        }

        @Override
        public List<Hit> search(SearchRequest request, QueryExpander.Expansion expansion) {
            return real.search(request, expansion);
        }

        @Override
        public List<ClaimHit> claims(Collection<String> subjects, String attribute, int max) {
            return real.claims(subjects, attribute, max);
        }

        @Override
        public boolean hasClaims(Collection<String> subjects, String attribute, String qualifier) {
            return real.hasClaims(subjects, attribute, qualifier);
        }

        @Override
        public List<Alias> learnedAliases() {
            return real.learnedAliases();
        }

        @Override
        public long aliasVersion() {
            return real.aliasVersion();
        }

        @Override
        public Unembedded unembedded(int max) {
            return real.unembedded(max);
        }

        @Override
        public void addVectors(List<PassageVector> vectors, long through) {
            real.addVectors(vectors, through);
        }

        @Override
        public int vectorCount() {
            return real.vectorCount();
        }

        @Override
        public List<Hit> nearest(float[] query, SearchRequest request, int k) {
            return real.nearest(query, request, k);
        }

        @Override
        public int writers() {
            return real.writers();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
