package io.veritas.cli;

import io.veritas.Settings;
import io.veritas.Veritas;
import io.veritas.index.OpenSearchNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The retrieval question set (81 questions, a third each in en, zh-Hans, zh-Hant, many across languages or
 * scripts) over the samples and the seeds, ranked by words, by meaning and by both, on the embedded index and on a
 * real OpenSearch node. The floors are what this version measured, so a regression fails; BENCHMARKS.md has the
 * figures.
 */
class RetrievalEvalTest {
    @TempDir
    Path data;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lucene", "opensearch"})
    void crossLanguageRetrievalFindsTheEvidence(String backend) throws Exception {
        Path seeds = Path.of("..", "shared", "corpus", "seeds");
        assumeTrue(Files.isDirectory(seeds));
        List<EvalCommand.Question> questions = EvalCommand.read(Path.of("src/test/resources/retrieval/questions.tsv"));
        Settings settings = backend.equals("lucene") ? Settings.defaults()
                : new Settings("opensearch", OpenSearchNode.url(), "retrieval-eval", null, null, null, null, null, null, null, null);
        try (Veritas veritas = Veritas.open(data, settings)) {
            veritas.ingest(List.of(Path.of("samples"), seeds), p -> { });
            Map<String, EvalCommand.Score> expanded = EvalCommand.evaluate(veritas, questions, 10, "lexical", new ArrayList<>());
            Map<String, EvalCommand.Score> plain = EvalCommand.evaluate(veritas, questions, 10, "plain", new ArrayList<>());
            assertTrue(expanded.get("all").recall() >= 0.75, "recall@10 " + expanded);
            assertTrue(expanded.get("all").mrr() >= 0.60, "MRR " + expanded);
            assertTrue(expanded.get("en").recall() > plain.get("en").recall() + 0.15,
                    "English questions over Chinese evidence need the expansion: " + expanded.get("en") + " vs " + plain.get("en"));

            assertTrue(veritas.embedPending(n -> { }) > 100);
            Map<String, EvalCommand.Score> dense = EvalCommand.evaluate(veritas, questions, 10, "dense", new ArrayList<>());
            Map<String, EvalCommand.Score> hybrid = EvalCommand.evaluate(veritas, questions, 10, "hybrid", new ArrayList<>());
            assertTrue(dense.get("zh-Hant").recall() >= 0.55 && dense.get("zh-Hans").recall() >= 0.55, "dense " + dense);
            assertTrue(hybrid.get("all").recall() >= expanded.get("all").recall(), "hybrid " + hybrid + " vs lexical " + expanded);
            assertTrue(hybrid.get("all").mrr() >= expanded.get("all").mrr(), "hybrid " + hybrid + " vs lexical " + expanded);
            System.out.printf("retrieval on %s: plain %s%n  lexical %s%n  dense %s%n  hybrid %s%n", backend, plain, expanded, dense, hybrid);
        }
    }
}
