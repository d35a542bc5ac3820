package io.veritas.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's question-answering set ({@code src/test/resources/qa}: 324 questions in the three scripts about
 * companies, funds and people that no lexicon holds, false premises included) through {@code veritas eval-qa}. The
 * floors are what the engine reaches today, a little below, so a change that loses answers fails here; the target
 * the issue sets (0.95) is recorded in BENCHMARKS.md with what is measured.
 */
class QaSetTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void ingest() {
        CliRun run = CliRun.of("ingest", "--data", data.toString(), "--embedder", "none", "samples", "src/test/resources/qa/documents");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void answersTheSetAboveItsFloors() {
        CliRun run = CliRun.of("eval-qa", "--data", data.toString(), "--misses", "src/test/resources/qa/questions.jsonl");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(accuracy(out, "all") >= 0.88, out);
        for (String lang : new String[]{"en", "zh-Hans", "zh-Hant"}) {
            assertTrue(accuracy(out, lang) >= 0.80, lang + "\n" + out);
        }
        assertTrue(figure(out, "citation precision ([0-9.]+)") >= 0.88, out);
        assertTrue(figure(out, "no-answer precision ([0-9.]+)") >= 0.75, out);
        assertTrue(figure(out, "recall ([0-9.]+) \\(") >= 0.85, out);
    }

    /**
     * The held-out set ({@code src/test/resources/qa-holdout}: 110 questions written by someone who had not seen the
     * code, after it): the same engine on documents it was not developed on. Its floor guards against changes that
     * only fit the development set.
     */
    @Test
    void answersTheHeldOutSetAboveItsFloor(@TempDir Path held) {
        CliRun ingest = CliRun.of("ingest", "--data", held.toString(), "--embedder", "none", "samples",
                "src/test/resources/qa-holdout/documents");
        assertEquals(0, ingest.exitCode(), ingest.err());
        CliRun run = CliRun.of("eval-qa", "--data", held.toString(), "--misses", "src/test/resources/qa-holdout/questions.jsonl");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(accuracy(run.out(), "all") >= 0.76, run.out());
        assertTrue(figure(run.out(), "recall ([0-9.]+) \\(") >= 0.85, run.out());
    }

    @Test
    void aBadLineIsNamedWithWhatToDo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("qs.jsonl");
        Files.writeString(file, "{\"question\":\"Who?\",\"lang\":\"en\",\"answers\":[\"x\"]}\n{\"question\":\"Where?\",\"lang\":\"fr\"}\n",
                StandardCharsets.UTF_8);
        CliRun run = CliRun.of("eval-qa", "--data", data.toString(), file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("qs.jsonl:2") && run.err().contains("'lang'") && run.err().contains("zh-Hant"), run.err());
    }

    private static double accuracy(String out, String group) {
        return figure(out, "(?m)^" + Pattern.quote(group) + "\\s+\\d+ questions\\s+accuracy ([0-9.]+)");
    }

    private static double figure(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), regex + " not in\n" + out);
        return Double.parseDouble(m.group(1));
    }
}
