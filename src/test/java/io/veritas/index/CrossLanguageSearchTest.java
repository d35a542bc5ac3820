package io.veritas.index;

import io.veritas.Settings;
import io.veritas.Veritas;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * English questions find Chinese passages and Chinese questions English ones on topics no lexicon of the project
 * covers (a town's salt lake, a sprinter, an observatory), through the general dictionary, on both backends with
 * the same ranking. The documents and names are invented for this test.
 */
class CrossLanguageSearchTest {
    @TempDir
    Path tmp;

    private static final String DOCUMENTS = """
            {"id": "zh-town", "title": "青禾镇", "text": "青禾镇位于高原北部。镇东的盐湖面积约四十平方公里，是当地最大的盐湖，每年夏天镇上都会举办赛马节。"}
            {"id": "zh-library", "title": "图书馆扩建", "text": "该镇的图书馆去年完成扩建，新增了三千册儿童读物，并开设了夜间阅览室。"}
            {"id": "zh-sprinter", "title": "全國錦標賽", "text": "短跑選手韋清舟在全國錦標賽上跑出十秒零五，他的教練表示，他下個月將前往歐洲參賽。"}
            {"id": "zh-swimmer", "title": "省運會", "text": "游泳選手譚若溪在省運會上打破了省紀錄，她的教練對成績感到滿意。"}
            {"id": "en-observatory", "title": "A new telescope", "text": "The Halvard Observatory opened a new telescope on Mount Ferrow this week. Its mirror measures four metres across."}
            {"id": "en-cyclist", "title": "Appeal", "text": "A lawyer for the cyclist Brannock Tully said the suspension would be appealed within a month."}
            {"id": "en-bakery", "title": "Bakery", "text": "A bakery in the old harbour district doubled its opening hours after a busy summer."}
            """;

    /** Each question with the document that answers it. */
    private static final Map<String, String> QUESTIONS = new LinkedHashMap<>();

    static {
        QUESTIONS.put("Which town on the plateau holds a horse racing festival every summer?", "zh-town");
        QUESTIONS.put("What time did the sprinter Wei Qingzhou run at the national championships?", "zh-sprinter");
        QUESTIONS.put("天文台的新望远镜有多大？", "en-observatory");
        QUESTIONS.put("那位自行车手的律师说了什么？", "en-cyclist");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void questionsFindEvidenceInTheOtherLanguage(String backend) throws Exception {
        Path docs = Files.writeString(tmp.resolve("docs.jsonl"), DOCUMENTS);
        Settings settings = backend.equals("lucene") ? Settings.defaults().withEmbedder("none")
                : new Settings("opensearch", OpenSearchNode.url(), "xling-" + System.nanoTime(), "none", null, null, null, null,
                null, null, null);
        Path data = tmp.resolve("data");
        Map<String, List<String>> dictionary = new LinkedHashMap<>();
        try (Veritas v = Veritas.open(data, settings)) {
            v.ingest(List.of(docs), p -> { });
            QUESTIONS.forEach((q, gold) -> dictionary.put(q, ids(v, q)));
        }
        Map<String, List<String>> lexicon = new LinkedHashMap<>();
        try (Veritas v = Veritas.open(data, settings.withTranslation(Settings.LEXICON))) {
            QUESTIONS.forEach((q, gold) -> lexicon.put(q, ids(v, q)));
        }
        QUESTIONS.forEach((q, gold) -> {
            assertEquals(gold, dictionary.get(q).isEmpty() ? null : dictionary.get(q).get(0), q + " → " + dictionary.get(q));
            assertNotEquals(gold, lexicon.get(q).isEmpty() ? null : lexicon.get(q).get(0),
                    "without the dictionary the domain lexicon alone does not get there: " + q + " → " + lexicon.get(q));
        });
        if (backend.equals("lucene")) {
            LUCENE.putAll(dictionary);
        } else if (!LUCENE.isEmpty()) {
            assertEquals(LUCENE, dictionary, "both backends rank the same");
        }
    }

    @org.junit.jupiter.api.Test
    void theChineseModelInTheJarReadsEnglishQuestionsThroughTheirTranslation() throws Exception {
        Path docs = Files.writeString(tmp.resolve("docs.jsonl"), DOCUMENTS);
        try (Veritas v = Veritas.open(tmp.resolve("data"), Settings.defaults())) {
            v.ingest(List.of(docs), p -> { });
            v.embedPending(n -> { });
            List<String> dense = v.search(SearchRequest.of("Which town on the plateau holds a horse racing festival every summer?", 3)
                    .withMode(SearchRequest.Mode.DENSE)).stream().map(h -> h.source().docId()).distinct().toList();
            assertEquals("zh-town", dense.get(0), "embedded as its Chinese rendering: " + dense);
        }
    }

    /** What the embedded index ranked, for the OpenSearch run to compare with (JUnit runs the values in order). */
    private static final Map<String, List<String>> LUCENE = new LinkedHashMap<>();

    private static List<String> ids(Veritas v, String question) {
        return v.search(SearchRequest.of(question, 5).withMode(SearchRequest.Mode.LEXICAL)).stream()
                .map(h -> h.source().docId()).distinct().toList();
    }
}
