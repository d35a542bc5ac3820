package io.veritas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void badInputsGetOneLineErrorsNamingTheFileWhileTheRestIsIngested() throws Exception {
        write("empty.txt", "");
        Path binary = dir.resolve("in").resolve("image.png");
        Files.write(binary, new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3, 0, 0});
        write("posts.jsonl", """
                {"id": "a1", "text": "Acme Robotics raised $30 million in its Series A, the company said.", "published": "2026-02-01T10:00:00Z"}
                {"id": "a2", "text": "broken line
                {"id": "a3", "text": "深瞳智能（DeepPupil AI）完成B轮融资3亿美元。", "published": "2026-03-10T10:00:00+08:00"}
                """);
        write("good.md", "---\ntitle: Note\ndate: 2026-01-02\n---\n\nSomething happened on the market today.\n");
        Path data = dir.resolve("data");
        CliRun run = CliRun.of("ingest", "--data", data.toString(), dir.resolve("in").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("3 added"), run.out());
        String err = run.err();
        assertTrue(err.contains("empty.txt: the file is empty"), err);
        assertTrue(err.contains("image.png: this is a binary file"), err);
        assertTrue(err.contains("posts.jsonl:2: malformed JSON"), err);
        assertFalse(err.contains("Exception"), "no stack trace reaches the user: " + err);
        assertFalse(err.contains("\tat "), "no stack trace reaches the user: " + err);
        for (String line : err.split("\n")) {
            assertTrue(line.length() < 400, "one line per problem: " + line);
        }
        JsonNode a = CliRun.of("ask", "--data", data.toString(), "--json", "How much did DeepPupil AI raise in its Series B?").json();
        assertTrue(a.get("answered").asBoolean(), a.toString());
        assertEquals(3e8, a.get("facts").get(0).get("value").asDouble());
    }

    @Test
    void reingestingCountsDuplicatesAndAChangedFileAsUpdated() throws Exception {
        Path file = write("note.txt", "Acme Robotics raised $30 million in its Series A on 2026-02-01.\n");
        Path data = dir.resolve("data");
        assertTrue(CliRun.of("ingest", "--data", data.toString(), file.toString()).out().contains("1 added"));
        assertTrue(CliRun.of("ingest", "--data", data.toString(), file.toString()).out().contains("1 duplicates"));
        Files.writeString(file, "Acme Robotics raised $35 million in its Series A on 2026-02-01.\n");
        CliRun third = CliRun.of("ingest", "--data", data.toString(), file.toString());
        assertTrue(third.out().contains("1 updated"), third.out());
        JsonNode a = CliRun.of("ask", "--data", data.toString(), "--json", "How much did Acme Robotics raise in its Series A?").json();
        assertEquals(3.5e7, a.get("facts").get(0).get("value").asDouble(), a.toString());
        assertEquals(1, a.get("facts").size(), "the old version is gone: " + a);
    }

    @Test
    void copiesOfOneStoryCountOnceAsEvidence() throws Exception {
        String story = "Orbital Robotics has closed its Series B at $300 million, the company said on Monday, "
                + "and the round was led by Harbor Peak Capital.";
        write("posts.jsonl", String.join("\n",
                "{\"id\": \"o1\", \"published\": \"2026-02-02T10:00:00Z\", \"text\": \"" + story + "\"}",
                "{\"id\": \"o2\", \"published\": \"2026-02-02T11:00:00Z\", \"text\": \"RT @desk: " + story + "\"}",
                "{\"id\": \"o3\", \"published\": \"2026-02-03T09:00:00Z\", \"text\": \"Orbital Robotics raised $300 million "
                        + "in a Series B round, according to a filing seen by reporters this week.\"}"));
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("ingest", "--data", data.toString(), dir.resolve("in").toString()).exitCode());
        JsonNode a = CliRun.of("ask", "--data", data.toString(), "--json", "How much did Orbital Robotics raise in its Series B?").json();
        JsonNode fact = a.get("facts").get(0);
        assertEquals(3, fact.get("sources").size(), "every copy is kept as a source: " + a);
        assertTrue(a.get("answer").asText().contains("2 sources"), "but the repost is not independent: " + a.get("answer"));
    }

    @Test
    void anOlderDataFolderIsRefusedWithWhatToDo() throws Exception {
        Path data = dir.resolve("old");
        Files.createDirectories(data);
        Files.writeString(data.resolve("manifest.json"), "{\"format\": \"veritas-data\", \"schemaVersion\": 1}");
        CliRun run = CliRun.of("ingest", "--data", data.toString(), write("n.txt", "Some text.").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("schema version 1") && run.err().contains("re-ingest"), run.err());
    }

    @Test
    void askingAnEmptyDataFolderSaysWhatToDo() {
        CliRun run = CliRun.of("ask", "--data", dir.resolve("nothing").toString(), "What is xAI's valuation?");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("ingest documents first"), run.err());
    }

    @Test
    void aMissingPathIsReported() {
        CliRun run = CliRun.of("ingest", "--data", dir.resolve("data").toString(), dir.resolve("nope").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("nope: no such file or folder"), run.err());
    }

    @Test
    void searchEscapesHighlightsForHtmlAndPrintsPlainTextInTheTerminal() throws Exception {
        Path data = dir.resolve("data");
        write("note.txt", "Gannet Tools said its quarterly report & a <script> tag in a test string are odd.\n");
        assertEquals(0, CliRun.of("ingest", "--data", data.toString(), "--vectors", "later", dir.resolve("in").toString()).exitCode());
        JsonNode hit = CliRun.of("search", "--data", data.toString(), "--json", "Gannet").json().get("hits").get(0);
        assertTrue(hit.get("text").asText().contains("a <script> tag"), hit.toString());
        String highlight = hit.get("highlight").asText();
        assertTrue(highlight.contains("<b>Gannet</b>") && highlight.contains("quarterly report &amp; a "
                + "&lt;script&gt; tag"), highlight);
        CliRun human = CliRun.of("search", "--data", data.toString(), "Gannet");
        assertTrue(human.out().contains("\u00abGannet\u00bb Tools said its quarterly report & a <script> tag"),
                human.out());
    }
}
