package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.index.Hit;
import io.veritas.index.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Retrieval quality over a question set: for each question, the top {@code k} passages of {@code search} are
 * compared with the question's relevant passages ({@code file#snippet}: a passage from that file containing
 * the snippet). Prints recall@k (relevant passages found among the top k, out of the relevant ones or k when there
 * are more) and MRR (1 / rank of the first relevant passage), overall and per question language, for each ranking
 * asked for: {@code lexical} (BM25 with cross-language expansion), {@code dense} (passage vectors), {@code hybrid}
 * (both fused), or {@code plain} (BM25 over the question's own words, no expansion).
 */
@Command(name = "eval", description = "Measure retrieval quality (recall@k, MRR) on a question set (TSV: id, lang, question, relevant).")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "-k", defaultValue = "10", description = "Passages per question. Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--misses", description = "List the questions whose relevant passages were not all found.")
    boolean misses;

    @Option(names = "--mode", split = ",", defaultValue = "hybrid", paramLabel = "MODE",
            description = "Rankings to score, comma-separated: plain (BM25, no expansion), lexical, dense, hybrid, or all. Default: ${DEFAULT-VALUE}")
    List<String> modes;

    @Parameters(paramLabel = "QUESTIONS", description = "The question set, e.g. src/test/resources/retrieval/questions.tsv")
    Path questions;

    @Spec
    CommandSpec spec;

    /** One question with its relevant passages. */
    record Question(String id, String lang, String text, List<String[]> relevant) {
    }

    /** Recall@k and MRR of one group of questions. */
    record Score(int questions, double recall, double mrr) {
    }

    static List<Question> read(Path file) throws IOException {
        List<Question> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (lineNo == 1 || line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 4) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected 4 tab-separated columns (id, lang, question, relevant)");
            }
            List<String[]> relevant = new ArrayList<>();
            for (String target : cols[3].split(" \\| ")) {
                int hash = target.indexOf('#');
                if (hash < 0) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": relevant target '" + target + "' is not file#snippet");
                }
                relevant.add(new String[]{target.substring(0, hash).strip(), target.substring(hash + 1).strip()});
            }
            out.add(new Question(cols[0], cols[1], cols[2], relevant));
        }
        return out;
    }

    /** Scores questions against an engine; {@code misses} collects a line per question that missed something. */
    static Map<String, Score> evaluate(Veritas veritas, List<Question> questions, int k, String mode, List<String> misses) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Question q : questions) {
            List<Hit> hits = rank(veritas, q.text(), k, mode);
            int found = 0;
            double reciprocal = 0;
            for (String[] target : q.relevant()) {
                for (int rank = 0; rank < hits.size(); rank++) {
                    if (matches(hits.get(rank), target)) {
                        found++;
                        reciprocal = Math.max(reciprocal, 1.0 / (rank + 1));
                        break;
                    }
                }
            }
            double recall = (double) found / Math.min(k, q.relevant().size());
            if (found < Math.min(k, q.relevant().size())) {
                misses.add(String.format(Locale.ROOT, "%s [%s] %d/%d %s", q.id(), q.lang(), found, q.relevant().size(), q.text()));
            }
            for (String group : List.of("all", q.lang())) {
                double[] s = sums.computeIfAbsent(group, g -> new double[3]);
                s[0]++;
                s[1] += recall;
                s[2] += reciprocal;
            }
        }
        Map<String, Score> out = new LinkedHashMap<>();
        sums.forEach((g, s) -> out.put(g, new Score((int) s[0], s[1] / s[0], s[2] / s[0])));
        return out;
    }

    /** The top k passages for a question under one ranking (see the class comment). */
    static List<Hit> rank(Veritas veritas, String text, int k, String mode) {
        if (mode.equals("plain")) {
            return veritas.index().search(SearchRequest.of(text, k), io.veritas.index.QueryExpander.Expansion.NONE);
        }
        return veritas.search(SearchRequest.of(text, k).withMode(SearchCommand.mode(mode)));
    }

    private static boolean matches(Hit hit, String[] target) {
        String path = hit.source().path() == null ? "" : hit.source().path().replace('\\', '/');
        String file = target[0];
        String name = file.contains("/") ? file.substring(file.indexOf('/') + 1) : file;
        return (path.endsWith("/" + file) || path.endsWith("/" + name) || path.equals(file)) && hit.text().contains(target[1]);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Question> qs = read(questions);
        List<String> asked = modes.contains("all") ? List.of("plain", "lexical", "dense", "hybrid") : modes;
        try (Veritas veritas = Veritas.openReadOnly(data.data)) {
            if (asked.contains("dense") || asked.contains("hybrid")) {
                out.printf(Locale.ROOT, "passages with vectors: %d (model %s)%n", veritas.vectorCount(), veritas.settings().modelKey());
            }
            for (String mode : asked) {
                List<String> missed = new ArrayList<>();
                Map<String, Score> scores = evaluate(veritas, qs, k, mode, missed);
                scores.forEach((group, s) -> out.printf(Locale.ROOT, "%-8s %-8s %3d questions  recall@%d %.3f  MRR %.3f%n",
                        mode, group, s.questions(), k, s.recall(), s.mrr()));
                if (misses) {
                    missed.forEach(m -> out.println("  missed: " + m));
                }
            }
        }
        return 0;
    }
}
