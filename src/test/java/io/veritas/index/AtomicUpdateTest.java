package io.veritas.index;

import io.veritas.extract.Extraction;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new version of a document replaces the old one in one step: a searcher that refreshes while versions are
 * written sees exactly one version every time, never none (the old delete-then-add showed the document missing
 * to a refresh that fell between the two) and never two.
 */
class AtomicUpdateTest {
    @TempDir
    Path data;

    @Test
    void aRefreshBetweenVersionsNeverShowsTheDocumentMissing() throws Exception {
        try (Index index = LuceneIndex.openForWriting(data)) {
            index.upsert(doc(0), Extraction.NONE);
            index.refresh();
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger checks = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    index.refresh();
                    if (index.documentRecords("ledger-note") != 1) {
                        wrong.incrementAndGet();
                    }
                    checks.incrementAndGet();
                }
            });
            reader.start();
            // Not a timing test: the deadline only bounds a machine too busy to reach 200 refreshes; what is checked is
            // that every refresh that happened saw exactly one version.
            long deadline = System.nanoTime() + 120_000_000_000L;
            for (int v = 1; checks.get() < 200 && System.nanoTime() < deadline; v++) {
                index.upsert(doc(v), Extraction.NONE);
            }
            done.set(true);
            reader.join();
            assertTrue(checks.get() >= 50, "the reader refreshed while versions were written: " + checks.get());
            assertEquals(0, wrong.get(), "refreshes that saw no version or two, of " + checks.get());
        }
    }

    private static Document doc(int version) {
        RawItem raw = new RawItem("test", null, Format.POST, "Version " + version + " of the Tallow Bay ledger note.",
                "ledger-note", null, null, Instant.parse("2026-04-01T00:00:00Z"), null, "en", Map.of());
        return Texts.clean(raw, Instant.parse("2026-11-01T00:00:00Z")).document();
    }
}
