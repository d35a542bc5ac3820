package io.veritas.ingest;

import io.veritas.Veritas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderWatcherTest {
    @TempDir
    Path dir;

    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; reported: " + failures);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void newChangedAndNestedFilesAreIngestedAndBadOnesReported() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("before.txt"), "Kestrel Bio raised $12 million in a seed round, the company said.\n");
        try (Veritas veritas = Veritas.open(dir.resolve("data"));
             FolderWatcher ignored = FolderWatcher.start(inbox, veritas::accept, failures::add)) {
            await(() -> veritas.search("Kestrel", 5).size() == 1, "the file already there is ingested");

            Files.writeString(inbox.resolve("new.md"), "---\ntitle: Vela\ndate: 2026-05-01\n---\n\nVela Systems raised $40 million in its Series A.\n");
            await(() -> veritas.search("Vela", 5).size() == 1, "a new file is ingested");

            Path nested = Files.createDirectories(inbox.resolve("2026/05"));
            Files.writeString(nested.resolve("deep.txt"), "Corvid Energy raised $70 million in its Series B on 2026-05-02.\n");
            await(() -> veritas.search("Corvid", 5).size() == 1, "a file in a new sub-folder is ingested");

            Files.writeString(inbox.resolve("new.md"), "---\ntitle: Vela\ndate: 2026-05-01\n---\n\nVela Systems raised $45 million in its Series A.\n");
            await(() -> veritas.ask("How much did Vela Systems raise in its Series A?").facts().stream()
                    .anyMatch(f -> f.value() == 4.5e7), "a changed file is updated");
            assertEquals(1, veritas.ask("How much did Vela Systems raise in its Series A?").facts().size(), "the old version is gone");

            Files.write(inbox.resolve("broken.json"), "{\"text\": ".getBytes());
            await(() -> !failures.isEmpty(), "a bad file is reported");
            assertTrue(failures.get(0).toString().contains("broken.json"), failures.toString());
        }
    }
}
