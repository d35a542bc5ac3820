package io.veritas.truth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns value probabilities into statuses. Within one fusion unit the most probable value is accepted; a rival
 * with at least {@code disputeRatio} of its probability and a credible source makes both disputed; the rest are
 * rejected. For attributes that change over time the newest epoch whose best value is credible gives the current
 * value, and older epochs' values are superseded, so a newer fact replaces an older one while a lone unreliable
 * newer claim does not. Reported, planned, target and denied statements never compete with actual ones.
 */
final class Statuses {
    private Statuses() {
    }

    static Resolution resolve(TruthEngine engine, DataItem item, List<Statement> all, List<TruthEngine.Unit> units) {
        TruthOptions options = engine.options();
        List<Belief> accepted = new ArrayList<>();
        List<Belief> superseded = new ArrayList<>();
        List<Belief> rejected = new ArrayList<>();
        int chosen = -1;
        for (int e = units.size() - 1; e >= 0; e--) {
            TruthEngine.Unit u = units.get(e);
            if (u.probability != null && u.probability[ranked(u)[0]] > options.credible()) {
                chosen = e;
                break;
            }
        }
        if (chosen < 0) {
            chosen = units.size() - 1;
        }
        Value current = null;
        List<Statement> restated = new ArrayList<>();
        for (int e = units.size() - 1; e >= 0; e--) {
            TruthEngine.Unit u = units.get(e);
            if (u.probability == null) {
                continue;
            }
            int[] order = ranked(u);
            double top = u.probability[order[0]];
            AttributeRule rule = options.rule(item.attribute());
            double tau = engine.toleranceOf(item.attribute());
            Value head = u.values[order[0]];
            // Values within tolerance of the best one are that value written differently: one belief.
            List<Statement> same = new ArrayList<>();
            double sameProbability = 0;
            boolean hasRival = false;
            for (int r = 1; r < order.length; r++) {
                int v = order[r];
                if (rule.agree(head, u.values[v], tau)) {
                    same.addAll(u.support.get(v));
                    sameProbability += u.probability[v];
                } else if (rival(engine, u, v, top, options)) {
                    hasRival = true;
                }
            }
            for (int r = 0; r < order.length; r++) {
                int v = order[r];
                double p = u.probability[v] + (r == 0 ? sameProbability : 0);
                if (r > 0 && rule.agree(head, u.values[v], tau)) {
                    continue;
                }
                boolean rival = r > 0 && rival(engine, u, v, top, options);
                Status status;
                if (e > chosen) {
                    status = Status.REJECTED;
                } else if (e == chosen) {
                    status = r == 0 ? (hasRival ? Status.DISPUTED : Status.CURRENT) : (rival ? Status.DISPUTED : Status.REJECTED);
                } else if (r == 0 || rival) {
                    if (current != null && rule.agree(current, u.values[v], tau)) {
                        restated.addAll(u.support.get(v));
                        if (r == 0) {
                            restated.addAll(same);
                        }
                        continue;
                    }
                    status = Status.SUPERSEDED;
                } else {
                    status = Status.REJECTED;
                }
                List<Statement> support = u.support.get(v);
                if (r == 0 && !same.isEmpty()) {
                    support = new ArrayList<>(support);
                    support.addAll(same);
                }
                Belief b = belief(u.values[v], status, p, latest(support), support);
                switch (status) {
                    case CURRENT, DISPUTED -> accepted.add(b);
                    case SUPERSEDED -> superseded.add(b);
                    default -> rejected.add(b);
                }
                if (e == chosen && r == 0) {
                    current = u.values[v];
                }
            }
        }
        if (!restated.isEmpty() && !accepted.isEmpty()) {
            Belief head = accepted.get(0);
            List<Statement> support = new ArrayList<>(head.support());
            support.addAll(restated);
            accepted.set(0, belief(head.value(), head.status(), head.confidence(), head.asOf(), support));
        }
        List<Belief> side = new ArrayList<>();
        for (Modality m : List.of(Modality.REPORTED, Modality.PLANNED, Modality.TARGET, Modality.DENIED, Modality.PAST)) {
            Map<String, List<Statement>> byValue = new TreeMap<>();
            for (Statement s : all) {
                if (s.modality() == m) {
                    byValue.computeIfAbsent(s.value().key(), k -> new ArrayList<>()).add(s);
                }
            }
            Status status = switch (m) {
                case TARGET -> Status.TARGET;
                case DENIED -> Status.DENIED;
                case PAST -> Status.SUPERSEDED;
                default -> Status.REPORTED;
            };
            for (List<Statement> group : byValue.values()) {
                LocalDate asOf = group.stream().map(Statement::asOf).filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
                side.add(belief(group.get(0).value(), status, anyRight(engine, group), asOf, group));
                if (m == Modality.DENIED && !accepted.isEmpty() && credible(engine, group, options)) {
                    // A credible denial of the accepted value turns it into a dispute, it does not erase it.
                    Belief head = accepted.get(0);
                    if (options.rule(item.attribute()).agree(head.value(), group.get(0).value(), engine.toleranceOf(item.attribute()))
                            && head.status() == Status.CURRENT) {
                        accepted.set(0, belief(head.value(), Status.DISPUTED, head.confidence(), head.asOf(), head.support()));
                    }
                }
            }
        }
        side.sort(Comparator.comparing(Belief::status).thenComparing(Belief::asOf, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingDouble(Belief::confidence).reversed()).thenComparing(b -> b.value().key()));
        superseded.sort(Comparator.comparing(Belief::asOf, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingDouble(Belief::confidence).reversed()).thenComparing(b -> b.value().key()));
        rejected.sort(Comparator.comparingDouble(Belief::confidence).reversed().thenComparing(b -> b.value().key()));
        List<Belief> out = new ArrayList<>(accepted);
        out.addAll(superseded);
        out.addAll(side);
        out.addAll(rejected);
        return new Resolution(item, out);
    }

