package io.veritas.embed;

import io.veritas.extract.Extraction;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.veritas.Settings;
import io.veritas.Veritas;
import io.veritas.index.Hit;
import io.veritas.index.Index;
import io.veritas.index.LuceneIndex;
import io.veritas.index.SearchRequest;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import io.veritas.text.Texts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passage vectors end to end: the in-jar model, the same model loaded from files as a custom ONNX model, an
 * OpenAI-compatible server (a local stand-in for a remote one), embedding off the ingest path, stale vectors of
 * replaced documents, and resuming after a restart.
 */
class DenseRetrievalTest {
    private static OnnxEmbedder inJar;

    @TempDir
    Path data;

    @BeforeAll
    static void loadModel() {
        inJar = OnnxEmbedder.inJar();
    }

    private static Settings embedder(String name) {
        return new Settings(null, null, null, name, null, null, null, null, null, null, null);
    }

    @Test
    void everyPassageGetsAVectorAndDenseSearchFindsMeaning() {
        try (Veritas veritas = Veritas.open(data, Settings.defaults())) {
            veritas.ingest(List.of(Path.of("samples")), p -> { });
            assertEquals(0, veritas.vectorCount(), "a batch ingest leaves embedding to embedPending or the background");
            int embedded = veritas.embedPending(n -> { });
            assertTrue(embedded > 20, "passages embedded: " + embedded);
            assertEquals(embedded, veritas.vectorCount());
            assertEquals(0, veritas.embedPending(n -> { }), "nothing is left");

            // Words the passage does not use ("how much money", "second round"), meaning it does.
            List<Hit> dense = veritas.search(SearchRequest.of("深瞳智能第二轮拿到了多少钱", 3).withMode(SearchRequest.Mode.DENSE));
            assertFalse(dense.isEmpty());
            assertTrue(dense.stream().anyMatch(h -> h.text().contains("深瞳智能")), "dense hits: " + texts(dense));
            assertTrue(dense.get(0).score() > 0.3 && dense.get(0).score() <= 1.0001, "cosine " + dense.get(0).score());

            List<Hit> hybrid = veritas.search(SearchRequest.of("深瞳智能B轮融资", 5));
            assertTrue(hybrid.get(0).text().contains("深瞳智能"), "hybrid hits: " + texts(hybrid));
            // Filters apply to vectors too.
            List<Hit> english = veritas.search(new SearchRequest("深瞳智能B轮融资", 5, null, null, "en", null, null, SearchRequest.Mode.DENSE));
            assertTrue(english.stream().allMatch(h -> h.language().equals("en")), "only English passages: " + texts(english));
        }
    }

    @Test
    void aCustomOnnxModelFromFilesWorksLikeTheOneInTheJar() throws Exception {
        Path model = data.resolve("model/model.onnx");
        Path tokenizer = data.resolve("model/tokenizer.json");
        Files.createDirectories(model.getParent());
        copyResource("/bge-small-zh-v1.5-q.onnx", model);
        copyResource("/bge-small-zh-v1.5-q-tokenizer.json", tokenizer);
        try (OnnxEmbedder fromFiles = OnnxEmbedder.fromFiles(model, tokenizer, PoolingMode.CLS)) {
            String text = "深瞳智能完成3億美元B輪募資";
            assertTrue(cosine(inJar.embedQuery(text), fromFiles.embedQuery(text)) > 0.999);
            assertEquals("onnx:model.onnx:cls", fromFiles.id());
        }
        Settings custom = new Settings(null, null, null, "onnx", model.toString(), tokenizer.toString(), "cls", null, null, null, null);
        Path folder = data.resolve("data");
        try (Veritas veritas = Veritas.open(folder, custom)) {
            veritas.ingest(List.of(Path.of("samples/markdown")), p -> { });
            assertTrue(veritas.embedPending(n -> { }) > 0);
            assertFalse(veritas.search(SearchRequest.of("深瞳智能扩展融资", 3).withMode(SearchRequest.Mode.DENSE)).isEmpty());
        }
        // The folder remembers its model; another model's vectors would not be comparable.
        assertEquals("onnx", Settings.load(folder).embedder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Veritas.open(folder, Settings.defaults()));
        assertTrue(e.getMessage().contains("have vectors of the model"), e.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OnnxEmbedder.fromFiles(data.resolve("nope.onnx"), tokenizer, PoolingMode.CLS));
        assertTrue(missing.getMessage().contains("--onnx-model"), missing.getMessage());
    }

