package io.veritas.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ways of combining and reordering ranked passages that do not depend on the index behind them. */
public final class Fusion {
    /**
     * The usual constant of reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): it keeps the first few
     * places of one ranking from outweighing agreement between rankings.
     */
    static final int RRF_K = 60;

    private Fusion() {
    }

    /**
     * Reciprocal rank fusion: each passage scores the sum of {@code 1 / (60 + rank)} over the rankings it appears
     * in, so passages both rankings like come first. Scores are not comparable across rankers (BM25 against
     * cosine), ranks are. A passage keeps the first highlight that marks something.
     */
    public static List<Hit> reciprocalRank(List<List<Hit>> rankings, int limit) {
        Map<String, Hit> byPassage = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<Hit> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                Hit h = ranking.get(rank);
                String key = key(h);
                scores.merge(key, 1.0 / (RRF_K + rank + 1), Double::sum);
                Hit before = byPassage.get(key);
                if (before == null || before.highlight().equals(before.text())) {
                    byPassage.put(key, h);
                }
            }
        }
        return ranked(byPassage, scores, limit);
    }

    /**
     * The weight of the dense score in {@link #convex}, chosen on the retrieval question set (BENCHMARKS.md has
     * 0.1 to 0.5 and RRF side by side): the in-jar model is a small one, so words lead and meaning breaks ties and
     * lifts passages that say the same thing in other words.
     */
    public static final double DENSE_WEIGHT = 0.3;

    /**
     * Convex combination: {@code (1 - alpha)} times the BM25 score divided by the best BM25 score, plus
     * {@code alpha} times the cosine rescaled to 0..1 between the worst and best dense hit; a passage only one
     * ranker found gets 0 from the other. Unlike rank fusion it keeps how far apart scores are, so a passage far
     * ahead in words stays ahead (measured better than RRF here; Bruch et al., 2023, found the same on BEIR).
     */
    public static List<Hit> convex(List<Hit> lexical, List<Hit> dense, double alpha, int limit) {
        Map<String, Hit> byPassage = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        double maxL = lexical.stream().mapToDouble(Hit::score).max().orElse(1);
        double maxD = dense.stream().mapToDouble(Hit::score).max().orElse(1);
        double minD = dense.stream().mapToDouble(Hit::score).min().orElse(0);
        for (Hit h : lexical) {
            String key = key(h);
            scores.merge(key, (1 - alpha) * h.score() / maxL, Double::sum);
            byPassage.putIfAbsent(key, h);
        }
        for (Hit h : dense) {
            String key = key(h);
            scores.merge(key, alpha * (maxD > minD ? (h.score() - minD) / (maxD - minD) : 1), Double::sum);
            byPassage.putIfAbsent(key, h); // the lexical hit, with its highlight, when both found it
        }
        return ranked(byPassage, scores, limit);
    }

    private static String key(Hit h) {
        return h.source().docId() + "#" + h.ordinal();
    }

    private static List<Hit> ranked(Map<String, Hit> byPassage, Map<String, Double> scores, int limit) {
        List<Hit> out = new ArrayList<>();
        for (Map.Entry<String, Hit> e : byPassage.entrySet()) {
            out.add(e.getValue().withScore(scores.get(e.getKey()).floatValue()));
        }
        out.sort(QueryPlan.RANKED);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /**
     * For "latest" questions: score times a factor that halves for every year before the newest hit (scores must
     * be positive).
     */
    public static List<Hit> byRecency(List<Hit> hits) {
        long newest = hits.stream().filter(h -> h.source().published() != null)
                .mapToLong(h -> h.source().published().toEpochMilli()).max().orElse(0);
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) {
            double ageYears = h.source().published() == null ? 2 : (newest - h.source().published().toEpochMilli()) / 3.15576e10;
            out.add(h.withScore((float) (h.score() * Math.pow(0.5, ageYears))));
        }
        out.sort(QueryPlan.RANKED);
        return out;
    }
}
