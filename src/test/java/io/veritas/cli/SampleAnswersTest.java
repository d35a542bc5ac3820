package io.veritas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the CLI over the bundled samples: every format, a disagreement and a superseded figure. */
class SampleAnswersTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void ingestSamples() {
        CliRun run = CliRun.of("ingest", "--data", data.toString(), "samples");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("23 added"), run.out());
        assertFalse(run.err().contains("failed"), run.err());
    }

    static JsonNode ask(String question) {
        CliRun run = CliRun.of("ask", "--data", data.toString(), "--json", question);
        assertEquals(0, run.exitCode(), run.err());
        return run.json();
    }

    @Test
    void disagreeingSourcesAreBothReported() {
        JsonNode a = ask("深瞳智能的B輪募資金額是多少？");
        assertEquals("zh-Hant", a.get("language").asText());
        assertTrue(a.get("answered").asBoolean());
        String text = a.get("answer").asText();
        assertTrue(text.contains("3億美元") && text.contains("2.5億美元"), text);
        int disputed = 0;
        for (JsonNode f : a.get("facts")) {
            if (f.get("status").asText().equals("disputed")) {
                disputed++;
            }
        }
        assertEquals(2, disputed, a.toString());
    }

    @Test
    void aLaterFigureSupersedesAnEarlierOne() {
        JsonNode a = ask("What is DeepPupil AI's latest valuation?");
        assertTrue(a.get("answered").asBoolean(), a.toString());
        JsonNode head = a.get("facts").get(0);
        assertEquals(2e9, head.get("value").asDouble());
        assertEquals("current", head.get("status").asText());
        JsonNode older = a.get("facts").get(1);
        assertEquals(1.2e9, older.get("value").asDouble());
        assertEquals("superseded", older.get("status").asText());
        assertTrue(a.get("answer").asText().contains("US$2 billion"), a.get("answer").asText());
        assertTrue(a.get("answer").asText().contains("US$1.2 billion"), a.get("answer").asText());
    }

    @Test
    void headCountsAreFiguresToo() {
        JsonNode a = ask("How many employees does DeepPupil AI have?");
        assertTrue(a.get("answered").asBoolean(), a.toString());
        assertEquals(420.0, a.get("facts").get(0).get("value").asDouble());
        assertEquals("employees", a.get("facts").get(0).get("unit").asText());
        assertTrue(a.get("answer").asText().contains("about 420 employees"), a.get("answer").asText());
    }

    @Test
    void englishQuestionFindsFiguresWrittenInChinese() {
        JsonNode a = ask("How much did xAI raise in its Series E?");
        assertTrue(a.get("answered").asBoolean());
        assertTrue(a.get("answer").asText().contains("US$20 billion"), a.get("answer").asText());
        boolean chineseSource = false;
        for (JsonNode c : a.get("citations")) {
            chineseSource |= c.get("language").asText().startsWith("zh");
        }
        assertTrue(chineseSource, "Chinese sources count for an English question: " + a);
    }

    @Test
    void searchReturnsPassagesExactlyAsIndexed() {
        CliRun run = CliRun.of("search", "--data", data.toString(), "--json", "深瞳智能 估值");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode hits = run.json().get("hits");
        assertTrue(hits.size() > 0);
        assertTrue(hits.get(0).get("text").asText().contains("深瞳"), hits.get(0).toString());
        CliRun human = CliRun.of("search", "--data", data.toString(), "深瞳智能 估值");
        assertTrue(human.out().contains("深瞳"), human.out());
    }

    @Test
    void searchCrossesLanguagesFiltersAndHighlights() {
        JsonNode hits = CliRun.of("search", "--data", data.toString(), "--json", "--limit", "5", "How much did DeepPupil AI raise?").json().get("hits");
        assertTrue(hits.get(0).get("language").asText().startsWith("zh"), "Chinese evidence for an English question: " + hits);
        assertTrue(hits.get(0).get("highlight").asText().contains("<b>"), hits.get(0).toString());
        JsonNode hant = CliRun.of("search", "--data", data.toString(), "--json", "--lang", "zh-Hant", "深瞳智能").json().get("hits");
        assertTrue(hant.size() > 0);
        for (JsonNode h : hant) {
            assertEquals("zh-Hant", h.get("language").asText());
        }
        JsonNode recent = CliRun.of("search", "--data", data.toString(), "--json", "--from", "2026-09-01", "深瞳智能 估值").json().get("hits");
        assertTrue(recent.size() > 0);
        for (JsonNode h : recent) {
            assertTrue(h.get("published").asText().compareTo("2026-09-01") >= 0, h.toString());
        }
        JsonNode byAuthor = CliRun.of("search", "--data", data.toString(), "--json", "--author", "@aifundingdesk", "xAI").json().get("hits");
        assertEquals(1, byAuthor.size(), byAuthor.toString());
        assertEquals("p-1006", byAuthor.get(0).get("id").asText());
        JsonNode bySource = CliRun.of("search", "--data", data.toString(), "--json", "--source", "techfront.example.tw", "深瞳智能").json().get("hits");
        assertTrue(bySource.size() > 0);
        for (JsonNode h : bySource) {
            assertTrue(h.get("url").asText().contains("techfront.example.tw"), h.toString());
        }
        JsonNode nothing = CliRun.of("search", "--data", data.toString(), "--json", "zqxwvnomatch").json().get("hits");
        assertEquals(0, nothing.size(), "a word no passage holds finds nothing: " + nothing);
        CliRun bad = CliRun.of("search", "--data", data.toString(), "--from", "yesterday", "xAI");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--from 'yesterday' is not a date"), bad.err());
    }

    @Test
    void readableAnswerShowsFactsSourcesAndSuggestions() {
        CliRun run = CliRun.of("ask", "--data", data.toString(), "What is xAI's latest valuation?");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Sources:"), run.out());
        assertTrue(run.out().contains("current"), run.out());
        assertTrue(run.out().contains("You could also ask:"), run.out());
    }
}
