package io.veritas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.veritas.index.Hit;
import io.veritas.index.SearchRequest;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.RawItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same documents give the same answers however they arrive: one ingest thread or several, files in sorted
 * order, or every document posted one small batch at a time in a shuffled order through the stream path. Every
 * question of the project's question sets is asked of each and the answers (text, facts, citations, suggestions)
 * and the ranked search hits must be identical.
 */
class DeterminismTest {
    private static final Path SAMPLES = Path.of("samples");
    private static final Path SEEDS = Path.of("..", "shared", "corpus", "seeds");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    /** Questions of the answer tests, beside the retrieval set's. */
    private static final List<String> ANSWER_QUESTIONS = List.of(
            "What is xAI's latest valuation?", "How much did xAI raise in its Series E?", "How much did xAI raise in its Series H?",
            "xAI的E轮融资筹集了多少钱？", "xAI 每月燒錢多少？", "xAI 的月活躍用戶有多少？", "What is DeepPupil AI's latest valuation?",
            "How many employees does DeepPupil AI have?", "深瞳智能的B輪募資金額是多少？", "深瞳智能的B轮融资是多少？",
            "How much did Vela Systems raise in its Series A?", "What is Anthropic's latest valuation?", "Who is X?");

    @TempDir
    Path tmp;

    @Test
    void threadsAndOrderDoNotChangeAnyAnswer() throws IOException {
        List<Path> inputs = inputs();
        List<String> questions = questions();
        Settings settings = Settings.defaults().withEmbedder(Settings.NONE);

        Map<String, String> oneThread = answers(tmp.resolve("one"), settings, questions, v -> v.ingest(inputs, p -> { }, 1));
        Map<String, String> allCores = answers(tmp.resolve("all"), settings, questions, v -> v.ingest(inputs, p -> { }, 4));
        Map<String, String> shuffled = answers(tmp.resolve("shuffled"), settings, questions, v -> {
            List<RawItem> items = new ArrayList<>();
            FileSource source = new FileSource(items::add, f -> { }, f -> { });
            for (Path file : FileSource.expand(inputs, f -> { })) {
                source.read(file);
            }
            Collections.shuffle(items, new Random(42));
            for (int i = 0; i < items.size(); i += 3) {
                v.accept(items.subList(i, Math.min(items.size(), i + 3)));
            }
        });
        assertTrue(oneThread.values().stream().anyMatch(a -> a.contains("\"answered\":true")), "some questions are answered");
        for (String q : questions) {
            assertEquals(oneThread.get(q), allCores.get(q), "one thread and four threads answer differently: " + q);
            assertEquals(oneThread.get(q), shuffled.get(q), "sorted and shuffled input answer differently: " + q);
        }
    }

    /**
     * A name one document teaches applies to every document, earlier or later: the round of a company named only
     * in Chinese is found by its English name whether the document that pairs the two names came before it, after
     * it, or in the same batch.
     */
    @Test
    void aNameTaughtLaterAppliesToEarlierDocuments() throws IOException {
        RawItem round = item("r1", "泊岸智造完成C轮融资，金额为4亿美元，由多家产业基金参与。");
        RawItem teaches = item("t1", "泊岸智造（Quayside Robotics）宣布在宁波扩建第二座工厂。");
        String question = "How much did Quayside Robotics raise in its Series C?";
        List<String> answers = new ArrayList<>();
        int run = 0;
        for (List<List<RawItem>> batches : List.of(List.of(List.of(round), List.of(teaches)),
                List.of(List.of(teaches), List.of(round)), List.of(List.of(round, teaches)))) {
            try (Veritas v = Veritas.open(tmp.resolve("order-" + run++), Settings.defaults().withEmbedder(Settings.NONE))) {
                for (List<RawItem> batch : batches) {
                    v.accept(batch);
                }
                var a = v.ask(question);
                assertTrue(a.answered(), "order " + (run - 1) + ": " + a.answer());
                assertTrue(a.answer().contains("400 million"), a.answer());
                answers.add(JSON.writeValueAsString(a));
            }
        }
        assertEquals(answers.get(0), answers.get(1));
        assertEquals(answers.get(0), answers.get(2));
    }