    /** Value indexes by probability, highest first; ties by a hash of item and value, which carries no input order. */
    static int[] ranked(TruthEngine.Unit u) {
        Integer[] idx = new Integer[u.values.length];
        long[] tie = new long[u.values.length];
        long itemHash = u.item.stableHash();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            tie[i] = Hashing.fnv(itemHash + "\u0001" + u.values[i].key());
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(u.probability[b], u.probability[a]);
            return c != 0 ? c : Long.compare(tie[a], tie[b]);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /**
     * A rival disputes the best value when it is nearly as probable, when at least two independent credible sources
     * (distinct copy clusters or documents) give it, or when it has more than half as many independent sources as
     * the best value: one source against several is outweighed, several against several and one against one are a
     * dispute, however sharp the posterior. (Reliabilities learned from a handful of claims may split a tie between
     * two independent sources; they order the two, they do not silence one.)
     */
    private static boolean rival(TruthEngine engine, TruthEngine.Unit u, int v, double top, TruthOptions options) {
        List<Statement> support = u.support.get(v);
        if (!credible(engine, support, options)) {
            return false;
        }
        if (u.probability[v] >= options.disputeRatio() * top) {
            return true;
        }
        if (2 * independent(support) > independent(u.support.get(ranked(u)[0]))) {
            return true;
        }
        java.util.Set<String> voices = new java.util.HashSet<>();
        for (Statement s : support) {
            int id = engine.sourceIdOf(s.source());
            if (id >= 0 && engine.accuracyOf(id) > options.credible()) {
                voices.add(s.independentUnit());
            }
        }
        return voices.size() >= 2;
    }

    private static int independent(List<Statement> support) {
        return (int) support.stream().map(Statement::independentUnit).distinct().count();
    }

    private static boolean credible(TruthEngine engine, List<Statement> support, TruthOptions options) {
        for (Statement s : support) {
            int id = engine.sourceIdOf(s.source());
            if (id >= 0 && engine.accuracyOf(id) > options.credible()) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate latest(List<Statement> support) {
        return support.stream().map(Statement::asOf).filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
    }

    /** 1 − Π(1 − A) over the independent units of the support, each counted by its most accurate source. */
    private static double anyRight(TruthEngine engine, List<Statement> support) {
        Map<String, Double> best = new TreeMap<>();
        for (Statement s : support) {
            int id = engine.sourceIdOf(s.source());
            double a = id >= 0 ? engine.accuracyOf(id) : engine.options().initialAccuracy();
            best.merge(s.independentUnit(), a, Math::max);
        }
        double none = 1;
        for (double a : best.values()) {
            none *= 1 - a;
        }
        return 1 - none;
    }

    private static Belief belief(Value value, Status status, double confidence, LocalDate asOf, List<Statement> support) {
        TreeSet<String> sources = new TreeSet<>();
        support.forEach(s -> sources.add(s.source()));
        return new Belief(value, status, confidence, asOf, List.copyOf(sources), support);
    }
}
