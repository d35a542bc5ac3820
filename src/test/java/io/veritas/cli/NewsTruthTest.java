package io.veritas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.veritas.index.OpenSearchNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The truth engine in news answering, end to end through {@code ask --json} and {@code timeline --json}, on both
 * backends: a valuation's history with its current value, a syndicated wrong figure that three outlets copy against
 * two independent sources, talks and "up to" figures (in English and 最高可達) that stay reported beside a round's
 * target and its result, and two independent sources that disagree. Every company, person and outlet in
 * {@code truth/news.jsonl} is invented for this test.
 */
class NewsTruthTest {
    @TempDir
    static Path tmp;

    private static final Map<String, Path> DATA = new HashMap<>();

    private static synchronized Path data(String backend) {
        return DATA.computeIfAbsent(backend, b -> {
            Path dir = tmp.resolve(b);
            List<String> args = new ArrayList<>(List.of("ingest", "--data", dir.toString(), "--embedder", "none"));
            if (b.equals("opensearch")) {
                args.addAll(List.of("--backend", "opensearch", "--opensearch", OpenSearchNode.url(),
                        "--opensearch-index", "news-truth-" + System.nanoTime()));
            }
            args.add(Path.of("src/test/resources/truth/news.jsonl").toString());
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("16 added"), run.out());
            return dir;
        });
    }

    private static JsonNode ask(String backend, String question) {
        CliRun run = CliRun.of("ask", "--data", data(backend).toString(), "--json", question);
        assertEquals(0, run.exitCode(), run.err());
        return run.json();
    }

    private static List<JsonNode> facts(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>();
        answer.get("facts").forEach(out::add);
        return out;
    }

    private static JsonNode factOf(JsonNode answer, double value) {
        return facts(answer).stream().filter(f -> f.get("value").asDouble() == value).findFirst()
                .orElseThrow(() -> new AssertionError("no fact of " + value + " in " + answer.toPrettyString()));
    }

    @org.junit.jupiter.api.Test
    void aFigurePostedToARunningEngineIsJudgedAtOnceAndMovesTheVerdict() throws Exception {
        try (io.veritas.Veritas v = io.veritas.Veritas.open(tmp.resolve("live"), io.veritas.Settings.defaults().withEmbedder("none"))) {
            v.ingest(List.of(Path.of("src/test/resources/truth/news.jsonl")), p -> { });
            io.veritas.answer.Answer before = v.ask("How much did Helmfrost raise in its Series A?");
            assertEquals("disputed", before.facts().get(0).status(), before.toString());
            v.accept(List.of(io.veritas.ingest.JsonPosts.parse("test", null, """
                    {"id": "h-3", "published": "2026-07-09T09:00:00Z", "url": "https://ninthwave.example.com/helmfrost-filing",
                     "text": "A state filing shows that Helmfrost raised $55 million in its Series A, with Pellucid Capital as the largest investor."}
                    """)));
            io.veritas.answer.Answer after = v.ask("How much did Helmfrost raise in its Series A?");
            io.veritas.answer.FactView head = after.facts().get(0);
            assertEquals(55e6, head.value(), after.toString());
            assertEquals(List.of("ninthwave.example.com", "storagebrief.example.io"),
                    head.by().stream().map(io.veritas.answer.SourceView::source).sorted().toList(), after.toString());
            assertTrue(v.sources().stream().anyMatch(r -> r.source().equals("ninthwave.example.com")),
                    "the new source has a reliability: " + v.sources());
        }
    }

    @org.junit.jupiter.api.Test
    void aStreamInAnyOrderSettlesOnTheAnswersOfOneBatch() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("src/test/resources/truth/news.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        List<String> questions = List.of("How much did Vantor Grid raise in its Series B?", "How much did Helmfrost raise in its Series A?",
                "What is Quillon Robotics' latest valuation?", "How much did Ostrava Labs raise in its Series C?");
        List<String> settled = new ArrayList<>();
        for (boolean reversed : new boolean[] {false, true}) {
            List<String> order = new ArrayList<>(lines);
            if (reversed) {
                java.util.Collections.reverse(order);
            }
            try (io.veritas.Veritas v = io.veritas.Veritas.open(tmp.resolve("stream-" + reversed),
                    io.veritas.Settings.defaults().withEmbedder("none"))) {
                for (String line : order) {
                    v.accept(List.of(io.veritas.ingest.JsonPosts.parse("stream", null, line)));
                    v.ask(questions.get(0)); // each question takes in what arrived since the last one
                }
                Thread.sleep(io.veritas.answer.TruthKeeper.RESCAN_NANOS / 1_000_000 + 200);
                v.ask(questions.get(1)); // the first question after a quiet spell re-estimates everything
                StringBuilder all = new StringBuilder();
                for (String q : questions) {
                    io.veritas.answer.Answer a = v.ask(q);
                    all.append(io.veritas.api.Json.MAPPER.writeValueAsString(List.of(a.answer(), a.facts(), a.sources()))).append('\n');
                }
                settled.add(all.toString());
            }
        }
        StringBuilder batch = new StringBuilder();
        try (io.veritas.Veritas v = io.veritas.Veritas.openReadOnly(tmp.resolve("stream-false"))) {
            for (String q : questions) {
                io.veritas.answer.Answer a = v.ask(q);
                batch.append(io.veritas.api.Json.MAPPER.writeValueAsString(List.of(a.answer(), a.facts(), a.sources()))).append('\n');
            }
        }
        assertEquals(settled.get(0), settled.get(1), "the order the posts arrived in does not matter once the stream pauses");
        assertEquals(batch.toString(), settled.get(0), "and a streamed corpus answers as the same corpus opened afresh");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void aValuationComesBackAsATimelineWithTheNewestValueCurrent(String backend) {
        JsonNode a = ask(backend, "What is Quillon Robotics' latest valuation?");
        assertTrue(a.get("answered").asBoolean(), a.toPrettyString());
        JsonNode head = a.get("facts").get(0);
        assertEquals(12e9, head.get("value").asDouble(), a.toPrettyString());
        assertEquals("current", head.get("status").asText());
        assertEquals("superseded", factOf(a, 4e9).get("status").asText());
        assertEquals("superseded", factOf(a, 1.5e9).get("status").asText());
        assertTrue(a.get("answer").asText().contains("US$12 billion"), a.get("answer").asText());
        List<String> history = new ArrayList<>();
        a.get("timeline").forEach(p -> history.add(p.get("value").asDouble() + " " + p.get("status").asText()));
        assertEquals(List.of("1.5E9 superseded", "4.0E9 superseded", "1.2E10 current"), history, "ask --json carries the timeline");

        CliRun run = CliRun.of("timeline", "--data", data(backend).toString(), "--json", "Quillon Robotics", "valuation");
        assertEquals(0, run.exitCode(), run.err());
        List<String> points = new ArrayList<>();
        for (JsonNode p : run.json().get("points")) {
            points.add(p.get("asOf").asText().substring(0, 7) + " " + p.get("value").asDouble() + " " + p.get("status").asText());
            assertFalse(p.get("sources").isEmpty(), p.toString());
        }
        assertEquals(List.of("2024-05 1.5E9 superseded", "2024-12 4.0E9 superseded", "2026-01 1.2E10 current"), points);

        CliRun text = CliRun.of("timeline", "--data", data(backend).toString(), "Quillon Robotics", "估值");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("current") && text.out().contains("US$12 billion"), text.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void aSyndicatedWrongFigureDoesNotOutvoteTwoIndependentSources(String backend) {
        JsonNode a = ask(backend, "How much did Vantor Grid raise in its Series B?");
        assertTrue(a.get("answered").asBoolean(), a.toPrettyString());
        JsonNode head = a.get("facts").get(0);
        assertEquals(65e6, head.get("value").asDouble(), "three copies of one wire story count once: " + a.toPrettyString());
        assertEquals("current", head.get("status").asText(), a.toPrettyString());
        JsonNode wire = factOf(a, 90e6);
        assertNotEquals("current", wire.get("status").asText());
        assertEquals(3, wire.get("sources").size(), "all three copies are still cited: " + wire);
        assertTrue(head.get("confidence").asDouble() > wire.get("confidence").asDouble(), a.toPrettyString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void talksAndUpToFiguresAreReportedAndATargetIsNotAConflict(String backend) {
        JsonNode a = ask(backend, "How much did Ostrava Labs raise in its Series C?");
        assertTrue(a.get("answered").asBoolean(), a.toPrettyString());
        JsonNode head = a.get("facts").get(0);
        assertEquals(250e6, head.get("value").asDouble(), a.toPrettyString());
        assertEquals("current", head.get("status").asText());
        assertEquals("target", factOf(a, 200e6).get("status").asText());
        JsonNode talks = factOf(a, 300e6);
        assertEquals("reported", talks.get("status").asText(), "in talks, up to and 最高可達 are never done: " + talks);
        assertEquals(2, talks.get("sources").size(), "the English and the Traditional Chinese report: " + talks);
        for (JsonNode f : a.get("facts")) {
            assertNotEquals("disputed", f.get("status").asText(), "a target and talks are not a conflict: " + a.toPrettyString());
        }
        String text = a.get("answer").asText();
        assertTrue(text.contains("US$250 million") && text.contains("target was US$200 million"), text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void twoIndependentSourcesThatDisagreeAreBothShownWithTheirReliability(String backend) {
        JsonNode a = ask(backend, "How much did Helmfrost raise in its Series A?");
        assertTrue(a.get("answered").asBoolean(), a.toPrettyString());
        for (double value : new double[] {40e6, 55e6}) {
            JsonNode f = factOf(a, value);
            assertEquals("disputed", f.get("status").asText(), a.toPrettyString());
            assertEquals(1, f.get("by").size(), f.toString());
            JsonNode by = f.get("by").get(0);
            assertNotNull(by.get("reliability").numberValue(), by.toString());
            assertTrue(by.get("reliability").asDouble() > 0 && by.get("reliability").asDouble() < 1, by.toString());
        }
        assertEquals(List.of("ledgerline.example.com", "storagebrief.example.io"),
                facts(a).stream().filter(f -> f.get("status").asText().equals("disputed"))
                        .map(f -> f.get("by").get(0).get("source").asText()).sorted().toList());
        String text = a.get("answer").asText();
        assertTrue(text.contains("disagree") && text.contains("US$40 million") && text.contains("US$55 million")
                && text.contains("ledgerline.example.com") && text.contains("storagebrief.example.io"), text);
        assertTrue(a.get("sources").size() >= 2, a.toPrettyString());
    }
}