    /** An alias goes away with the last document that teaches it, and the claims it named are read again. */
    @Test
    void anAliasIsUnlearnedWhenItsOnlyDocumentChanges() throws IOException {
        try (Veritas v = Veritas.open(tmp.resolve("unlearn"), Settings.defaults().withEmbedder(Settings.NONE))) {
            v.accept(List.of(item("r1", "泊岸智造完成C轮融资，金额为4亿美元，由多家产业基金参与。"),
                    item("t1", "泊岸智造（Quayside Robotics）宣布在宁波扩建第二座工厂。")));
            assertTrue(v.aliases().equivalents("quayside robotics").contains("泊岸智造"));
            assertTrue(v.ask("How much did Quayside Robotics raise in its Series C?").answered());
            v.accept(List.of(item("t1", "泊岸智造宣布在宁波扩建第二座工厂，不再提及英文名。")));
            assertTrue(v.index().learnedAliases().isEmpty(), v.index().learnedAliases().toString());
            assertEquals(java.util.Set.of("quayside robotics"), v.aliases().equivalents("quayside robotics"));
            assertTrue(!v.ask("How much did Quayside Robotics raise in its Series C?").answered(),
                    "the English name no longer leads to the Chinese round");
            // Read again without the pair, the round is still 泊岸智造's (its shape names it), and only under that name.
            assertEquals(1, v.index().claims(java.util.Set.of("泊岸智造"), "funding", 10).size());
            assertEquals(0, v.index().claims(java.util.Set.of("quayside robotics"), null, 10).size());
        }
    }

    private static RawItem item(String id, String text) {
        return new RawItem("test:" + id, null, io.veritas.ingest.Format.POST, text, id, null, null,
                java.time.Instant.parse("2026-05-04T00:00:00Z"), null, null, Map.of());
    }

    /** The two backends share the bookkeeping, records and query plan: the same documents, the same answers. */
    @Test
    void luceneAndOpenSearchGiveTheSameAnswers() throws IOException {
        List<Path> inputs = inputs();
        List<String> questions = questions();
        Settings lucene = Settings.defaults().withEmbedder(Settings.NONE);
        Settings openSearch = new Settings("opensearch", io.veritas.index.OpenSearchNode.url(), "parity-" + System.nanoTime(),
                Settings.NONE, null, null, null, null, null, null, null, null);
        Map<String, String> embedded = answers(tmp.resolve("lucene"), lucene, questions, v -> v.ingest(inputs, p -> { }));
        Map<String, String> cluster = answers(tmp.resolve("opensearch"), openSearch, questions, v -> v.ingest(inputs, p -> { }));
        for (String q : questions) {
            assertEquals(embedded.get(q), cluster.get(q), "Lucene and OpenSearch answer differently: " + q);
        }
    }

    private interface Load {
        void into(Veritas v) throws IOException;
    }

    private static Map<String, String> answers(Path data, Settings settings, List<String> questions, Load load) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Veritas v = Veritas.open(data, settings)) {
            load.into(v);
            v.index().refresh();
            for (String q : questions) {
                StringBuilder s = new StringBuilder(JSON.writeValueAsString(v.ask(q)));
                for (Hit h : v.search(SearchRequest.of(q, 10))) {
                    s.append('\n').append(h.source().docId()).append('#').append(h.ordinal()).append(' ').append(h.highlight());
                }
                out.put(q, s.toString());
            }
        }
        return out;
    }

    /** The samples, and the seed articles when ../shared is beside the project. */
    private static List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(SAMPLES));
        if (Files.isDirectory(SEEDS)) {
            inputs.add(SEEDS);
        }
        return inputs;
    }

    private static List<String> questions() throws IOException {
        List<String> out = new ArrayList<>(ANSWER_QUESTIONS);
        for (String line : Files.readAllLines(Path.of("src/test/resources/retrieval/questions.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length >= 3 && !cols[0].equals("id")) {
                out.add(cols[2]);
            }
        }
        return out;
    }
}
