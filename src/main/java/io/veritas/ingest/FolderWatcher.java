package io.veritas.ingest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a folder tree and hands the items of new or changed files to a consumer, a batch at a time. Uses the
 * platform's file events (inotify on Linux); a file is read once it has been quiet for {@link #SETTLE_MS}, so a
 * file still being written is not read half-way (and if it is, its next change updates it). Hidden files are
 * skipped. Files already in the folder are handed over when watching starts. Every {@link #RESCAN_MS} the tree is
 * also walked and files whose size or modification time differ from when they were read are queued again, so a
 * missed event (a burst, a folder created and filled at once) delays a file but never loses it.
 */
public final class FolderWatcher implements AutoCloseable {
    static final long SETTLE_MS = 100;
    static final long RESCAN_MS = 5_000;

    private final Path root;
    private final Consumer<List<RawItem>> items;
    private final Consumer<Failure> failures;
    private final WatchService watcher;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    /** Files seen changing, with when they last changed; read once quiet. Touched by the watch thread only. */
    private final Map<Path, Long> pending = new LinkedHashMap<>();
    /** Size and modification time of each file when it was last read. Touched by the watch thread only. */
    private final Map<Path, String> read = new HashMap<>();
    private long lastRescan = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    private FolderWatcher(Path root, Consumer<List<RawItem>> items, Consumer<Failure> failures) throws IOException {
        this.root = root;
        this.items = items;
        this.failures = failures;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "veritas-watch-" + root.getFileName());
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code root}; its current files are handed over first. */
    public static FolderWatcher start(Path root, Consumer<List<RawItem>> items, Consumer<Failure> failures) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--watch " + root + " is not a folder; create it or give an existing folder");
        }
        try {
            FolderWatcher w = new FolderWatcher(root, items, failures);
            w.registerTree(root); // before the thread starts, so nothing created from now on is missed
            w.thread.start();
            return w;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot watch " + root + ": " + e.getMessage(), e);
        }
    }

    /** Watches every folder under {@code dir}; the files already there are queued like changed ones. */
    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (hidden(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    keys.put(p.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY), p);
                } else if (Files.isRegularFile(p)) {
                    pending.put(p, System.nanoTime());
                }
            }
        }
    }

    private boolean hidden(Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        while (running) {
            try {
                WatchKey key = watcher.poll(pending.isEmpty() ? 1000 : SETTLE_MS / 3, TimeUnit.MILLISECONDS);
                if (key != null) {
                    Path dir = keys.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                            continue;
                        }
                        Path p = dir.resolve((Path) event.context());
                        if (hidden(p)) {
                            continue;
                        }
                        if (Files.isDirectory(p)) {
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                                registerTree(p);
                            }
                        } else {
                            pending.put(p, System.nanoTime());
                        }
                    }
                    if (!key.reset()) {
                        keys.remove(key);
                    }
                }
                long now = System.nanoTime();
                List<Path> settled = new ArrayList<>();
                pending.entrySet().removeIf(e -> {
                    if (now - e.getValue() >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MS)) {
                        settled.add(e.getKey());
                        return true;
                    }
                    return false;
                });
                read(settled);
                if (now - lastRescan >= TimeUnit.MILLISECONDS.toNanos(RESCAN_MS)) {
                    lastRescan = now;
                    rescan();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failures.accept(new Failure(root.toString(), "watching stopped on an error (" + e.getMessage()
                        + "); restart serve to resume"));
                return;
            }
        }
    }

    private void rescan() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (!hidden(p) && Files.isRegularFile(p) && !stamp(p).equals(read.get(p)) && !pending.containsKey(p)) {
                    pending.put(p, System.nanoTime());
                }
            }
        }
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "gone";
        }
    }

    private void read(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        List<RawItem> batch = new ArrayList<>();
        FileSource source = new FileSource(batch::add, failures);
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                read.put(f, stamp(f));
                source.read(f);
            }
        }
        if (!batch.isEmpty()) {
            items.accept(batch);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing a watch service only releases its handles
        }
        thread.interrupt();
    }
}
