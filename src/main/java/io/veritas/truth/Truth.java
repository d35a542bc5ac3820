package io.veritas.truth;

import io.veritas.extract.Lexicon;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what the claims about one attribute of one entity add up to.
 *
 * <ol>
 *   <li>Claims with the same currency, period, round and modality whose values are within 2% of each other are
 *       one {@link Fact}; a document counts once per fact.</li>
 *   <li>For levels that change over time (valuation, burn rate, revenue...), the newest dated actual value is
 *       {@code current} and older ones are {@code superseded}; a different value dated within a few days of the
 *       newest makes both {@code disputed}.</li>
 *   <li>For events (a funding round), different actual values for the same round are {@code disputed}; values of
 *       different events do not replace each other.</li>
 *   <li>A value with one source and nothing to compare against is {@code reported}. Plans and targets are never
 *       current: they are reported beside the actual values.</li>
 * </ol>
 */
public final class Truth {
    public static final String CURRENT = "current";
    public static final String SUPERSEDED = "superseded";
    public static final String DISPUTED = "disputed";
    public static final String REPORTED = "reported";

    /** Values closer than this (relative) are the same value written differently ("约10亿" and "10 億"). */
    private static final double SAME_VALUE = 0.02;
    /** Different values dated this close together contradict each other rather than follow one another. */
    private static final int SAME_TIME_DAYS = 3;

    private Truth() {
    }

    public static Verdict judge(String attribute, Lexicon.Kind kind, List<Evidence> claims) {
        List<Fact> facts = cluster(attribute, claims);
        List<Fact> actual = new ArrayList<>();
        List<Fact> other = new ArrayList<>();
        for (Fact f : facts) {
            (f.modality().equals("actual") ? actual : other).add(f);
        }
        List<Fact> judged = kind == Lexicon.Kind.EVENT ? judgeEvents(actual) : judgeLevels(actual);
        List<Fact> out = new ArrayList<>(judged);
        other.sort(NEWEST_FIRST);
        for (Fact f : other) {
            out.add(f.withStatus(REPORTED));
        }
        return new Verdict(attribute, out);
    }

    static final Comparator<Fact> NEWEST_FIRST = Comparator
            .comparing(Fact::asOf, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Comparator.comparingInt(Fact::sourceCount).reversed());

