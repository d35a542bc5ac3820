package io.veritas;

import io.veritas.index.Outcome;
import io.veritas.ingest.Failure;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Files and folders into the index: the calling thread reads files and hands items to {@code workers} threads,
 * which run the {@link ItemPipeline}. Items with the same id (or, without one, from the same file) go to the same
 * worker, so updates keep their order. Bad inputs are reported and skipped; the rest is ingested.
 */
final class BatchIngest {
    /** Marks the end of a worker's queue. */
    private static final RawItem END = RawItem.ofFile("end of input", Format.TEXT, "");

    /** Running totals of one run, shared by the workers. */
    private static final class Tally {
        final AtomicInteger added = new AtomicInteger();
        final AtomicInteger updated = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger figures = new AtomicInteger();
        final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Failure> warnings = Collections.synchronizedList(new ArrayList<>());

        int documents() {
            return added.get() + updated.get() + duplicates.get();
        }

        void count(ItemPipeline.Result r, RawItem item) {
            for (String w : r.warnings()) {
                warnings.add(new Failure(item.locator(), w));
            }
            if (r.refused()) {
                failures.add(new Failure(item.locator(), r.failure()));
                return;
            }
            figures.addAndGet(r.figures());
            (r.outcome() == Outcome.ADDED ? added : r.outcome() == Outcome.UPDATED ? updated : duplicates).incrementAndGet();
        }
    }

    private final ItemPipeline pipeline;
    private final int workers;

    BatchIngest(ItemPipeline pipeline, int workers) {
        this.pipeline = pipeline;
        this.workers = Math.max(1, workers);
    }

    /** Ingests the files, each document read on its own (see {@link ItemPipeline#process}). */
    IngestReport run(List<Path> paths, Consumer<Veritas.Progress> progress) {
        Instant started = Instant.now();
        Tally tally = new Tally();
        List<Path> files = FileSource.expand(paths, tally.failures::add);
        long bytesTotal = 0;
        for (Path f : files) {
            bytesTotal += size(f);
        }
        List<BlockingQueue<RawItem>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            BlockingQueue<RawItem> queue = new ArrayBlockingQueue<>(512);
            queues.add(queue);
            Thread t = new Thread(() -> work(queue, tally), "veritas-ingest-" + w);
            threads.add(t);
            t.start();
        }
        ProgressReporter reporter = new ProgressReporter(progress, files.size(), bytesTotal, started, tally);
        FileSource source = new FileSource(item -> {
            put(queues, item);
            reporter.maybeReport();
        }, tally.failures::add, tally.warnings::add);
        reporter.source = source;
        try {
            for (Path file : files) {
                source.read(file);
                reporter.fileDone(size(file));
            }
        } finally {
            for (BlockingQueue<RawItem> q : queues) {
                putUninterruptibly(q, END);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        reporter.finish();
        List<Failure> failures = new ArrayList<>(tally.failures);
        failures.sort(Failure.BY_LOCATION);
        List<Failure> warnings = new ArrayList<>(tally.warnings);
        warnings.sort(Failure.BY_LOCATION);
        return new IngestReport(tally.added.get(), tally.updated.get(), tally.duplicates.get(), failures, warnings,
                reporter.bytesDone, tally.figures.get(), Duration.between(started, Instant.now()));
    }

    /** Reports progress at most five times a second: files and documents done, input bytes done of the total. */
    private static final class ProgressReporter {
        private final Consumer<Veritas.Progress> progress;
        private final int filesTotal;
        private final long bytesTotal;
        private final Instant started;
        private final Tally tally;
        FileSource source;
        int filesDone;
        long bytesDone;
        private long lastReport;

        ProgressReporter(Consumer<Veritas.Progress> progress, int filesTotal, long bytesTotal, Instant started, Tally tally) {
            this.progress = progress;
            this.filesTotal = filesTotal;
            this.bytesTotal = bytesTotal;
            this.started = started;
            this.tally = tally;
        }

        void fileDone(long bytes) {
            filesDone++;
            bytesDone += bytes;
            maybeReport();
        }

        void maybeReport() {
            long now = System.nanoTime();
            if (now - lastReport > 200_000_000L) {
                lastReport = now;
                long current = source == null ? 0 : source.bytesReadOfCurrentFile(); // bytes within a JSON Lines file
                progress.accept(new Veritas.Progress(filesDone, filesTotal, tally.documents(), bytesDone + current, bytesTotal,
                        Duration.between(started, Instant.now())));
            }
        }

        void finish() {
            progress.accept(new Veritas.Progress(filesTotal, filesTotal, tally.documents(), bytesDone, bytesTotal,
                    Duration.between(started, Instant.now())));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // reported by the source when it tries to read the file
        }
    }

    private void work(BlockingQueue<RawItem> queue, Tally tally) {
        while (true) {
            RawItem item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item == END) {
                return;
            }
            tally.count(pipeline.process(item), item);
        }
    }

    private static void put(List<BlockingQueue<RawItem>> queues, RawItem item) {
        putUninterruptibly(queues.get(Math.floorMod(StreamIngest.partitionKey(item).hashCode(), queues.size())), item);
    }

    private static void putUninterruptibly(BlockingQueue<RawItem> queue, RawItem item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
