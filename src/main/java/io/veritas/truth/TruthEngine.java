package io.veritas.truth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Truth discovery over claims from many sources: which value of each data item is true, how reliable each source
 * is, and which sources copy each other, learned together without labels.
 *
 * <p>The model is AccuCopy (Dong, Berti-Equille, Srivastava, PVLDB 2009) with AccuSim's value similarity and a
 * per-attribute accuracy (Li et al., PVLDB 2013): the vote of a source for a value is {@code ln(n·A/(1-A))} for its
 * accuracy A; a source that probably copies another source already counted for the same value votes only with
 * the probability that it gave the value independently; a value also receives ρ times the votes of similar values;
 * value probabilities are the softmax of the votes over the item's n + 1 possible values; a source's accuracy is
 * the mean probability of the values it states, shrunk towards the prior; and two sources that share many values
 * the model believes false are probably copying. The three estimates are iterated until the accuracies settle.
 * See docs/truth.md for the reasons behind each choice.
 *
 * <p>Updates are incremental: {@link #add} re-estimates only the items it touches, starting from the current
 * accuracies and dependences and keeping the per-source and per-pair sums up to date by subtracting the touched
 * items' old contributions, and runs a full estimation again once {@code refreshFraction} of the statements is new.
 *
 * <p>Everything is ordered by content (items, source names, value keys) and ties are broken by a hash of the
 * value, so the same statements in any order, with any number of threads, give the same result. The engine is
 * not thread-safe: one owner calls {@link #add}; the results it returns are immutable.
 */
public final class TruthEngine {
    private final TruthOptions options;
    private final TreeMap<DataItem, List<Statement>> statements = new TreeMap<>();
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private final List<String> sourceNames = new ArrayList<>();
    private final Map<String, Integer> attributeIds = new HashMap<>();
    private final List<String> attributeNames = new ArrayList<>();
    /** The fusion units of each item: one per epoch for attributes that change over time, else one. */
    private final TreeMap<DataItem, List<Unit>> units = new TreeMap<>();
    /** n per attribute: the configured number of false values, or the one estimated from the data. */
    private double[] falseValues = new double[0];
    /** τ(A) for attributes whose tolerance is α·median. */
    private final Map<String, Double> absoluteTolerance = new HashMap<>();

    private double[] accuracy = new double[0];
    private double[] sumTrue = new double[0];
    private double[] sumClaims = new double[0];
    /** (source, attribute) → {sum of probabilities, claims, accuracy}. */
    private final Map<Long, double[]> byAttribute = new HashMap<>();
    /** (lower source id, higher source id) → {same value believed true, same value believed false, different}. */
    private final Map<Long, double[]> pairs = new HashMap<>();
    /** (lower, higher) → {P(lower copies higher), P(higher copies lower)}. */
    private final Map<Long, double[]> dependence = new HashMap<>();

    private int statementCount;
    private int addedSinceRefresh;
    private boolean estimated;
    private int lastIterations;

    public TruthEngine(TruthOptions options) {
        this.options = options;
    }

    public TruthOptions options() {
        return options;
    }

    /**
     * Adds statements and brings the estimates up to date: the items they touch are re-estimated from the current
     * accuracies, or everything is when enough has changed since the last full estimation.
     */
    public void add(Collection<Statement> added) {
        if (added.isEmpty()) {
            return;
        }
        List<Statement> sorted = new ArrayList<>(added);
        sorted.sort(Statement.CANONICAL);
        Set<DataItem> touched = new TreeSet<>();
        for (Statement s : sorted) {
            statements.computeIfAbsent(s.item(), k -> new ArrayList<>()).add(s);
            touched.add(s.item());
            sourceId(s.source());
            attributeId(s.item().attribute());
        }
        for (DataItem item : touched) {
            statements.get(item).sort(Statement.CANONICAL);
        }
        statementCount += sorted.size();
        addedSinceRefresh += sorted.size();
        growArrays();
        if (!estimated || addedSinceRefresh > options.refreshFraction() * statementCount) {
            refresh();
        } else {
            update(touched);
        }
    }

    /** Re-estimates everything from the start (the prior accuracies, no dependence). */
    public void refresh() {
        java.util.Arrays.fill(accuracy, options.initialAccuracy());
        byAttribute.clear();
        dependence.clear();
        computeTolerances();
        units.clear();
        for (Map.Entry<DataItem, List<Statement>> e : statements.entrySet()) {
            units.put(e.getKey(), buildUnits(e.getKey(), e.getValue()));
        }
        List<Unit> all = allUnits();
        estimateFalseValues(all);
        int iterations = 0;
        computeProbabilities(all);
        rebuildSums(all);
        if (options.learnAccuracy()) {
            for (int it = 0; it < options.maxIterations(); it++) {
                iterations++;
                double moved = updateAccuracies(allSources());
                // Dependence is tested with the accuracies of this round, never with the uniform prior: with every
                // source at .8, groups that agree exactly with one another look alike whether right or wrong.
                if (options.detectCopying()) {
                    updateDependence(new ArrayList<>(pairs.keySet()));
                }
                computeProbabilities(all);
                rebuildSums(all);
                if (moved < options.tolerance()) {
                    break;
                }
            }
        }
        lastIterations = iterations;
        estimated = true;
        addedSinceRefresh = 0;
    }

    /** Rounds of estimation the last full refresh took. */
    public int iterations() {
        return lastIterations;
    }

    public int statementCount() {
        return statementCount;
    }

    public int itemCount() {
        return statements.size();
    }

    public int sourceCount() {
        return sourceNames.size();
    }

    /** The re-estimation of the touched items only, warm-started from the current state. */
    private void update(Set<DataItem> touched) {
        List<Unit> old = new ArrayList<>();
        List<Unit> fresh = new ArrayList<>();
        for (DataItem item : touched) {
            List<Unit> before = units.get(item);
            if (before != null) {
                old.addAll(before);
            }
            List<Unit> now = buildUnits(item, statements.get(item));
            units.put(item, now);
            fresh.addAll(now);
        }
        for (Unit u : old) {
            contribute(u, -1);
        }
        Set<Integer> sources = new TreeSet<>();
        Set<Long> touchedPairs = new HashSet<>();
        for (Unit u : fresh) {
            for (int s : u.entrySource) {
                sources.add(s);
            }
            touchedPairs.addAll(u.pairKeys());
        }
        for (Unit u : old) {
            for (int s : u.entrySource) {
                sources.add(s);
            }
            touchedPairs.addAll(u.pairKeys());
        }
        int rounds = options.learnAccuracy() ? 3 : 1;
        for (int r = 0; r < rounds; r++) {
            computeProbabilities(fresh);
            for (Unit u : fresh) {
                contribute(u, +1);
            }
            if (options.learnAccuracy()) {
                updateAccuracies(sources);
                if (options.detectCopying()) {
                    updateDependence(touchedPairs);
                }
            }
            if (r + 1 < rounds) {
                for (Unit u : fresh) {
                    contribute(u, -1);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- results

    /** The engine's conclusion for one item; empty when nothing was stated about it. */
    public Optional<Resolution> resolve(DataItem item) {
        List<Statement> all = statements.get(item);
        if (all == null) {
            return Optional.empty();
        }
        return Optional.of(Statuses.resolve(this, item, all, units.getOrDefault(item, List.of())));
    }

    /** Every item's conclusion, in item order. */
    public List<Resolution> resolveAll() {
        List<Resolution> out = new ArrayList<>(statements.size());
        for (DataItem item : statements.keySet()) {
            out.add(resolve(item).orElseThrow());
        }
        return out;
    }

    /** The items stated so far, sorted. */
    public Set<DataItem> items() {
        return java.util.Collections.unmodifiableSet(statements.keySet());
    }

    /** Dated values of one attribute of one subject, over all its qualifiers and scopes, oldest first. */
    public Timeline timeline(String subject, String attribute) {
        NavigableMap<DataItem, List<Statement>> range = statements.subMap(
                new DataItem(subject, attribute, null, null), true,
                new DataItem(subject, attribute + '\u0000', null, null), false);
        List<Timeline.Entry> entries = new ArrayList<>();
        for (DataItem item : range.keySet()) {
            if (!item.attribute().equals(attribute)) {
                continue;
            }
            for (Belief b : resolve(item).orElseThrow().beliefs()) {
                entries.add(new Timeline.Entry(item, b.value(), b.asOf(), b.status(), b.confidence(), b.sources()));
            }
        }
        entries.sort(Comparator.comparing(Timeline.Entry::asOf, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> e.status().ordinal())
                .thenComparing(Comparator.comparingDouble(Timeline.Entry::confidence).reversed())
                .thenComparing(e -> e.value().key()));
        return new Timeline(subject, attribute, entries);
    }

    /** The learned reliability of a source; empty for a source never seen. */
    public Optional<SourceReliability> reliability(String source) {
        Integer id = sourceIds.get(source);
        return id == null ? Optional.empty() : Optional.of(reliability(id));
    }

    /** Every source's reliability, most accurate first (ties by name). */
    public List<SourceReliability> reliabilities() {
        List<SourceReliability> out = new ArrayList<>();
        for (int s = 0; s < sourceNames.size(); s++) {
            out.add(reliability(s));
        }
        out.sort(Comparator.comparingDouble(SourceReliability::accuracy).reversed().thenComparing(SourceReliability::source));
        return out;
    }

    private SourceReliability reliability(int s) {
        Map<String, Double> perAttribute = new TreeMap<>();
        for (int a = 0; a < attributeNames.size(); a++) {
            double[] r = byAttribute.get(key(s, a));
            if (r != null) {
                perAttribute.put(attributeNames.get(a), r[2]);
            }
        }
        return new SourceReliability(sourceNames.get(s), accuracy[s], sumClaims[s], perAttribute);
    }

    /** Pairs of sources the engine believes dependent with at least {@code minProbability}, most likely first. */
    public List<Dependence> dependences(double minProbability) {
        List<Dependence> out = new ArrayList<>();
        for (Map.Entry<Long, double[]> e : dependence.entrySet()) {
            int lo = (int) (e.getKey() >>> 32);
            int hi = (int) (e.getKey() & 0xffffffffL);
            double[] stats = pairs.get(e.getKey());
            double shared = 0;
            if (stats != null) {
                for (double x : stats) {
                    shared += x;
                }
            }
            if (e.getValue()[0] >= minProbability) {
                out.add(new Dependence(sourceNames.get(lo), sourceNames.get(hi), e.getValue()[0], shared));
            }
            if (e.getValue()[1] >= minProbability) {
                out.add(new Dependence(sourceNames.get(hi), sourceNames.get(lo), e.getValue()[1], shared));
            }
        }
        out.sort(Comparator.comparingDouble(Dependence::probability).reversed().thenComparing(Dependence::copier)
                .thenComparing(Dependence::original));
        return out;
    }

    /** The probability that {@code copier} copies {@code original} (0 when they share no item). */
    public double copyProbability(String copier, String original) {
        Integer a = sourceIds.get(copier);
        Integer b = sourceIds.get(original);
        return a == null || b == null || a.equals(b) ? 0 : copies(a, b);
    }

    // ---------------------------------------------------------------------------------------------- internals

    double accuracyOf(int source) {
        return accuracy[source];
    }

    String sourceName(int source) {
        return sourceNames.get(source);
    }

    int sourceIdOf(String source) {
        return sourceIds.getOrDefault(source, -1);
    }

    private int sourceId(String name) {
        Integer id = sourceIds.get(name);
        if (id == null) {
            id = sourceNames.size();
            sourceIds.put(name, id);
            sourceNames.add(name);
        }
        return id;
    }

    private int attributeId(String name) {
        Integer id = attributeIds.get(name);
        if (id == null) {
            id = attributeNames.size();
            attributeIds.put(name, id);
            attributeNames.add(name);
        }
        return id;
    }

    private void growArrays() {
        int n = sourceNames.size();
        if (accuracy.length < n) {
            int old = accuracy.length;
            accuracy = java.util.Arrays.copyOf(accuracy, n);
            sumTrue = java.util.Arrays.copyOf(sumTrue, n);
            sumClaims = java.util.Arrays.copyOf(sumClaims, n);
            for (int i = old; i < n; i++) {
                accuracy[i] = options.initialAccuracy();
            }
        }
    }

    private List<Unit> allUnits() {
        List<Unit> all = new ArrayList<>();
        units.values().forEach(all::addAll);
        return all;
    }

    private Set<Integer> allSources() {
        Set<Integer> all = new TreeSet<>();
        for (int s = 0; s < sourceNames.size(); s++) {
            all.add(s);
        }
        return all;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** τ(A) = α · median of every quantity claimed for A, for attributes whose rule asks for it. */
    private void computeTolerances() {
        absoluteTolerance.clear();
        Map<String, List<Double>> values = new TreeMap<>();
        for (Map.Entry<DataItem, List<Statement>> e : statements.entrySet()) {
            String attribute = e.getKey().attribute();
            if (options.rule(attribute).medianFactor() <= 0) {
                continue;
            }
            for (Statement s : e.getValue()) {
                if (s.value() instanceof Value.Quantity q) {
                    values.computeIfAbsent(attribute, k -> new ArrayList<>()).add(Math.abs(q.amount()));
                }
            }
        }
        values.forEach((attribute, list) -> {
            double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            absoluteTolerance.put(attribute, options.rule(attribute).medianFactor() * median);
        });
    }

    /**
     * n for each attribute: the configured value, or when that is 0, the mean number of false values an item of the
     * attribute shows (distinct values − 1), at least 1. AccuPr's vote ln(n·A/(1−A)) then reflects how many ways
     * there are to be wrong on this attribute, rather than a constant picked for another data set.
     */
    private void estimateFalseValues(List<Unit> all) {
        double[] sum = new double[attributeNames.size()];
        int[] count = new int[attributeNames.size()];
        for (Unit u : all) {
            sum[u.attribute] += u.values.length - 1;
            count[u.attribute]++;
        }
        falseValues = new double[attributeNames.size()];
        for (int a = 0; a < falseValues.length; a++) {
            falseValues[a] = options.falseValues() > 0 ? options.falseValues() : Math.max(1.0, count[a] == 0 ? 1.0 : sum[a] / count[a]);
        }
    }

    private double falseValues(int attribute) {
        if (attribute < falseValues.length) {
            return falseValues[attribute];
        }
        return options.falseValues() > 0 ? options.falseValues() : 1.0;
    }

    /** The number of false values n the engine uses for an attribute (estimated at the last full refresh). */
    public double falseValues(String attribute) {
        Integer id = attributeIds.get(attribute);
        return id == null ? options.falseValues() : falseValues(id);
    }

    double toleranceOf(String attribute) {
        return absoluteTolerance.getOrDefault(attribute, 0.0);
    }

    /** Splits an item's actual statements into fusion units (epochs for attributes that change over time). */
    private List<Unit> buildUnits(DataItem item, List<Statement> all) {
        List<Statement> actual = all.stream().filter(s -> s.modality() == Modality.ACTUAL).toList();
        if (actual.isEmpty()) {
            return List.of();
        }
        AttributeRule rule = options.rule(item.attribute());
        List<List<Statement>> epochs = new ArrayList<>();
        boolean anyDated = actual.stream().anyMatch(s -> s.asOf() != null);
        if (!rule.changesOverTime() || !anyDated) {
            epochs.add(actual);
        } else {
            TreeSet<LocalDate> dates = new TreeSet<>();
            actual.forEach(s -> {
                if (s.asOf() != null) {
                    dates.add(s.asOf());
                }
            });
            List<LocalDate> starts = new ArrayList<>();
            LocalDate start = null;
            for (LocalDate d : dates) {
                if (start == null || d.isAfter(start.plusDays(options.epochDays()))) {
                    start = d;
                    starts.add(d);
                }
            }
            for (int i = 0; i < starts.size(); i++) {
                epochs.add(new ArrayList<>());
            }
            List<Statement> undated = new ArrayList<>();
            for (Statement s : actual) {
                if (s.asOf() == null) {
                    undated.add(s);
                    continue;
                }
                int e = starts.size() - 1;
                while (starts.get(e).isAfter(s.asOf())) {
                    e--;
                }
                epochs.get(e).add(s);
            }
            // An undated claim of a changing attribute restates the latest dated epoch that has its value ("its
            // valuation of $80 billion" in a story that dates that value elsewhere); a value no dated claim gives
            // is taken as current: news without a date is recent news.
            double tau = toleranceOf(item.attribute());
            for (Statement s : undated) {
                int home = epochs.size() - 1;
                for (int e = epochs.size() - 1; e >= 0; e--) {
                    if (epochs.get(e).stream().anyMatch(x -> rule.agree(x.value(), s.value(), tau))) {
                        home = e;
                        break;
                    }
                }
                epochs.get(home).add(s);
            }
        }
        List<Unit> out = new ArrayList<>();
        for (int e = 0; e < epochs.size(); e++) {
            out.add(new Unit(item, e, epochs.get(e)));
        }
        return out;
    }

    private void computeProbabilities(List<Unit> list) {
        if (options.threads() <= 1 || list.size() < 256) {
            list.forEach(this::computeProbabilities);
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            pool.submit(() -> IntStream.range(0, list.size()).parallel().forEach(i -> computeProbabilities(list.get(i)))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating value probabilities", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("estimating value probabilities failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** The vote weight of a source for an attribute: ln(n·A / (1 − A)), never negative. */
    private double weight(int source, int attribute) {
        double a = Math.min(Math.max(accuracyFor(source, attribute), 1e-6), 1 - 1e-6);
        return Math.max(0.0, Math.log(falseValues(attribute) * a / (1 - a)));
    }

    private double copies(int copier, int original) {
        double[] d = dependence.get(copier < original ? key(copier, original) : key(original, copier));
        if (d == null) {
            return 0;
        }
        return copier < original ? d[0] : d[1];
    }

    /** The probability that the copier copied a given value: its copy probability times the pair's copy rate. */
    private double copiedShare(int copier, int original) {
        double[] d = dependence.get(copier < original ? key(copier, original) : key(original, copier));
        if (d == null) {
            return 0;
        }
        return (copier < original ? d[0] : d[1]) * d[2];
    }

    /** Value probabilities of one unit from the current accuracies and dependences. */
    private void computeProbabilities(Unit u) {
        int n = u.values.length;
        double[] votes = new double[n];
        for (int v = 0; v < n; v++) {
            List<int[]> group = u.votesFor(v);
            // Most reliable first: it counts in full; later ones only as far as they did not copy an earlier one.
            double[][] ranked = new double[group.size()][];
            for (int g = 0; g < group.size(); g++) {
                int[] entries = group.get(g);
                int best = -1;
                double w = -1;
                for (int e : entries) {
                    double we = weight(u.entrySource[e], u.attribute);
                    if (we > w || (we == w && sourceNames.get(u.entrySource[e]).compareTo(sourceNames.get(u.entrySource[best])) < 0)) {
                        w = we;
                        best = e;
                    }
                }
                ranked[g] = new double[]{w * u.entryShare[best], u.entrySource[best], w};
            }
            java.util.Arrays.sort(ranked, (x, y) -> {
                int cmp = Double.compare(y[2], x[2]);
                return cmp != 0 ? cmp : sourceNames.get((int) x[1]).compareTo(sourceNames.get((int) y[1]));
            });
            double total = 0;
            for (int g = 0; g < ranked.length; g++) {
                double independent = 1;
                if (options.detectCopying()) {
                    for (int h = 0; h < g; h++) {
                        independent *= 1 - copiedShare((int) ranked[g][1], (int) ranked[h][1]);
                    }
                }
                total += ranked[g][0] * independent;
            }
            votes[v] = total;
        }
        double[] adjusted = votes.clone();
        if (options.similarityWeight() > 0 && u.similarity != null) {
            for (int v = 0; v < n; v++) {
                double extra = 0;
                for (int w = 0; w < n; w++) {
                    if (w != v) {
                        extra += u.similarity[v][w] * votes[w];
                    }
                }
                adjusted[v] += options.similarityWeight() * extra;
            }
        }
        // Softmax over the n + 1 values the item may have: the unseen ones have no vote.
        double max = 0;
        for (double a : adjusted) {
            max = Math.max(max, a);
        }
        double unseen = Math.max(0, falseValues(u.attribute) + 1 - n);
        double z = unseen * Math.exp(-max);
        for (double a : adjusted) {
            z += Math.exp(a - max);
        }
        double[] p = new double[n];
        for (int v = 0; v < n; v++) {
            p[v] = Math.exp(adjusted[v] - max) / z;
        }
        u.probability = p;
        u.votes = votes;
    }

    private void rebuildSums(List<Unit> all) {
        java.util.Arrays.fill(sumTrue, 0);
        java.util.Arrays.fill(sumClaims, 0);
        for (double[] r : byAttribute.values()) {
            r[0] = 0;
            r[1] = 0;
        }
        pairs.clear();
        for (Unit u : all) {
            contribute(u, +1);
        }
    }

    /** Adds (sign +1) or removes (−1) one unit's share of the per-source, per-attribute and per-pair sums. */
    private void contribute(Unit u, int sign) {
        double[] p = u.contributed;
        if (sign > 0) {
            p = u.probability;
            u.contributed = p;
        }
        if (p == null) {
            return;
        }
        for (int e = 0; e < u.entrySource.length; e++) {
            int s = u.entrySource[e];
            double share = u.entryShare[e];
            sumTrue[s] += sign * share * p[u.entryValue[e]];
            sumClaims[s] += sign * share;
            double[] r = byAttribute.computeIfAbsent(key(s, u.attribute), k -> new double[]{0, 0, options.initialAccuracy()});
            r[0] += sign * share * p[u.entryValue[e]];
            r[1] += sign * share;
        }
        if (!options.detectCopying()) {
            return;
        }
        int[] single = u.single;
        for (int i = 0; i < single.length; i++) {
            for (int j = i + 1; j < single.length; j++) {
                int ei = single[i];
                int ej = single[j];
                if (u.entryVote[ei] == u.entryVote[ej] && u.entryValue[ei] == u.entryValue[ej] && u.voteSize(u.entryVote[ei]) > 1) {
                    continue; // one copy cluster: already counted once, not evidence about the sources
                }
                int a = u.entrySource[ei];
                int b = u.entrySource[ej];
                long k = a < b ? key(a, b) : key(b, a);
                int at = 3 * u.attribute;
                double[] st = pairs.get(k);
                if (st == null || st.length <= at + 2) {
                    double[] grown = new double[3 * attributeNames.size()];
                    if (st != null) {
                        System.arraycopy(st, 0, grown, 0, st.length);
                    }
                    st = grown;
                    pairs.put(k, st);
                }
                if (u.entryValue[ei] == u.entryValue[ej]) {
                    double pt = p[u.entryValue[ei]];
                    st[at] += sign * pt;
                    st[at + 1] += sign * (1 - pt);
                } else {
                    st[at + 2] += sign;
                }
            }
        }
        if (sign < 0) {
            u.contributed = null;
        }
    }

    /** A(s) = (Σ P(value of s) + β·A₀) / (claims + β); per attribute shrunk towards A(s). Returns the largest change. */
    private double updateAccuracies(Collection<Integer> sources) {
        double moved = 0;
        double prior = options.initialAccuracy();
        double beta = options.priorStrength();
        for (int s : sources) {
            double a = (sumTrue[s] + beta * prior) / (sumClaims[s] + beta);
            moved = Math.max(moved, Math.abs(a - accuracy[s]));
            accuracy[s] = a;
        }
        Set<Integer> set = sources instanceof Set<Integer> ss ? ss : new HashSet<>(sources);
        double gamma = options.attributePriorStrength();
        for (Map.Entry<Long, double[]> e : byAttribute.entrySet()) {
            int s = (int) (e.getKey() >>> 32);
            if (!set.contains(s)) {
                continue;
            }
            double[] r = e.getValue();
            double a = (r[0] + gamma * accuracy[s]) / (r[1] + gamma);
            if (options.perAttribute()) {
                moved = Math.max(moved, Math.abs(a - r[2]));
            }
            r[2] = a;
        }
        return moved;
    }

    /**
     * Bayesian copy detection (Dong et al. 2009, §3): compares the likelihood of what two sources share under
     * independence with its likelihood when one copies the other with rate c. Same true values are weak evidence
     * of copying, same false values strong evidence, different values evidence of independence.
     */
    private void updateDependence(Collection<Long> keys) {
        double alpha = options.copyPrior();
        for (long k : keys) {
            double[] st = pairs.get(k);
            double total = 0;
            if (st != null) {
                for (double x : st) {
                    total += Math.abs(x);
                }
            }
            if (total < 1e-9) {
                dependence.remove(k);
                continue;
            }
            int a = (int) (k >>> 32);
            int b = (int) (k & 0xffffffffL);
            double c = copyRate(a, b, st, options.copyRate());
            double independent = Math.log(1 - 2 * alpha);
            double aCopiesB = Math.log(alpha);
            double bCopiesA = Math.log(alpha);
            // Per attribute, with the accuracies for that attribute: agreeing on an easy attribute, which every
            // independent source gets right, says little; agreeing on a hard one says more.
            for (int at = 0; at * 3 + 2 < st.length; at++) {
                // Shared true values are left out: on an easy attribute every accurate source shares them, and the
                // model's A1·A2 (one accuracy for all items) reads that as copying. The evidence is what AccuCopy's
                // intuition names: the false values two sources share, and the items where they differ.
                double kt = 0;
                double kf = Math.max(0, st[3 * at + 1]);
                double kd = Math.max(0, st[3 * at + 2]);
                if (kt + kf + kd < 1e-12) {
                    continue;
                }
                double a1 = clamp(accuracyFor(a, at));
                double a2 = clamp(accuracyFor(b, at));
                double n = falseValues(at);
                double pt = a1 * a2;
                double pf = (1 - a1) * (1 - a2) / n;
                double pd = Math.max(1e-12, 1 - pt - pf);
                independent += kt * Math.log(pt) + kf * Math.log(pf) + kd * Math.log(pd);
                // a copies b: a shared value is b's own, true with b's accuracy.
                aCopiesB += kt * Math.log(a2 * c + pt * (1 - c)) + kf * Math.log((1 - a2) * c + pf * (1 - c)) + kd * Math.log(pd * (1 - c));
                bCopiesA += kt * Math.log(a1 * c + pt * (1 - c)) + kf * Math.log((1 - a1) * c + pf * (1 - c)) + kd * Math.log(pd * (1 - c));
            }
            double max = Math.max(independent, Math.max(aCopiesB, bCopiesA));
            double z = Math.exp(independent - max) + Math.exp(aCopiesB - max) + Math.exp(bCopiesA - max);
            dependence.put(k, new double[]{Math.exp(aCopiesB - max) / z, Math.exp(bCopiesA - max) / z, c});
        }
    }

    /**
     * The share of its values a copier copies: Dong et al. fix it at c = .8; here it is the larger of that and the
     * moment estimate from how much more often the pair agrees than independent sources of their accuracy would,
     * (agreements − expected) / (shared − expected), so that a mirror that repeats every value counts once, not
     * 1.2 times, and a loose copier keeps the published rate.
     */
    private double copyRate(int a, int b, double[] st, double floor) {
        double excess = 0;
        double room = 0;
        for (int at = 0; at * 3 + 2 < st.length; at++) {
            double same = Math.max(0, st[3 * at]) + Math.max(0, st[3 * at + 1]);
            double total = same + Math.max(0, st[3 * at + 2]);
            if (total < 1e-12) {
                continue;
            }
            double a1 = clamp(accuracyFor(a, at));
            double a2 = clamp(accuracyFor(b, at));
            double n = falseValues(at);
            double agreeIndependently = a1 * a2 + (1 - a1) * (1 - a2) / n;
            excess += same - total * agreeIndependently;
            room += total * (1 - agreeIndependently);
        }
        double estimate = room > 1e-9 ? excess / room : 0;
        return Math.min(0.99, Math.max(floor, estimate));
    }

    /** A source's accuracy on one attribute (its overall accuracy when not learned per attribute). */
    private double accuracyFor(int source, int attribute) {
        if (options.perAttribute()) {
            double[] r = byAttribute.get(key(source, attribute));
            if (r != null) {
                return r[2];
            }
        }
        return accuracy[source];
    }

    private static double clamp(double a) {
        return Math.min(Math.max(a, 1e-4), 1 - 1e-4);
    }

    List<Unit> unitsOf(DataItem item) {
        return units.getOrDefault(item, List.of());
    }

    /**
     * The actual statements of one item (one epoch of it), reduced to votes: one entry per (source, value) with the
     * source's share (a source stating k values at its newest date gives each 1/k), and entries of one copy
     * cluster with the same value merged into one vote.
     */
    final class Unit {
        final DataItem item;
        final int epoch;
        final int attribute;
        final Value[] values;
        final List<List<Statement>> support;
        final int[] entrySource;
        final int[] entryValue;
        final double[] entryShare;
        final int[] entryVote;
        /** Entries of sources that state a single value: the ones copy detection looks at. */
        final int[] single;
        final List<int[]> voteEntries = new ArrayList<>();
        final List<List<int[]>> byValue = new ArrayList<>();
        final double[][] similarity;
        double[] probability;
        double[] votes;
        double[] contributed;

        Unit(DataItem item, int epoch, List<Statement> list) {
            this.item = item;
            this.epoch = epoch;
            this.attribute = attributeIds.get(item.attribute());
            TreeMap<String, Value> distinct = new TreeMap<>();
            for (Statement s : list) {
                distinct.putIfAbsent(s.value().key(), s.value());
            }
            values = distinct.values().toArray(new Value[0]);
            Map<String, Integer> valueIndex = new HashMap<>();
            int vi = 0;
            for (String k : distinct.keySet()) {
                valueIndex.put(k, vi++);
            }
            support = new ArrayList<>();
            for (int v = 0; v < values.length; v++) {
                support.add(new ArrayList<>());
                byValue.add(new ArrayList<>());
            }
            // Per source: its newest statements only; several values there split its vote.
            TreeMap<String, List<Statement>> bySource = new TreeMap<>();
            for (Statement s : list) {
                bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
                support.get(valueIndex.get(s.value().key())).add(s);
            }
            List<int[]> entries = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            List<String> clusters = new ArrayList<>();
            for (Map.Entry<String, List<Statement>> e : bySource.entrySet()) {
                LocalDate newest = e.getValue().stream().map(Statement::asOf).filter(java.util.Objects::nonNull)
                        .max(LocalDate::compareTo).orElse(null);
                TreeMap<Integer, String> chosen = new TreeMap<>();
                for (Statement s : e.getValue()) {
                    if (newest == null || newest.equals(s.asOf())) {
                        int v = valueIndex.get(s.value().key());
                        String cluster = s.copyCluster();
                        chosen.merge(v, cluster == null ? "" : cluster, (x, y) -> x.isEmpty() ? y : (y.isEmpty() ? x : (x.compareTo(y) <= 0 ? x : y)));
                    }
                }
                int source = sourceIds.get(e.getKey());
                for (Map.Entry<Integer, String> c : chosen.entrySet()) {
                    entries.add(new int[]{source, c.getKey()});
                    shares.add(1.0 / chosen.size());
                    clusters.add(c.getValue());
                }
            }
            int m = entries.size();
            entrySource = new int[m];
            entryValue = new int[m];
            entryShare = new double[m];
            entryVote = new int[m];
            Map<String, Integer> clusterVote = new HashMap<>();
            List<Integer> singles = new ArrayList<>();
            Map<Integer, Integer> valuesPerSource = new HashMap<>();
            for (int[] en : entries) {
                valuesPerSource.merge(en[0], 1, Integer::sum);
            }
            for (int i = 0; i < m; i++) {
                entrySource[i] = entries.get(i)[0];
                entryValue[i] = entries.get(i)[1];
                entryShare[i] = shares.get(i);
                String cluster = clusters.get(i);
                Integer vote = cluster.isEmpty() ? null : clusterVote.get(cluster + '\u0001' + entryValue[i]);
                if (vote == null) {
                    vote = voteEntries.size();
                    voteEntries.add(new int[]{i});
                    if (!cluster.isEmpty()) {
                        clusterVote.put(cluster + '\u0001' + entryValue[i], vote);
                    }
                    byValue.get(entryValue[i]).add(null); // placeholder, filled below
                } else {
                    int[] old = voteEntries.get(vote);
                    int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = i;
                    voteEntries.set(vote, grown);
                }
                entryVote[i] = vote;
                if (valuesPerSource.get(entrySource[i]) == 1) {
                    singles.add(i);
                }
            }
            for (List<int[]> l : byValue) {
                l.clear();
            }
            for (int[] ve : voteEntries) {
                byValue.get(entryValue[ve[0]]).add(ve);
            }
            single = singles.stream().mapToInt(Integer::intValue).toArray();
            AttributeRule rule = options.rule(item.attribute());
            if (options.similarityWeight() > 0 && values.length > 1) {
                double tau = toleranceOf(item.attribute());
                similarity = new double[values.length][values.length];
                for (int a = 0; a < values.length; a++) {
                    for (int b = 0; b < values.length; b++) {
                        if (a != b) {
                            similarity[a][b] = rule.similarity(values[a], values[b], tau);
                        }
                    }
                }
            } else {
                similarity = null;
            }
        }

        List<int[]> votesFor(int value) {
            return byValue.get(value);
        }

        int voteSize(int vote) {
            return voteEntries.get(vote).length;
        }

        List<Long> pairKeys() {
            List<Long> keys = new ArrayList<>();
            for (int i = 0; i < single.length; i++) {
                for (int j = i + 1; j < single.length; j++) {
                    int a = entrySource[single[i]];
                    int b = entrySource[single[j]];
                    keys.add(a < b ? key(a, b) : key(b, a));
                }
            }
            return keys;
        }

        /** The latest date among the statements of a value; null when none is dated. */
        LocalDate asOf(int value) {
            return support.get(value).stream().map(Statement::asOf).filter(java.util.Objects::nonNull)
                    .max(LocalDate::compareTo).orElse(null);
        }
    }

}
