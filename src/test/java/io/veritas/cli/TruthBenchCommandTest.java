package io.veritas.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code veritas bench truth} as a subcommand of {@code bench}, which keeps taking PATHs. */
class TruthBenchCommandTest {
    @Test
    void printsPrecisionAsTheLastLine() {
        assumeTrue(Files.isDirectory(Path.of("../shared/bench/truth/book")), "benchmark data absent, skipped");
        CliRun run = CliRun.of("bench", "truth", "--dataset", "book", "--method", "vote");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("precision 0\\.\\d{4}"), run.out());
        assertTrue(run.out().contains("peak heap"), run.out());
    }

    @Test
    void aMissingDataFolderSaysWhatToDo() {
        CliRun run = CliRun.of("bench", "truth", "--dataset", "flight", "--data-dir", "no/such/folder");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not a folder: point it at the folder that holds flight/, book/ and population/"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void anUnknownDataSetIsRefusedWithTheChoices() {
        CliRun run = CliRun.of("bench", "truth", "--dataset", "stock");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--dataset must be flight, book or population"), run.err());
    }

    @Test
    void benchWithoutPathsStillAsksForThem() {
        CliRun run = CliRun.of("bench");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required parameter: 'PATH'"), run.err());
    }
}
