package io.veritas;

import io.veritas.index.Index;
import io.veritas.ingest.Failure;
import io.veritas.ingest.Journal;
import io.veritas.ingest.RawItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Items from stream sources (HTTP, watched folders, feeds, Kafka) with acknowledgement semantics: a batch is
 * appended to the journal and forced to disk, then indexed on one thread per core (items with the same id stay on
 * one thread, in order) and made searchable; when {@link #accept} returns, every accepted item survives a crash.
 * On open, the journal records after the last index commit are ingested again, and what failed then is kept in
 * the {@link Recovery} report.
 */
final class StreamIngest implements AutoCloseable {
    /** Batches smaller than this are made searchable before they are acknowledged. */
    private static final int SMALL_BATCH = 64;
    /** Above this many documents a second a stream is a bulk load, and background embedding waits for its end. */
    private static final int BULK_RATE = 1_000;

    /** What replaying the journal on open did: how many records, and the ones that could not be ingested. */
    record Recovery(int replayed, List<Failure> failures) {
        Recovery {
            failures = List.copyOf(failures);
        }
    }

    private final Index index;
    private final Journal journal;
    private final ItemPipeline pipeline;
    private final Committer committer;
    private final Runnable afterBatch;
    private final ExecutorService pool;
    /** Every journal record up to this one is in the index (not necessarily committed). */
    private volatile long appliedSeq;
    private final Recovery recovery;
    /** Items accepted in the current one-second window and the one before: how fast documents stream in. */
    private volatile long rateWindowStart = System.nanoTime();
    private volatile int rateWindowItems;
    private volatile int previousWindowItems;

    /** {@code afterBatch} runs after each accepted batch (it wakes the embedder). */
    StreamIngest(Index index, Journal journal, ItemPipeline pipeline, Runnable afterBatch) {
        this.index = index;
        this.journal = journal;
        this.pipeline = pipeline;
        this.afterBatch = afterBatch;
        this.pool = Executors.newFixedThreadPool(Math.max(1, index.writers() - 1), r -> {
            Thread t = new Thread(r, "veritas-accept");
            t.setDaemon(true);
            return t;
        });
        this.committer = new Committer(index, journal, () -> appliedSeq);
        this.recovery = recover();
    }

    private Recovery recover() {
        long committed = index.committedJournalSeq();
        List<Failure> failures = new ArrayList<>();
        int[] replayed = {0};
        journal.replay(committed, record -> {
            ItemPipeline.Result r = pipeline.process(record.item());
            if (r.refused()) {
                failures.add(new Failure(record.item().locator() + " (journal record " + record.seq() + ")", r.failure()));
            }
            replayed[0]++;
        });
        appliedSeq = Math.max(committed, journal.lastSeq());
        if (replayed[0] > 0) {
            committer.commitNow(appliedSeq);
            index.refresh();
        }
        return new Recovery(replayed[0], failures);
    }

    Recovery recovery() {
        return recovery;
    }

    Committer.State state() {
        return committer.state();
    }

    long appliedSeq() {
        return appliedSeq;
    }

    synchronized List<Veritas.Accepted> accept(List<RawItem> items) {
        countArrivals(items.size());
        long last = appliedSeq;
        for (RawItem item : items) {
            last = journal.append(item);
        }
        journal.sync();
        Veritas.Accepted[] out = new Veritas.Accepted[items.size()];
        int parts = items.size() < SMALL_BATCH ? 1 : index.writers();
        List<List<Integer>> partitions = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            partitions.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            partitions.get(Math.floorMod(partitionKey(items.get(i)).hashCode(), parts)).add(i);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Integer> partition : partitions.subList(1, parts)) {
            running.add(pool.submit(() -> acceptAll(items, partition, out)));
        }
        acceptAll(items, partitions.get(0), out);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("indexing a batch failed: " + e.getCause(), e.getCause());
            }
        }
        appliedSeq = last;
        if (items.size() < SMALL_BATCH) {
            try {
                index.refresh(); // a single post is searchable before its acknowledgement returns
            } catch (RuntimeException e) {
                committer.refreshFailed(e); // durable and indexed: searchable once a background refresh works
            }
        } else {
            committer.requestRefresh(); // a bulk stream is made searchable by the background refresh
        }
        committer.start();
        afterBatch.run();
        return List.of(out);
    }

    private void acceptAll(List<RawItem> items, List<Integer> positions, Veritas.Accepted[] out) {
        for (int i : positions) {
            RawItem item = items.get(i);
            ItemPipeline.Result r = pipeline.process(item);
            out[i] = r.refused()
                    ? new Veritas.Accepted(item.locator(), item.id(), "rejected", r.failure())
                    : new Veritas.Accepted(item.locator(), r.id(), r.outcome().name().toLowerCase(Locale.ROOT), null);
        }
    }

    /** Items with the same key are indexed on one thread, in order: the id, else where it came from. */
    static String partitionKey(RawItem item) {
        return item.id() != null ? item.id() : item.locator();
    }

    /** Counts items into one-second windows (under this object's monitor, by {@link #accept}). */
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
    boolean bulkArriving() {
        long age = System.nanoTime() - rateWindowStart;
        return age < 2_000_000_000L && Math.max(rateWindowItems, age < 1_000_000_000L ? previousWindowItems : 0) >= BULK_RATE;
    }

    /** Stops the background work and commits what was applied. */
    @Override
    public synchronized void close() {
        committer.close();
        pool.shutdown();
        committer.commitNow(appliedSeq);
    }
}
