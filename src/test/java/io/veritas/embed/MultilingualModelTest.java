package io.veritas.embed;

import io.veritas.Settings;
import io.veritas.Veritas;
import io.veritas.index.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multilingual model behind an OpenAI-compatible embeddings server ranks an English question over Chinese
 * passages by meaning: hybrid search uses it for questions in any language, and the question goes to the model as
 * the user wrote it. The server is a stand-in that returns fixed vectors (one dimension per concept, the same in
 * both languages, as a cross-lingual model would), since no such model runs here; the documents are invented.
 */
class MultilingualModelTest {
    @TempDir
    Path tmp;

    /** Concepts and their words in both languages: a passage's vector counts the concepts it mentions. */
    private static final List<List<String>> CONCEPTS = List.of(
            List.of("glacier", "冰川"), List.of("retreat", "后退", "後退"), List.of("shepherd", "牧民"),
            List.of("wool", "羊毛"), List.of("bakery", "面包店", "麵包店"), List.of("bread", "面包", "麵包"));

    private static List<Float> vector(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        List<Float> v = new ArrayList<>();
        v.add(0.05f); // never the zero vector
        for (List<String> words : CONCEPTS) {
            v.add(words.stream().anyMatch(lower::contains) ? 1f : 0f);
        }
        return v;
    }

    @Test
    void aMultilingualModelCarriesEnglishQuestionsToChinesePassages() throws Exception {
        try (StandInEmbeddings server = new StandInEmbeddings(MultilingualModelTest::vector)) {
            Path docs = Files.writeString(tmp.resolve("docs.jsonl"), """
                    {"id": "zh-glacier", "text": "观测站的记录显示，山谷里的冰川十年间后退了将近两公里。"}
                    {"id": "zh-shepherd", "text": "牧民们把今年剪下的羊毛卖给了镇上的商人。"}
                    {"id": "en-bakery", "text": "The bakery on the harbour front now sells bread until midnight."}
                    """);
            String url = server.url();
            // Words alone cannot cross here: the dictionary is off, and no lexicon entry covers these topics.
            Settings settings = new Settings(null, null, null, "openai", null, null, null, url, "multilingual-stand-in", null, null)
                    .withTranslation(Settings.LEXICON);
            try (Veritas v = Veritas.open(tmp.resolve("data"), settings)) {
                v.ingest(List.of(docs), p -> { });
                assertTrue(v.embedPending(n -> { }) >= 3);
                String question = "How far has the glacier retreated?";
                List<String> lexical = ids(v, SearchRequest.of(question, 3).withMode(SearchRequest.Mode.LEXICAL));
                List<String> hybrid = ids(v, SearchRequest.of(question, 3));
                assertNotEquals("zh-glacier", lexical.isEmpty() ? null : lexical.get(0), "words alone do not find it: " + lexical);
                assertEquals("zh-glacier", hybrid.get(0), "the model's meaning does: " + hybrid);
                assertTrue(server.requests.get(server.requests.size() - 1).get("input").toString().contains(question),
                        "the question goes to a multilingual model as written");
            }
        }
    }

    private static List<String> ids(Veritas v, SearchRequest request) {
        return v.search(request).stream().map(h -> h.source().docId()).distinct().toList();
    }
}
