// Upsert latency while commits run: one thread upserts documents one at a time into a Lucene index that already
// holds PRELOAD posts, another commits every INTERVAL ms (each commit flushes and fsyncs the segments written
// since the last). Prints p50 / p99 / max of the upserts, how many commits ran and how long they took.
//
//   ./veritas --version   # builds target/veritas.jar
//   java -cp target/veritas.jar bench/commits/UpsertsDuringCommits.java POSTS.jsonl [PRELOAD] [MEASURED] [INTERVAL_MS]
//
// Documents are read, cleaned and extracted before timing starts; only Index.upsert is timed.

import io.veritas.Settings;
import io.veritas.Veritas;
import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Extraction;
import io.veritas.extract.Lexicon;
import io.veritas.index.Index;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

public class UpsertsDuringCommits {
    record Prepared(Document doc, Extraction extraction) {
    }

    public static void main(String[] args) throws Exception {
        Path posts = Path.of(args[0]);
        int preload = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        long interval = args.length > 3 ? Long.parseLong(args[3]) : 200;
        List<RawItem> items = new ArrayList<>();
        new FileSource(items::add, f -> { }, f -> { }).read(posts);
        if (items.size() < preload + measured) {
            throw new IllegalArgumentException(posts + " has " + items.size() + " posts; need " + (preload + measured));
        }
        ClaimExtractor extractor = new ClaimExtractor(Lexicon.defaults());
        List<Prepared> docs = new ArrayList<>();
        for (RawItem item : items.subList(0, preload + measured)) {
            Document d = Texts.clean(item, Instant.now()).document();
            if (d != null) {
                docs.add(new Prepared(d, extractor.extract(d)));
            }
        }
        Path data = Files.createTempDirectory("veritas-commits-");
        try (Veritas veritas = Veritas.open(data, Settings.defaults().withEmbedder(Settings.NONE))) {
            Index index = veritas.index();
            int split = docs.size() - measured;
            for (Prepared p : docs.subList(0, split)) {
                index.upsert(p.doc(), p.extraction());
            }
            index.commit(0);
            AtomicBoolean done = new AtomicBoolean();
            List<Long> commitMillis = new ArrayList<>();
            Thread committer = new Thread(() -> {
                while (!done.get()) {
                    try {
                        Thread.sleep(interval);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long t = System.nanoTime();
                    index.commit(0);
                    commitMillis.add((System.nanoTime() - t) / 1_000_000);
                }
            });
            committer.start();
            long[] nanos = new long[measured];
            long start = System.nanoTime();
            for (int i = 0; i < measured; i++) {
                Prepared p = docs.get(split + i);
                long t = System.nanoTime();
                index.upsert(p.doc(), p.extraction());
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            done.set(true);
            committer.join();
            Arrays.sort(nanos);
            long[] commits = commitMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("upserts: %d in %.2f s (%.0f/s); p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.1f ms; "
                            + "commits: %d, median %d ms, max %d ms%n", measured, seconds, measured / seconds,
                    nanos[measured / 2] / 1e6, nanos[(int) (measured * 0.99)] / 1e6, nanos[(int) (measured * 0.999)] / 1e6,
                    nanos[measured - 1] / 1e6, commits.length, commits.length == 0 ? 0 : commits[commits.length / 2],
                    commits.length == 0 ? 0 : commits[commits.length - 1]);
        }
    }
}
