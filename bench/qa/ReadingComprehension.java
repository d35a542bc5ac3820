import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veritas.Veritas;
import io.veritas.answer.Answer;
import io.veritas.index.Analysis;
import io.veritas.text.Script;
import io.veritas.text.Sentences;
import io.veritas.text.Span;
import org.apache.lucene.analysis.Analyzer;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * Reading comprehension on a public SQuAD-style set (CMRC 2018, DRCD): every paragraph becomes a document, every
 * question goes through {@code Veritas.ask} (the same path as {@code POST /v1/ask}); reported: how often the first
 * citation's quote holds a gold answer, character-level EM and F1 of the short answer (the sets' official
 * metrics: best over the references, punctuation and spaces removed), how often Veritas answers at all, and the
 * same "first sentence holds the answer" figure for a plain BM25 sentence ranker over the same paragraphs.
 *
 * Usage: java -cp target/veritas.jar bench/qa/ReadingComprehension.java FILE [QUESTIONS] [EMBEDDER]
 *   QUESTIONS: how many, taken in file order ("1200"), or a range of them ("1200-3219", "1200-" for the rest;
 *   default all); EMBEDDER: bge-small-zh-v15-q (default) or none.
 */
public class ReadingComprehension {
    record Qa(String id, String question, List<String> answers) {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        // "1200" asks the first 1,200 questions; "1200-" the ones after them (a part never studied), "0-" all.
        String range = args.length > 1 ? args[1] : "0-";
        int first = range.contains("-") ? Integer.parseInt(range.substring(0, range.indexOf('-'))) : 0;
        String last = range.contains("-") ? range.substring(range.indexOf('-') + 1) : range;
        int limit = last.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(last);
        String embedder = args.length > 2 ? args[2] : "bge-small-zh-v15-q";
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(file.toFile());
        Path dir = Files.createTempDirectory("veritas-rc");
        Path docs = dir.resolve("paragraphs.jsonl");
        List<Qa> qas = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(docs)) {
            for (JsonNode article : root.get("data")) {
                for (JsonNode p : article.get("paragraphs")) {
                    ObjectNode d = json.createObjectNode();
                    d.put("id", p.get("id").asText());
                    d.put("title", article.path("title").asText(""));
                    d.put("text", p.get("context").asText());
                    w.write(json.writeValueAsString(d));
                    w.newLine();
                    paragraphs.add(p.get("context").asText());
                    for (JsonNode qa : p.get("qas")) {
                        List<String> gold = new ArrayList<>();
                        qa.get("answers").forEach(a -> gold.add(a.get("text").asText()));
                        qas.add(new Qa(qa.get("id").asText(), qa.get("question").asText(), gold));
                    }
                }
            }
        }
        List<Qa> asked = qas.subList(Math.min(first, qas.size()), Math.min(limit, qas.size()));
        Bm25 baseline = new Bm25(paragraphs);
        io.veritas.Settings settings = io.veritas.Settings.defaults().withEmbedder(embedder);
        try (Veritas v = Veritas.open(dir.resolve("data"), settings)) {
            v.ingest(List.of(docs), p -> { });
            int answered = 0, quoteHolds = 0, baseHolds = 0;
            double em = 0, f1 = 0;
            Map<String, int[]> byType = new TreeMap<>(); // type -> {questions, quote holds}
            List<Long> nanos = new ArrayList<>();
            // RESULTS=FILE: one JSON line per question (question, gold, answered, type, first quote), to study misses.
            BufferedWriter results = System.getenv("RESULTS") == null ? null : Files.newBufferedWriter(Path.of(System.getenv("RESULTS")));
            for (Qa qa : asked) {
                long t0 = System.nanoTime();
                Answer a = v.ask(qa.question());
                nanos.add(System.nanoTime() - t0);
                boolean holds = !a.citations().isEmpty() && qa.answers().stream().anyMatch(g -> normal(a.citations().get(0).quote()).contains(normal(g)));
                answered += a.answered() ? 1 : 0;
                quoteHolds += a.answered() && holds ? 1 : 0;
                String s = a.answered() && a.shortAnswer() != null ? a.shortAnswer() : "";
                em += qa.answers().stream().mapToDouble(g -> normal(s).equals(normal(g)) ? 1 : 0).max().orElse(0);
                f1 += qa.answers().stream().mapToDouble(g -> f1(normal(s), normal(g))).max().orElse(0);
                String top = baseline.top(qa.question());
                baseHolds += qa.answers().stream().anyMatch(g -> normal(top).contains(normal(g))) ? 1 : 0;
                if (System.getenv("VERBOSE") != null && !(a.answered() && holds)) {
                    System.out.println((a.answered() ? "MISS " : "REFUSED ") + a.type() + " | " + qa.question() + " | gold " + qa.answers().get(0)
                            + " | " + a.answer().replace("\n", " ").substring(0, Math.min(140, a.answer().length())));
                }
                if (results != null) {
                    ObjectNode r = json.createObjectNode();
                    r.put("question", qa.question());
                    r.putPOJO("gold", qa.answers());
                    r.put("answered", a.answered());
                    r.put("type", a.type());
                    r.put("quote", a.citations().isEmpty() ? "" : a.citations().get(0).quote());
                    r.put("holds", a.answered() && holds);
                    r.put("baseline", top);
                    results.write(json.writeValueAsString(r));
                    results.newLine();
                }
                int[] t = byType.computeIfAbsent(a.type(), k -> new int[2]);
                t[0]++;
                t[1] += a.answered() && holds ? 1 : 0;
            }
            if (results != null) {
                results.close();
            }
            int n = asked.size();
            Collections.sort(nanos);
            System.out.printf(Locale.ROOT, "%s: %d paragraphs, %d questions asked%n", file.getFileName(), paragraphs.size(), n);
            System.out.printf(Locale.ROOT, "veritas: answered %.3f, first quote holds the answer %.3f, EM %.3f, F1 %.3f, ask p50 %.1f ms, p99 %.1f ms%n",
                    answered / (double) n, quoteHolds / (double) n, em / n, f1 / n, nanos.get(n / 2) / 1e6, nanos.get((int) (n * 0.99)) / 1e6);
            byType.forEach((type, c) -> System.out.printf(Locale.ROOT, "  %-9s %5d questions, first quote holds the answer %.3f%n", type, c[0], c[1] / (double) c[0]));
            System.out.printf(Locale.ROOT, "bm25 sentence baseline: top sentence holds the answer %.3f%n", baseHolds / (double) n);
        }
    }

    /** The official scripts' normalisation, roughly: folded script and case, no punctuation or spaces. */
    static String normal(String s) {
        return Script.fold(s).replaceAll("[\\p{P}\\p{S}\\s]+", "");
    }

    /** Character-level F1, as CMRC and DRCD score. */
    static double f1(String predicted, String gold) {
        if (predicted.isEmpty() || gold.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> g = new HashMap<>();
        gold.codePoints().forEach(c -> g.merge(c, 1, Integer::sum));
        int common = 0;
        for (int c : predicted.codePoints().toArray()) {
            Integer left = g.get(c);
            if (left != null && left > 0) {
                common++;
                g.put(c, left - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double p = common / (double) predicted.codePointCount(0, predicted.length());
        double r = common / (double) gold.codePointCount(0, gold.length());
        return 2 * p * r / (p + r);
    }

    /** BM25 (k1 1.2, b 0.75) over every sentence of every paragraph, with Veritas's analyzer (bigrams). */
    static final class Bm25 {
        private final Analyzer analyzer = Analysis.analyzer();
        private final List<String> sentences = new ArrayList<>();
        private final List<Map<String, Integer>> tf = new ArrayList<>();
        private final Map<String, Integer> df = new HashMap<>();
        private double avgLength;

        Bm25(List<String> paragraphs) {
            long total = 0;
            for (String p : paragraphs) {
                for (Span sp : Sentences.split(p)) {
                    String s = p.substring(sp.start(), sp.end());
                    Map<String, Integer> counts = new HashMap<>();
                    for (String t : tokens(s)) {
                        counts.merge(t, 1, Integer::sum);
                    }
                    counts.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
                    total += counts.values().stream().mapToInt(Integer::intValue).sum();
                    sentences.add(s);
                    tf.add(counts);
                }
            }
            avgLength = total / (double) Math.max(1, sentences.size());
        }

        String top(String question) {
            List<String> q = tokens(question);
            int best = -1;
            double bestScore = -1;
            int n = sentences.size();
            for (int i = 0; i < n; i++) {
                Map<String, Integer> counts = tf.get(i);
                int length = counts.values().stream().mapToInt(Integer::intValue).sum();
                double score = 0;
                for (String t : q) {
                    Integer f = counts.get(t);
                    if (f != null) {
                        double idf = Math.log(1 + (n - df.get(t) + 0.5) / (df.get(t) + 0.5));
                        score += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * length / avgLength));
                    }
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            return best < 0 ? "" : sentences.get(best);
        }

        private List<String> tokens(String text) {
            return Analysis.tokens(analyzer, text);
        }
    }
}
