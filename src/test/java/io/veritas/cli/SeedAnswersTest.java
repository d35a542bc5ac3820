package io.veritas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Drives the CLI over the real seed articles in ../shared/corpus/seeds (skipped when that folder is absent). */
class SeedAnswersTest {
    static final Path SEEDS = Path.of("..", "shared", "corpus", "seeds");

    @TempDir
    static Path data;

    @BeforeAll
    static void ingestSeeds() {
        assumeTrue(Files.isDirectory(SEEDS), "../shared/corpus/seeds is not present");
        CliRun run = CliRun.of("ingest", "--data", data.toString(), SEEDS.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("5 added"), run.out());
    }

    static JsonNode ask(String question) {
        CliRun run = CliRun.of("ask", "--data", data.toString(), "--json", question);
        assertEquals(0, run.exitCode(), run.err());
        return run.json();
    }

    static List<String> citedFiles(JsonNode answer) {
        List<String> files = new ArrayList<>();
        for (JsonNode c : answer.get("citations")) {
            files.add(Path.of(c.get("path").asText()).getFileName().toString());
        }
        return files;
    }

    @Test
    void latestValuationIsTheSeriesEValuationWithItsTimeline() {
        JsonNode a = ask("What is xAI's latest valuation?");
        assertEquals("en", a.get("language").asText());
        assertTrue(a.get("answered").asBoolean());
        assertTrue(a.get("answer").asText().contains("US$230 billion"), a.get("answer").asText());
        assertTrue(a.get("answer").asText().contains("January 6, 2026"), a.get("answer").asText());
        JsonNode head = a.get("facts").get(0);
        assertEquals(2.3e11, head.get("value").asDouble());
        assertEquals("USD", head.get("unit").asText());
        assertEquals("current", head.get("status").asText());
        assertEquals("2026-01-06", head.get("asOf").asText());
        boolean superseded80bn = false;
        for (JsonNode f : a.get("facts")) {
            superseded80bn |= f.get("value").asDouble() == 8e10 && f.get("status").asText().equals("superseded")
                    && f.get("asOf").asText().equals("2025-03-31");
        }
        assertTrue(superseded80bn, "the US$80 billion valuation of Q1 2025 is shown as superseded: " + a);
        for (JsonNode f : a.get("facts")) {
            assertFalse(f.get("by").isEmpty(), "every fact says who states it: " + f);
        }
        assertFalse(a.get("sources").isEmpty(), a.toString());
        List<String> files = citedFiles(a);
        assertTrue(files.contains("004_428c75b8c0fd5639.txt"), files.toString());
        assertTrue(files.contains("002_ff1f80c7c43b12f5.txt"), files.toString());
        for (JsonNode c : a.get("citations")) {
            assertFalse(c.get("quote").asText().isBlank());
        }
    }

    @Test
    void seriesEAmountIsAnsweredInSimplifiedChineseWithBothSources() {
        JsonNode a = ask("xAI的E轮融资筹集了多少钱？");
        assertEquals("zh-Hans", a.get("language").asText());
        assertTrue(a.get("answered").asBoolean());
        String text = a.get("answer").asText();
        assertTrue(text.contains("200亿美元"), text);
        assertTrue(text.contains("2026年1月6日"), text);
        assertFalse(text.contains("億"), "no Traditional characters in a Simplified answer: " + text);
        JsonNode head = a.get("facts").get(0);
        assertEquals(2e10, head.get("value").asDouble());
        assertEquals("Series E", head.get("qualifier").asText());
        List<String> files = citedFiles(a);
        assertTrue(files.contains("002_ff1f80c7c43b12f5.txt") && files.contains("004_428c75b8c0fd5639.txt"), files.toString());
        assertTrue(a.get("citations").get(0).get("quote").asText().contains("200"));
    }