    @Test
    void anOpenAiCompatibleServerGivesTheVectors() throws Exception {
        try (StandInEmbeddings server = new StandInEmbeddings(DenseRetrievalTest::toyVector)) {
            List<JsonNode> requests = server.requests;
            String url = server.url();
            Settings remote = new Settings(null, null, null, "openai", null, null, null, url, "toy-embed", null, null);
            try (Veritas veritas = Veritas.open(data, remote)) {
                veritas.ingest(List.of(Path.of("samples/markdown")), p -> { });
                int n = veritas.embedPending(c -> { });
                assertTrue(n > 0);
                assertEquals("toy-embed", requests.get(0).get("model").asText());
                assertTrue(requests.get(0).get("input").size() > 1, "passages go in batches");
                List<Hit> hits = veritas.search(SearchRequest.of("DeepPupil AI extension round", 3).withMode(SearchRequest.Mode.DENSE));
                assertFalse(hits.isEmpty());
                assertTrue(requests.get(requests.size() - 1).get("input").toString().contains("DeepPupil"), "the query was embedded");
            }
        }
        // A server that is not there: the error names the problem; searching by words is unaffected.
        Settings gone = new Settings(null, null, null, "openai", null, null, null, "http://127.0.0.1:1/v1", "toy-embed", null, null);
        try (Veritas veritas = Veritas.open(data.resolve("other"), gone)) {
            veritas.ingest(List.of(Path.of("samples/markdown")), p -> { });
            assertThrows(RuntimeException.class, () -> veritas.embedPending(c -> { }));
            assertFalse(veritas.search(SearchRequest.of("DeepPupil", 3)).isEmpty());
        }
    }

    @Test
    void streamedDocumentsAreFoundByWordsAtOnceAndByMeaningSoonAfter() throws Exception {
        try (Veritas veritas = Veritas.open(data, Settings.defaults())) {
            RawItem post = new RawItem("post-1", null, Format.POST, "霧島機器人宣布完成5億美元C輪募資，由晨光資本領投。", "post-1",
                    null, null, Instant.parse("2026-05-01T00:00:00Z"), null, null, Map.of());
            veritas.accept(List.of(post));
            assertFalse(veritas.search(SearchRequest.of("霧島機器人", 3).withMode(SearchRequest.Mode.LEXICAL)).isEmpty(),
                    "searchable by words when accept returns");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (veritas.vectorCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, veritas.vectorCount(), "the background worker embedded the post");
            List<Hit> dense = veritas.search(SearchRequest.of("雾岛机器人C轮", 3).withMode(SearchRequest.Mode.DENSE));
            assertEquals("post-1", dense.get(0).source().docId());
        }
    }

    @Test
    void vectorsOfAReplacedVersionAreDropped() {
        try (Index index = LuceneIndex.openForWriting(data)) {
            index.upsert(document("doc-1", "第一版的內容，談的是估值。"), Extraction.NONE);
            index.refresh();
            Index.Unembedded first = index.unembedded(10);
            assertEquals(1, first.passages().size());
            // The document changes while its old text is being embedded.
            index.upsert(document("doc-1", "第二版的內容，談的是融資金額。"), Extraction.NONE);
            index.addVectors(List.of(new Index.PassageVector(first.passages().get(0), new float[]{1, 0, 0, 0})), first.through());
            index.refresh();
            assertEquals(0, index.vectorCount(), "the old version's vector is not kept");
            Index.Unembedded second = index.unembedded(10);
            assertEquals(1, second.passages().size());
            assertTrue(second.passages().get(0).text().contains("第二版"));
            index.addVectors(List.of(new Index.PassageVector(second.passages().get(0), new float[]{0, 1, 0, 0})), second.through());
            index.refresh();
            assertEquals(1, index.vectorCount());
            assertTrue(index.unembedded(10).passages().isEmpty());
            List<Hit> near = index.nearest(new float[]{0, 1, 0.1f, 0}, SearchRequest.of("x", 5), 5);
            assertEquals(1, near.size());
            assertTrue(near.get(0).text().contains("第二版"));
        }
    }

    @Test
    void embeddingResumesWhereItStoppedAfterARestart() {
        int passages;
        try (Veritas veritas = Veritas.open(data, embedder("none"))) {
            veritas.ingest(List.of(Path.of("samples/markdown")), p -> { });
            assertEquals(0, veritas.embedPending(n -> { }), "no model configured: nothing to do");
        }
        try (Veritas veritas = Veritas.open(data, Settings.defaults())) {
            passages = veritas.embedPending(n -> { });
            assertTrue(passages > 0);
        }
        try (Veritas veritas = Veritas.open(data)) {
            assertEquals(passages, veritas.vectorCount());
            assertEquals(0, veritas.embedPending(n -> { }), "the embedded mark survived the restart");
            veritas.ingest(List.of(Path.of("samples/text")), p -> { });
            assertTrue(veritas.embedPending(n -> { }) > 0, "only the new passages");
        }
    }

    private static io.veritas.text.Document document(String id, String text) {
        RawItem item = new RawItem(id, null, Format.POST, text, id, null, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, Map.of());
        return Texts.clean(item, Instant.now()).document();
    }

    /** A stand-in model: character bigrams hashed into 64 dimensions. */
    private static List<Float> toyVector(String text) {
        float[] v = new float[64];
        for (int i = 0; i + 1 < text.length(); i++) {
            v[Math.floorMod(text.substring(i, i + 2).hashCode(), 64)] += 1;
        }
        v[0] += 0.01f;
        List<Float> out = new ArrayList<>();
        for (float f : v) {
            out.add(f);
        }
        return out;
    }

    private static void copyResource(String name, Path to) throws Exception {
        try (InputStream in = OnnxEmbedder.class.getResourceAsStream(name)) {
            assertTrue(in != null, name + " is in the model's jar");
            Files.copy(in, to);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static List<String> texts(List<Hit> hits) {
        return hits.stream().map(h -> h.text().substring(0, Math.min(40, h.text().length()))).toList();
    }
}
