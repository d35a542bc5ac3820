package io.veritas;

import io.veritas.index.Index;
import io.veritas.ingest.Journal;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Background work for stream sources: commits the index a few seconds after items were accepted (then prunes the
 * journal up to what the commit covers), and makes bulk batches searchable every {@link #REFRESH_MS}.
 *
 * <p>Neither task can die: a failure (a full disk, an OpenSearch hiccup) is logged once per distinct message,
 * counted, shown in {@link #state}, and retried with a back-off that doubles up to {@link #MAX_BACKOFF_MS}. A
 * commit that fails keeps its mark: the journal is pruned only up to a commit that succeeded, so a crash replays
 * everything acknowledged since.
 */
final class Committer implements AutoCloseable {
    /** Commits this often while items arrive. */
    static final long COMMIT_MS = 2_000;
    /** Larger batches become searchable within this many milliseconds (one reopen per interval, not per batch). */
    static final long REFRESH_MS = 250;
    static final long MAX_BACKOFF_MS = 60_000;

    /** What the background work is doing; {@code lastError} is null when the last attempt worked. */
    record State(long appliedSeq, long committedSeq, int commitFailures, int refreshFailures, String lastError,
                 Instant lastErrorAt) {
        boolean healthy() {
            return lastError == null;
        }
    }

    private final Index index;
    private final Journal journal;
    private final LongSupplier applied;
    private ScheduledExecutorService scheduler;
    private volatile long committedSeq;
    private volatile boolean refreshNeeded;
    private final Backoff commits = new Backoff();
    private final Backoff refreshes = new Backoff();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile String lastLogged;

    /** {@code applied}: every journal record up to this one is in the index (not necessarily committed). */
    Committer(Index index, Journal journal, LongSupplier applied) {
        this.index = index;
        this.journal = journal;
        this.applied = applied;
        this.committedSeq = index.committedJournalSeq();
    }

    /** Starts the two tasks; idempotent. */
    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "veritas-committer");
            t.setDaemon(true);
            return t;
        });
        // On close, waiting retries are dropped (the final commit follows) and a commit under way may finish.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = executor;
        scheduler.scheduleWithFixedDelay(this::commitIfBehind, COMMIT_MS, COMMIT_MS, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::refreshIfNeeded, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    /** Asks for a refresh within {@link #REFRESH_MS}. */
    void requestRefresh() {
        refreshNeeded = true;
    }

    /** Records a refresh that failed on the caller's thread: the background task tries again. */
    void refreshFailed(RuntimeException e) {
        refreshNeeded = true;
        refreshes.failed();
        failed("refreshing the index", e);
    }

    State state() {
        return new State(applied.getAsLong(), committedSeq, commits.failures, refreshes.failures, lastError, lastErrorAt);
    }

    private void commitIfBehind() {
        long seq = applied.getAsLong();
        if (seq <= committedSeq || !commits.due()) {
            return;
        }
        try {
            commitNow(seq);
        } catch (RuntimeException e) {
            commits.failed();
            failed("committing the index", e);
        }
    }

    /** Commits up to {@code seq} and prunes the journal; throws when the commit fails (nothing is pruned then). */
    void commitNow(long seq) {
        index.commit(seq);
        commits.worked();
        recovered();
        committedSeq = seq;
        journal.prune(seq);
    }

    private void refreshIfNeeded() {
        if (!refreshNeeded || !refreshes.due()) {
            return;
        }
        refreshNeeded = false;
        try {
            index.refresh();
            refreshes.worked();
            recovered();
        } catch (RuntimeException e) {
            refreshNeeded = true;
            refreshes.failed();
            failed("refreshing the index", e);
        }
    }

    private void failed(String what, RuntimeException e) {
        String message = what + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        lastError = message;
        lastErrorAt = Instant.now();
        if (!message.equals(lastLogged)) {
            lastLogged = message;
            System.err.println("veritas: " + message + "; retrying in the background (nothing acknowledged is lost: "
                    + "the journal keeps it until a commit succeeds)");
        }
    }

    private void recovered() {
        if (lastError != null && commits.failures == 0 && refreshes.failures == 0) {
            System.err.println("veritas: background commits and refreshes work again");
            lastError = null;
            lastLogged = null;
        }
    }

    /** Consecutive failures of one task and when it may try again. */
    private static final class Backoff {
        volatile int failures;
        private volatile long notBefore;

        boolean due() {
            return System.nanoTime() - notBefore >= 0;
        }

        void failed() {
            failures++;
            long wait = Math.min(MAX_BACKOFF_MS, 250L << Math.min(failures, 10));
            notBefore = System.nanoTime() + wait * 1_000_000L;
        }

        void worked() {
            failures = 0;
            notBefore = System.nanoTime();
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            // Not shutdownNow: interrupting a commit under way closes Lucene's file channels, and with them the
            // index's write lock, so the final commit would fail ("FileLock invalidated by an external force").
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
