package io.veritas.embed;

import io.veritas.index.Index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Gives passages their vectors after they are indexed, so that lexical freshness never waits for the model: a
 * document is searchable by its words as soon as it is acknowledged, and by its meaning once this worker has
 * reached it. The worker takes passages in the order they were indexed, in batches, and catches up after bursts.
 * Its progress is committed with the index, so a restart resumes where it stopped.
 */
public final class EmbeddingWorker implements AutoCloseable {
    /** Passages per model call: large enough to keep ONNX Runtime busy, small enough to stay responsive. */
    static final int BATCH = 64;
    /** New vectors become searchable at least this often while the worker is busy. */
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final Index index;
    private final Supplier<Embedder> embedder;
    private final ReentrantLock stepping = new ReentrantLock();
    private final Object signal = new Object();
    private volatile boolean stopped;
    private volatile String lastError;
    private Thread thread;
    private long lastRefresh = System.nanoTime();
    private boolean unrefreshed;

    private final java.util.function.BooleanSupplier ingesting;

    /**
     * {@code embedder} is asked for the model the first time there is something to embed (loading takes a second);
     * {@code ingesting} says whether a bulk stream is arriving right now: the background worker then waits and
     * catches up when it ends, because embedding beside it (even a tenth of a core, plus the model's start) cost
     * a fifth of the indexing rate (BENCHMARKS.md). A trickle of live posts does not count as bulk.
     */
    public EmbeddingWorker(Index index, Supplier<Embedder> embedder, java.util.function.BooleanSupplier ingesting) {
        this.index = index;
        this.embedder = embedder;
        this.ingesting = ingesting;
    }

    /** Starts embedding in the background (a daemon thread); idempotent. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "veritas-embedder");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1); // indexing and queries first
        thread.start();
    }

    /** Tells a waiting worker that new passages may be searchable. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        while (!stopped) {
            int n;
            if (ingesting.getAsBoolean()) {
                pause(200);
                continue;
            }
            try {
                n = step(true);
                lastError = null;
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!message.equals(lastError)) {
                    System.err.println("veritas: embedding passages failed (" + message + "); retrying in 5 s. Searches "
                            + "by words are not affected.");
                }
                lastError = message;
                pause(5_000);
                continue;
            }
            if (n == 0) {
                refreshIfNeeded(true);
                pause(500);
            } else {
                refreshIfNeeded(false);
            }
        }
    }

    private void refreshIfNeeded(boolean idle) {
        if (unrefreshed && (idle || System.nanoTime() - lastRefresh > REFRESH_NANOS)) {
            index.refresh();
            lastRefresh = System.nanoTime();
            unrefreshed = false;
        }
    }

    private void pause(long millis) {
        synchronized (signal) {
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    /** Embeds one batch of pending passages; returns how many there were (0: nothing is pending). */
    int step() {
        return step(false);
    }

    /** One batch; in the background it leaves the other cores to indexing and queries. */
    private int step(boolean inBackground) {
        stepping.lock();
        try {
            Index.Unembedded pending = index.unembedded(BATCH);
            if (pending.passages().isEmpty()) {
                if (pending.through() > 0) {
                    index.addVectors(List.of(), pending.through());
                }
                return 0;
            }
            List<String> texts = new ArrayList<>(pending.passages().size());
            for (Index.PendingPassage p : pending.passages()) {
                texts.add(p.text());
            }
            List<float[]> vectors;
            Embedder model = embedder.get();
            try {
                vectors = model.embedPassages(texts, inBackground);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the embedding model " + model.id() + " failed: " + rootMessage(e), e);
            }
            List<Index.PassageVector> out = new ArrayList<>(vectors.size());
            for (int i = 0; i < vectors.size(); i++) {
                out.add(new Index.PassageVector(pending.passages().get(i), vectors.get(i)));
            }
            index.addVectors(out, pending.through());
            unrefreshed = true;
            return out.size();
        } finally {
            stepping.unlock();
        }
    }

    /**
     * Embeds every passage pending now on the calling thread (searchable when it returns), reporting the running
     * count after each batch; returns how many passages got vectors.
     */
    public int catchUp(IntConsumer progress) {
        index.refresh();
        int total = 0;
        int n;
        while ((n = step()) > 0) {
            total += n;
            progress.accept(total);
        }
        index.refresh();
        unrefreshed = false;
        return total;
    }

    /** What went wrong, from the first I/O error in the chain (a refused connection) or else the deepest cause. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (!(t instanceof java.io.IOException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String name = t instanceof java.net.ConnectException ? "could not connect" : t.getClass().getSimpleName();
        return name + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    /** The last embedding failure, or null when the last attempt worked. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        stopped = true;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
