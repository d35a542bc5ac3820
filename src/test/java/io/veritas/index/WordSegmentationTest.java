package io.veritas.index;

import io.veritas.extract.Extraction;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code --analysis smartcn}: Chinese passages are also indexed as dictionary words, on both backends. Bigrams
 * alone cannot tell "融资" (raising money) from the "融资" that straddles "金融" and "资本"; words can.
 */
class WordSegmentationTest {
    @TempDir
    Path data;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void wordsRankTheRealWordFirst(String backend) {
        try (Index index = backend.equals("lucene") ? LuceneIndex.openForWriting(data, true)
                : OpenSearchIndex.open(OpenSearchNode.url(), "words-" + System.nanoTime(), true)) {
            // The straddling one is listed first and is shorter: by bigrams alone it would rank first.
            index.upsert(doc("straddle", "国际金融资本市场今天很平静。"), Extraction.NONE);
            index.upsert(doc("word", "这家初创公司上周宣布完成新一轮融资，投资者包括多家基金和银行。"), Extraction.NONE);
            index.refresh();
            List<Hit> hits = index.search(SearchRequest.of("融資", 5), QueryExpander.Expansion.NONE);
            assertEquals(2, hits.size(), "bigrams still find both");
            assertEquals("word", hits.get(0).source().docId(), "the word field ranks the real word first: " + hits);
        }
    }

    private static Document doc(String id, String text) {
        return Texts.clean(new RawItem(id, null, Format.POST, text, id, null, null, Instant.parse("2026-01-01T00:00:00Z"),
                null, null, Map.of()), Instant.now()).document();
    }
}