    @Test
    void monthlyBurnIsAnsweredInTraditionalChinese() {
        JsonNode a = ask("xAI 每月燒錢多少？");
        assertEquals("zh-Hant", a.get("language").asText());
        assertTrue(a.get("answered").asBoolean());
        String text = a.get("answer").asText();
        assertTrue(text.contains("10億美元") && text.contains("每月"), text);
        assertFalse(text.contains("亿"), "no Simplified characters in a Traditional answer: " + text);
        JsonNode head = a.get("facts").get(0);
        assertEquals(1e9, head.get("value").asDouble());
        assertEquals("USD/month", head.get("unit").asText());
        List<String> files = citedFiles(a);
        assertTrue(files.contains("003_e55724a0a1ce45c3.txt") && files.contains("004_428c75b8c0fd5639.txt"), files.toString());
    }

    @Test
    void monthlyActiveUsersAreCountedNotPriced() {
        JsonNode a = ask("xAI 的月活躍用戶有多少？");
        assertTrue(a.get("answered").asBoolean(), a.toString());
        assertEquals(6e8, a.get("facts").get(0).get("value").asDouble());
        assertEquals("users", a.get("facts").get(0).get("unit").asText());
        assertTrue(a.get("answer").asText().startsWith("xAI有6億用戶"), a.get("answer").asText());
    }

    @Test
    void aRoundTheCorpusDoesNotMentionIsNotAnswered() {
        JsonNode a = ask("How much did xAI raise in its Series H?");
        assertFalse(a.get("answered").asBoolean());
        assertEquals(0, a.get("facts").size());
        assertEquals(0, a.get("citations").size());
        assertTrue(a.get("answer").asText().contains("Series H"), a.get("answer").asText());
    }

    @Test
    void anUnknownCompanyIsNotAnswered() {
        JsonNode a = ask("What is Anthropic's latest valuation?");
        assertFalse(a.get("answered").asBoolean());
        assertEquals(0, a.get("facts").size());
    }

    @Test
    void suggestionsAreAnswerable() {
        JsonNode a = ask("What is xAI's latest valuation?");
        assertTrue(a.get("suggestions").size() > 0);
        for (JsonNode s : a.get("suggestions")) {
            assertTrue(ask(s.asText()).get("answered").asBoolean(), "suggested but unanswerable: " + s);
        }
    }

    @Test
    void cleanedPassagesHoldNoCssFooterOrWireHeader() {
        CliRun run = CliRun.of("search", "--data", data.toString(), "--json", "--limit", "200", "xAI 马斯克 融资 估值 OpenAI");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode hits = run.json().get("hits");
        assertTrue(hits.size() > 10);
        for (JsonNode h : hits) {
            String t = h.get("text").asText();
            for (String junk : List.of("weui", "rgba(", "{", "公网安备", "新聞中心 2026", "排版", "校对")) {
                assertFalse(t.contains(junk), "'" + junk + "' left in passage: " + t);
            }
            for (String field : List.of("id", "path", "url", "title", "published", "language", "score", "text")) {
                assertTrue(h.has(field), field + " missing from hit " + h);
            }
        }
    }

    @Test
    void xaisValuationIsATimelineFromEighteenBillionToTheCurrentTwoHundredAndThirty() {
        CliRun run = CliRun.of("timeline", "--data", data.toString(), "--json", "xAI", "valuation");
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> points = new ArrayList<>();
        run.json().get("points").forEach(points::add);
        assertFalse(points.isEmpty(), run.out());
        JsonNode first = points.get(0);
        JsonNode last = points.get(points.size() - 1);
        assertEquals(18e9, first.get("value").asDouble(), run.out());
        assertEquals("2024-05", first.get("asOf").asText().substring(0, 7));
        assertEquals(2.3e11, last.get("value").asDouble(), run.out());
        assertEquals("2026-01", last.get("asOf").asText().substring(0, 7));
        assertEquals("current", last.get("status").asText());
        assertTrue(points.stream().anyMatch(p -> p.get("asOf").asText().equals("2024-12-31") && p.get("value").asDouble() == 5.1e10
                && p.get("status").asText().equals("superseded")), "the year-end 2024 value lies in between: " + run.out());
        assertEquals(1, points.stream().filter(p -> p.get("status").asText().equals("current")).count(), run.out());
    }
}
