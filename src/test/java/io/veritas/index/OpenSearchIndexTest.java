package io.veritas.index;

import io.veritas.extract.Extraction;
import io.veritas.extract.AliasTable;
import io.veritas.extract.Claim;
import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Lexicon;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OpenSearchIndex} against a real OpenSearch node ({@link OpenSearchNode}); every test has its own index. */
class OpenSearchIndexTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final AliasTable ALIASES = AliasTable.of(Lexicon.defaults());
    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor(Lexicon.defaults());
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final List<Index> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Index::close);
    }

    private static String freshName() {
        return "veritas-test-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    private Index open(String name) {
        Index index = OpenSearchIndex.open(OpenSearchNode.url(), name);
        opened.add(index);
        return index;
    }

    private static Document doc(String id, String path, String url, String text, String published, String author,
                                Map<String, String> extra) {
        RawItem raw = new RawItem(id, path, Format.TEXT, text, id, url, null,
                published == null ? null : Instant.parse(published), author, null, extra);
        return Texts.clean(raw, NOW).document();
    }

    private static Document doc(String id, String text, String published) {
        return doc(id, null, null, text, published, null, Map.of());
    }

    /** Upserts with the claims and aliases the extractor finds, as ingestion does. */
    private static Outcome add(Index index, Document d) {
        Extraction e = EXTRACTOR.extract(d);
        return index.upsert(d, e);
    }

    private static final String XAI_HANS = "马斯克旗下的人工智能公司xAI宣布完成E轮融资，募资200亿美元，估值达到2300亿美元。";
    private static final String NVIDIA_HANS = "英伟达今年第三季度的营收达到570亿美元，数据中心业务增长强劲。";
    private static final String ENGLISH = "OpenAI is said to be raising new money at a valuation of $500 billion, people familiar said.";

    @Test
    void upsertTellsAddedUpdatedAndDuplicate() {
        Index index = open(freshName());
        Document first = doc("a", XAI_HANS, "2026-01-06T00:00:00Z");
        assertEquals(Outcome.ADDED, add(index, first));
        assertEquals(Outcome.DUPLICATE, add(index, first));
        long version = index.version();
        assertEquals(Outcome.UPDATED, add(index, doc("a", XAI_HANS + "投资方包括英伟达。", "2026-01-06T00:00:00Z")));
        assertTrue(index.version() > version);
        index.refresh();
        assertEquals(1, index.documentCount());
        assertEquals(1, index.documentRecords("a"));
        assertEquals(0, index.documentRecords("missing"));
        assertNull(index.documentInfo("missing"));
    }

    @Test
    void aFileReplacesItsEarlierVersionByPath() {
        Index index = open(freshName());
        String path = "/news/xai.md";
        assertEquals(Outcome.ADDED, add(index, doc("v1", path, null, "xAI raised $6 billion in its Series B round.\n\n"
                + "The round was led by Valor Equity Partners.", "2024-05-27T00:00:00Z", null, Map.of())));
        index.refresh();
        assertEquals(1, index.search(SearchRequest.of("Valor Equity", 5), QueryExpander.Expansion.NONE).size());
        assertEquals(Outcome.UPDATED, add(index, doc("v2", path, null, "xAI raised $6 billion in its Series B round.",
                "2024-05-27T00:00:00Z", null, Map.of())));
        index.refresh();
        assertEquals(1, index.documentCount());
        assertNull(index.documentInfo("v1"));
        assertNotNull(index.documentInfo("v2"));
        assertTrue(index.search(SearchRequest.of("Valor Equity", 5), QueryExpander.Expansion.NONE).isEmpty(),
                "the passages of the replaced version are gone");
    }

    @Test
    void findsChineseTextForTraditionalAndForExpandedEnglishQueries() {
        Index index = open(freshName());
        add(index, doc("xai", XAI_HANS, "2026-01-06T00:00:00Z"));
        add(index, doc("nvda", NVIDIA_HANS, "2025-11-20T00:00:00Z"));
        add(index, doc("oai", ENGLISH, "2025-10-01T00:00:00Z"));
        index.refresh();

        List<Hit> hits = Highlighter.apply(index.search(SearchRequest.of("xAI 募資多少", 5), QueryExpander.Expansion.NONE),
                "xAI 募資多少", QueryExpander.Expansion.NONE);
        assertEquals("xai", hits.get(0).source().docId());
        assertTrue(hits.get(0).highlight().contains("<b>募资</b>"), hits.get(0).highlight());
        assertEquals(hits.get(0).text(), hits.get(0).highlight().replace("<b>", "").replace("</b>", ""));

        String english = "What was Nvidia's revenue last quarter?";
        assertTrue(index.search(SearchRequest.of(english, 5), QueryExpander.Expansion.NONE).stream()
                .noneMatch(h -> h.source().docId().equals("nvda")), "no shared word without the expansion");
        QueryExpander.Expansion expansion = new QueryExpander(Lexicon.defaults()).expand(english, ALIASES);
        List<Hit> expanded = Highlighter.apply(index.search(SearchRequest.of(english, 5), expansion), english, expansion);
        assertEquals("nvda", expanded.get(0).source().docId(), expanded.toString());
        assertTrue(expanded.get(0).highlight().contains("<b>英伟达</b>"), expanded.get(0).highlight());

        // A hand-made expansion: an entity under two names and an amount.
        QueryExpander.Expansion byHand = new QueryExpander.Expansion(List.of(Set.of("xai", "x.ai")), Set.of(),
                Set.of(QueryExpander.amountToken("USD", 2e10)), false);
        assertEquals("xai", index.search(SearchRequest.of("how much", 5), byHand).get(0).source().docId());
    }

    @Test
    void ranksLikeTheEmbeddedIndex(@TempDir Path dir) {
        Index index = open(freshName());
        try (Index lucene = LuceneIndex.openForWriting(dir)) {
            List<Document> docs = List.of(doc("xai", XAI_HANS, "2026-01-06T00:00:00Z"),
                    doc("xai2", "xAI完成新一轮融资。估值2300亿美元。", "2026-01-07T00:00:00Z"),
                    doc("nvda", NVIDIA_HANS, "2025-11-20T00:00:00Z"), doc("oai", ENGLISH, "2025-10-01T00:00:00Z"),
                    doc("oai2", "OpenAI valuation rises again as investors pile in.", "2025-10-03T00:00:00Z"));
            for (Document d : docs) {
                add(index, d);
                add(lucene, d);
            }
            index.refresh();
            lucene.refresh();
            for (String query : List.of("xAI 估值", "OpenAI valuation", "What is the latest valuation of xAI?")) {
                QueryExpander.Expansion e = new QueryExpander(Lexicon.defaults()).expand(query, ALIASES);
                List<Hit> expected = lucene.search(SearchRequest.of(query, 10), e);
                List<Hit> actual = index.search(SearchRequest.of(query, 10), e);
                assertEquals(expected.stream().map(h -> h.source().docId()).toList(),
                        actual.stream().map(h -> h.source().docId()).toList(), query);
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-3 * expected.get(i).score(), query);
                }
            }
        }
    }

    @Test
    void filtersRestrictTimeLanguageSourceAndAuthor() {
        Index index = open(freshName());
        add(index, doc("en1", null, "https://www.example.com/a", "xAI raised $20 billion in its Series E round.",
                "2026-01-06T00:00:00Z", "Jane Doe", Map.of()));
        add(index, doc("en2", null, "https://news.other.org/b", "xAI raised $6 billion in its Series B round.",
                "2024-05-27T00:00:00Z", "@jsmith", Map.of()));
        add(index, doc("zh1", "xAI完成E轮融资，募资200亿美元。", "2026-01-07T00:00:00Z"));
        add(index, doc("undated", "xAI raised money once.", null));
        index.refresh();
        assertEquals(Set.of("en1", "en2", "zh1", "undated"), ids(index, new SearchRequest("xAI", 10, null, null, null, null, null)));
        assertEquals(Set.of("en1", "zh1"), ids(index, new SearchRequest("xAI", 10, Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null)));
        assertEquals(Set.of("en2"), ids(index, new SearchRequest("xAI", 10, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, null)));
        assertEquals(Set.of("en1"), ids(index, new SearchRequest("xAI", 10, Instant.parse("2026-01-06T00:00:00Z"),
                Instant.parse("2026-01-07T00:00:00Z"), null, null, null)), "from inclusive, to exclusive");
        assertEquals(Set.of("zh1"), ids(index, new SearchRequest("xAI", 10, null, null, "zh-Hans", null, null)));
        assertEquals(Set.of("en1"), ids(index, new SearchRequest("xAI", 10, null, null, null, "Example.com", null)));
        assertEquals(Set.of("en2"), ids(index, new SearchRequest("xAI", 10, null, null, null, null, "JSmith")));
        assertEquals(Set.of("en1"), ids(index, new SearchRequest("xAI", 10, null, null, null, null, "jane  doe")));
    }

    @Test
    void aSearchWithinOneDocumentFindsOnlyItsPassagesOnBothBackends(@TempDir Path dir) {
        Index index = open(freshName());
        try (Index lucene = LuceneIndex.openForWriting(dir)) {
            String first = "Brindle Harbour is a fishing town on a sandy spit. " + "Its old pier was rebuilt after a storm. ".repeat(6)
                    + "\n\nThe town's lighthouse can be seen from twenty miles out at sea on a clear night.";
            String other = "The lighthouse of Carrick Point is the tallest on the coast.";
            for (Index each : List.of(index, lucene)) {
                add(each, doc("brindle", first, "2026-01-06T00:00:00Z"));
                add(each, doc("carrick", other, "2026-01-07T00:00:00Z"));
                each.refresh();
                SearchRequest lighthouse = SearchRequest.of("lighthouse", 10);
                assertEquals(Set.of("brindle", "carrick"), ids(each, lighthouse));
                List<Hit> within = each.search(lighthouse.withinDocument("brindle"), QueryExpander.Expansion.NONE);
                assertEquals(List.of("brindle"), within.stream().map(h -> h.source().docId()).distinct().toList());
                assertTrue(within.get(0).text().contains("twenty miles"), within.toString()); // its second passage
                assertEquals(2, within.size(), within.toString()); // and the one without the word, after it
                assertTrue(each.search(lighthouse.withinDocument("nowhere"), QueryExpander.Expansion.NONE).isEmpty());
            }
        }
    }

    private static Set<String> ids(Index index, SearchRequest request) {
        return Set.copyOf(index.search(request, QueryExpander.Expansion.NONE).stream().map(h -> h.source().docId()).toList());
    }

    @Test
    void latestQueriesFavourRecentPassages() {
        Index index = open(freshName());
        add(index, doc("old", "xAI valuation reached $24 billion, xAI said.", "2024-05-27T00:00:00Z"));
        add(index, doc("new", "xAI valuation is $230 billion.", "2026-01-06T00:00:00Z"));
        index.refresh();
        QueryExpander.Expansion latest = new QueryExpander.Expansion(List.of(), Set.of(), Set.of(), true);
        assertEquals("new", index.search(SearchRequest.of("xAI valuation", 1), latest).get(0).source().docId());
    }

    @Test
    void claimsAliasesAndDocumentInfo() {
        Index index = open(freshName());
        Document d = doc("dp", null, "https://example.com/dp", "深瞳智能（DeepPupil AI）已完成 B 輪募資，金額為3億美元（約新台幣 95 億元）。",
                "2026-03-10T00:00:00Z", "记者 王小明", Map.of("channel", "tech", "score", "7"));
        Extraction e = EXTRACTOR.extract(d);
        assertFalse(e.claims().isEmpty());
        assertFalse(e.aliases().isEmpty());
        index.upsert(d, e);
        index.refresh();

        assertEquals(e.claims().size(), index.claimCount());
        Claim expected = e.claims().get(0);
        List<ClaimHit> hits = index.claims(Set.of(expected.subject()), expected.attribute(), 100);
        assertEquals(1, hits.size());
        ClaimHit hit = hits.get(0);
        assertEquals(expected, hit.claim());
        assertEquals(d.slice(expected.quote()), hit.quote());
        assertEquals(d.slice(expected.figure()), hit.figure());
        assertEquals("https://example.com/dp", hit.source().url());
        assertEquals(Instant.parse("2026-03-10T00:00:00Z"), hit.source().published());
        assertEquals(e.claims().size(), index.claims(null, null, 100).size());
        assertTrue(index.claims(Set.of("nobody"), null, 100).isEmpty());
        assertTrue(index.hasClaims(Set.of("nobody", expected.subject()), expected.attribute(), expected.qualifier()));
        assertFalse(index.hasClaims(Set.of(expected.subject()), expected.attribute(), "Series Z"));

        assertEquals(new java.util.TreeSet<>(e.aliases()).stream().toList(), index.learnedAliases());

        Index.DocumentInfo info = index.documentInfo("dp");
        assertEquals(Map.of("channel", "tech", "score", "7"), info.meta());
        assertEquals("记者 王小明", info.author());
        assertEquals("dp", info.source().docId());
        assertEquals(d.language(), info.source().language());
        assertEquals(d.title(), index.document("dp").title());
    }

    @Test
    void aReopenedIndexKeepsCommitDataKnownDocumentsAndThePendingMark() {
        String name = freshName();
        Index index = open(name);
        Document a = doc("a", XAI_HANS, "2026-01-06T00:00:00Z");
        Document b = doc("b", NVIDIA_HANS, "2025-11-20T00:00:00Z");
        add(index, a);
        add(index, b);
        index.refresh();
        Index.Unembedded pending = index.unembedded(1);
        assertEquals(1, pending.passages().size());
        index.addVectors(List.of(new Index.PassageVector(pending.passages().get(0), new float[]{1, 0, 0, 0})), pending.through());
        index.commit(42);
        assertEquals(42, index.committedJournalSeq());
        add(index, doc("c", ENGLISH, "2025-10-01T00:00:00Z")); // after the commit: durable all the same
        index.close();
        opened.remove(index);

        Index again = open(name);
        assertEquals(42, again.committedJournalSeq());
        assertEquals(Outcome.DUPLICATE, add(again, a));
        assertEquals(Outcome.DUPLICATE, add(again, doc("c", ENGLISH, "2025-10-01T00:00:00Z")));
        assertEquals(3, again.documentCount());
        assertEquals(1, again.vectorCount());
        Index.Unembedded rest = again.unembedded(10);
        assertEquals(List.of("b", "c"), rest.passages().stream().map(Index.PendingPassage::docId).toList(),
                "the embedder resumes after the committed mark");
        assertTrue(rest.passages().get(0).seq() > pending.through());
        // Numbering continues after the passages stored after the commit, too.
        add(again, doc("d", "A new post about xAI.", "2026-02-01T00:00:00Z"));
        again.refresh();
        List<Index.PendingPassage> all = again.unembedded(10).passages();
        assertEquals("d", all.get(all.size() - 1).docId());
        assertTrue(all.get(all.size() - 1).seq() > all.get(all.size() - 2).seq());
    }

    @Test
    void vectorsAreStoredSearchedAndDroppedWithTheirDocument() {
        Index index = open(freshName());
        add(index, doc("x", null, "https://example.com/x", "xAI raised $20 billion.", "2026-01-06T00:00:00Z", null, Map.of()));
        add(index, doc("y", "英伟达营收增长。", "2025-11-20T00:00:00Z"));
        add(index, doc("z", "OpenAI valuation rises.\n\nInvestors pile in.", "2025-10-01T00:00:00Z"));
        index.refresh();
        Index.Unembedded pending = index.unembedded(100);
        assertEquals(4, pending.passages().size(), pending.toString());
        assertEquals(pending.passages().get(3).seq(), pending.through());
        List<Index.PassageVector> vectors = new ArrayList<>();
        for (Index.PendingPassage p : pending.passages()) {
            float[] v = switch (p.docId() + p.ordinal()) {
                case "x0" -> new float[]{1, 0, 0, 0};
                case "y0" -> new float[]{0, 2, 0, 0};
                case "z0" -> new float[]{0, 0, 1, 0};
                default -> new float[]{0, 0, 1, 1};
            };
            vectors.add(new Index.PassageVector(p, v));
        }
        index.addVectors(vectors, pending.through());
        index.refresh();
        assertEquals(4, index.vectorCount());
        assertTrue(index.unembedded(100).passages().isEmpty());

        List<Hit> near = index.nearest(new float[]{0.1f, 1, 0, 0}, SearchRequest.of("q", 10), 2);
        assertEquals(2, near.size());
        assertEquals("y", near.get(0).source().docId());
        assertEquals(1 / Math.sqrt(1.01), near.get(0).score(), 1e-5);
        assertEquals("英伟达营收增长。", near.get(0).text());
        List<Hit> second = index.nearest(new float[]{0, 0, 0, 1}, SearchRequest.of("q", 10), 1);
        assertEquals("z", second.get(0).source().docId());
        assertEquals(1, second.get(0).ordinal());
        assertEquals(Math.sqrt(0.5), second.get(0).score(), 1e-5);
        assertEquals(Set.of("x"), Set.copyOf(index.nearest(new float[]{0.1f, 1, 0, 0},
                new SearchRequest("q", 10, null, null, null, "example.com", null), 5).stream().map(h -> h.source().docId()).toList()));
        assertEquals(Set.of("x"), Set.copyOf(index.nearest(new float[]{0.1f, 1, 0, 0},
                new SearchRequest("q", 10, Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null), 5).stream()
                .map(h -> h.source().docId()).toList()));
        assertThrows(IllegalArgumentException.class, () -> index.nearest(new float[]{1, 0}, SearchRequest.of("q", 1), 1));

        // Replacing a document deletes its vectors; its new passages are pending again.
        add(index, doc("y", "英伟达营收再创新高。", "2025-11-21T00:00:00Z"));
        index.refresh();
        assertEquals(3, index.vectorCount());
        assertTrue(index.nearest(new float[]{0, 1, 0, 0}, SearchRequest.of("q", 10), 4).stream()
                .noneMatch(h -> h.source().docId().equals("y")));
        Index.Unembedded again = index.unembedded(100);
        assertEquals(List.of("y"), again.passages().stream().map(Index.PendingPassage::docId).toList());

        // Vectors computed for a version that was replaced meanwhile are dropped.
        add(index, doc("y", "英伟达营收第三次更新。", "2025-11-22T00:00:00Z"));
        index.addVectors(List.of(new Index.PassageVector(again.passages().get(0), new float[]{0, 1, 0, 0})), again.through());
        index.refresh();
        assertEquals(3, index.vectorCount());
        Index.Unembedded latest = index.unembedded(100);
        assertEquals(1, latest.passages().size());
        assertEquals("英伟达营收第三次更新。", latest.passages().get(0).text());
        index.addVectors(List.of(new Index.PassageVector(latest.passages().get(0), new float[]{0, 1, 0, 0})), latest.through());
        index.refresh();
        assertEquals(4, index.vectorCount());
        assertEquals("英伟达营收第三次更新。", index.nearest(new float[]{0, 1, 0, 0}, SearchRequest.of("q", 1), 1).get(0).text());
        assertThrows(IllegalStateException.class, () -> index.addVectors(List.of(new Index.PassageVector(
                latest.passages().get(0), new float[]{1, 2, 3})), latest.through()));
    }

    @Test
    void concurrentUpsertsAreAllHandedToTheEmbedder() throws Exception {
        Index index = open(freshName());
        int threads = 4;
        int perThread = 250;
        List<List<Document>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                docs.add(doc("p" + t + "-" + i, "Post " + i + " of writer " + t + " about xAI and 英伟达.", "2026-01-06T00:00:00Z"));
            }
            work.add(docs);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (List<Document> docs : work) {
            futures.add(pool.submit(() -> {
                for (Document d : docs) {
                    assertEquals(Outcome.ADDED, index.upsert(d, Extraction.NONE));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.err.printf("OpenSearchIndexTest: %d upserts from %d threads in %.2f s (%.0f documents/s)%n",
                threads * perThread, threads, seconds, threads * perThread / seconds);
        index.refresh();
        assertEquals(threads * perThread, index.documentCount());
        int seen = 0;
        long last = 0;
        while (true) {
            Index.Unembedded batch = index.unembedded(64);
            if (batch.passages().isEmpty()) {
                break;
            }
            for (Index.PendingPassage p : batch.passages()) {
                assertTrue(p.seq() > last);
                last = p.seq();
            }
            seen += batch.passages().size();
            index.addVectors(List.of(), batch.through());
        }
        assertEquals(threads * perThread, seen);
    }

    @Test
    void aRefusedWriteSaysWhyAndCanBeRetried() {
        Index index = open(freshName());
        // An id longer than Lucene's longest term (32766 bytes) cannot be indexed as a keyword.
        Document huge = doc("x".repeat(40_000), "xAI raised $20 billion.", "2026-01-06T00:00:00Z");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> add(index, huge));
        assertTrue(e.getMessage().contains("immense term"), e.getMessage());
        assertTrue(e.getMessage().length() < 2_000, "the id is shortened in the message");
        assertThrows(IllegalStateException.class, () -> add(index, huge), "not taken for a duplicate after the failure");
        assertEquals(Outcome.ADDED, add(index, doc("ok", "xAI raised $20 billion.", "2026-01-06T00:00:00Z")));
    }

    @Test
    void indexNamesAreChecked() throws Exception {
        Index.Unavailable invalid = assertThrows(Index.Unavailable.class, () -> open("Not A Valid Name"));
        assertTrue(invalid.getMessage().contains("--opensearch-index"), invalid.getMessage());
        String foreign = freshName();
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(OpenSearchNode.url() + "/" + foreign))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        Index.Unavailable notOurs = assertThrows(Index.Unavailable.class, () -> open(foreign));
        assertTrue(notOurs.getMessage().contains("not made by Veritas"), notOurs.getMessage());
    }

    @Test
    void anUnreachableClusterSaysWhatToDo() {
        Index.Unavailable e = assertThrows(Index.Unavailable.class, () -> OpenSearchIndex.open("http://127.0.0.1:1", "x"));
        assertTrue(e.getMessage().contains("http://127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("start OpenSearch or check --opensearch URL"), e.getMessage());
        assertThrows(Index.Unavailable.class, () -> OpenSearchIndex.open("127.0.0.1:9200", "x"));
    }
}