    private static List<Fact> judgeLevels(List<Fact> facts) {
        List<Fact> sorted = new ArrayList<>(facts);
        sorted.sort(NEWEST_FIRST);
        List<Fact> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            return out;
        }
        Fact newest = sorted.get(0);
        if (newest.asOf() == null) {
            // Nothing is dated: several values are a disagreement, one value is a report.
            for (Fact f : sorted) {
                out.add(f.withStatus(sorted.size() > 1 ? DISPUTED : (f.sourceCount() > 1 ? CURRENT : REPORTED)));
            }
            return out;
        }
        List<Fact> rivals = new ArrayList<>();
        for (Fact f : sorted.subList(1, sorted.size())) {
            if (f.asOf() != null && !f.asOf().isBefore(newest.asOf().minusDays(SAME_TIME_DAYS))) {
                rivals.add(f);
            }
        }
        boolean disputed = !rivals.isEmpty();
        boolean hasTimeline = sorted.stream().anyMatch(f -> f.asOf() != null && f != newest);
        out.add(newest.withStatus(disputed ? DISPUTED : (hasTimeline || newest.sourceCount() > 1 ? CURRENT : REPORTED)));
        for (Fact f : sorted.subList(1, sorted.size())) {
            if (rivals.contains(f)) {
                out.add(f.withStatus(DISPUTED));
            } else if (f.asOf() == null) {
                out.add(f.withStatus(REPORTED));
            } else {
                out.add(f.withStatus(SUPERSEDED));
            }
        }
        return out;
    }

    private static List<Fact> judgeEvents(List<Fact> facts) {
        Map<String, List<Fact>> byRound = new LinkedHashMap<>();
        List<Fact> unnamed = new ArrayList<>();
        for (Fact f : facts) {
            if (f.qualifier() == null) {
                unnamed.add(f);
            } else {
                byRound.computeIfAbsent(f.qualifier(), k -> new ArrayList<>()).add(f);
            }
        }
        // "募得 200 億美元" without the round's name is the same event as "E 輪募資 200 億美元".
        for (java.util.Iterator<Fact> it = unnamed.iterator(); it.hasNext(); ) {
            Fact f = it.next();
            for (List<Fact> round : byRound.values()) {
                Fact same = round.stream().filter(r -> sameValue(r, f)).findFirst().orElse(null);
                if (same != null) {
                    List<Evidence> support = new ArrayList<>(same.support());
                    for (Evidence h : f.support()) {
                        if (support.stream().noneMatch(s -> s.docId().equals(h.docId()))) {
                            support.add(h);
                        }
                    }
                    round.set(round.indexOf(same), new Fact(same.attribute(), same.qualifier(), same.value(), same.currency(),
                            same.period(), same.bound(), same.asOf(), same.status(), same.modality(), support));
                    it.remove();
                    break;
                }
            }
        }
        List<Fact> out = new ArrayList<>();
        for (List<Fact> round : byRound.values()) {
            round.sort(Comparator.comparingInt(Fact::sourceCount).reversed().thenComparing(NEWEST_FIRST));
            for (Fact f : round) {
                out.add(f.withStatus(round.size() > 1 ? DISPUTED : (f.sourceCount() > 1 ? CURRENT : REPORTED)));
            }
        }
        for (Fact f : unnamed) {
            out.add(f.withStatus(f.sourceCount() > 1 ? CURRENT : REPORTED));
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    private static boolean sameValue(Fact a, Fact b) {
        return a.currency().equals(b.currency()) && Objects.equals(a.period(), b.period())
                && Math.abs(a.value() - b.value()) <= SAME_VALUE * Math.max(a.value(), b.value());
    }

    private record Key(String currency, String period, String qualifier, String modality) {
    }

    /**
     * Evidence in one total order that does not depend on the order the index returned it in: by kind of value,
     * then value, then document and position.
     */
    static final Comparator<Evidence> CANONICAL = Comparator
            .comparing((Evidence e) -> e.claim().currency())
            .thenComparing(e -> e.claim().period(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.claim().qualifier(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.claim().modality())
            .thenComparingDouble(e -> e.claim().value())
            .thenComparing(Evidence::docId)
            .thenComparingInt(e -> e.claim().figure().start())
            .thenComparing(e -> e.claim().subject())
            .thenComparing(Evidence::cluster);

    /**
     * Groups agreeing values: within one key, values in ascending order join the group of the smallest value while
     * they are within {@link #SAME_VALUE} of it. The same evidence in any order gives the same groups.
     */
    private static List<Fact> cluster(String attribute, List<Evidence> claims) {
        List<Evidence> sorted = new ArrayList<>(claims);
        sorted.sort(CANONICAL);
        Map<Key, List<List<Evidence>>> groups = new HashMap<>();
        List<Key> order = new ArrayList<>();
        for (Evidence hit : sorted) {
            var c = hit.claim();
            Key key = new Key(c.currency(), c.period(), c.qualifier(), c.modality());
            List<List<Evidence>> clusters = groups.computeIfAbsent(key, k -> {
                order.add(k);
                return new ArrayList<>();
            });
            List<Evidence> home = clusters.isEmpty() ? null : clusters.get(clusters.size() - 1);
            if (home != null) {
                double v = home.get(0).claim().value();
                if (c.value() - v > SAME_VALUE * Math.max(v, c.value())) {
                    home = null;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                clusters.add(home);
            }
            home.add(hit);
        }
        List<Fact> facts = new ArrayList<>();
        for (Key key : order) {
            for (List<Evidence> cluster : groups.get(key)) {
                facts.add(fact(attribute, key, cluster));
            }
        }
        return facts;
    }

    private static Fact fact(String attribute, Key key, List<Evidence> cluster) {
        // One supporting claim per document: the one with the latest date, then the exact figure.
        Map<String, Evidence> perDoc = new LinkedHashMap<>();
        for (Evidence h : cluster) {
            perDoc.merge(h.docId(), h, (a, b) -> later(b, a));
        }
        List<Evidence> support = new ArrayList<>(perDoc.values());
        support.sort(Comparator.comparing((Evidence h) -> h.claim().asOf(), Comparator.nullsLast(Comparator.reverseOrder())));
        // A date the text gives beats a publication date: "xAI 週二（6 日）宣布" dates the round to the 6th.
        boolean anyDated = support.stream().anyMatch(h -> h.claim().dated());
        LocalDate asOf = support.stream().filter(h -> !anyDated || h.claim().dated()).map(h -> h.claim().asOf())
                .filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
        Map<Double, Integer> votes = new HashMap<>();
        for (Evidence h : support) {
            votes.merge(h.claim().value(), 1, Integer::sum);
        }
        double value = votes.entrySet().stream().max(Map.Entry.<Double, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        Map<String, Integer> bounds = new HashMap<>();
        for (Evidence h : support) {
            bounds.merge(h.claim().bound(), h.claim().bound().equals("exact") ? 2 : 1, Integer::sum);
        }
        String bound = bounds.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new Fact(attribute, key.qualifier(), value, key.currency(), key.period(), bound, asOf, REPORTED,
                key.modality(), support);
    }

    private static Evidence later(Evidence candidate, Evidence current) {
        if (candidate.claim().dated() != current.claim().dated()) {
            return candidate.claim().dated() ? candidate : current;
        }
        LocalDate a = candidate.claim().asOf();
        LocalDate b = current.claim().asOf();
        if (a != null && (b == null || a.isAfter(b))) {
            return candidate;
        }
        return current;
    }
}
