package io.veritas.truth;

import java.util.Map;

/**
 * The engine's settings. The defaults are the published ones of the model family (Dong, Berti-Equille, Srivastava,
 * PVLDB 2009: initial accuracy .8, n = 100 false values per item, copy prior α = .2, copy rate c = .8; AccuSim's
 * similarity weight ρ = .5), plus two generic smoothing strengths explained in docs/truth.md.
 *
 * @param initialAccuracy   the accuracy every source starts with, and the prior its estimate is shrunk towards
 * @param priorStrength     pseudo-claims at {@code initialAccuracy} added to each source's record, so a source
 *                          seen once is not judged on that one claim
 * @param falseValues       n, the number of false values an item is assumed to have (AccuPr's uniform model)
 * @param similarityWeight  ρ, how much of a similar value's vote a value receives (0 = none)
 * @param learnAccuracy     false gives plain voting: every source weighs the same
 * @param perAttribute      learn a source's accuracy per attribute, shrunk towards its overall accuracy
 * @param attributePriorStrength pseudo-claims at the overall accuracy added to each per-attribute record
 * @param detectCopying     AccuCopy's dependence detection between sources
 * @param copyPrior         α, the prior probability that one source copies another (per direction)
 * @param copyRate          c, the fraction of its values a copier copies
 * @param maxIterations     rounds of (value probabilities, accuracies, dependence) at most
 * @param tolerance         stop when no accuracy moves by more than this
 * @param epochDays         dated values of an attribute that changes over time within this many days are one epoch
 * @param disputeRatio      a runner-up with at least this share of the winner's probability, from credible
 *                          sources, makes the item disputed
 * @param credible          probability a value needs to be presented as current (or as a credible dispute)
 * @param refreshFraction   after this fraction of the statements has arrived since the last full estimation, the
 *                          next {@link TruthEngine#add} re-estimates everything
 * @param threads           worker threads for value probabilities (results do not depend on it)
 * @param rules             comparison rules per attribute; {@code defaultRule} for the others
 */
public record TruthOptions(double initialAccuracy, double priorStrength, int falseValues, double similarityWeight,
                           boolean learnAccuracy, boolean perAttribute, double attributePriorStrength,
                           boolean detectCopying, double copyPrior, double copyRate, int maxIterations, double tolerance,
                           int epochDays, double disputeRatio, double credible, double refreshFraction, int threads,
                           Map<String, AttributeRule> rules, AttributeRule defaultRule) {
    public TruthOptions {
        if (initialAccuracy <= 0 || initialAccuracy >= 1) {
            throw new IllegalArgumentException("initialAccuracy must be in (0, 1), got " + initialAccuracy);
        }
        if (falseValues < 0) {
            throw new IllegalArgumentException("falseValues must be 0 (estimate per attribute) or more, got " + falseValues);
        }
        if (copyPrior <= 0 || copyPrior >= 0.5 || copyRate <= 0 || copyRate >= 1) {
            throw new IllegalArgumentException("copyPrior must be in (0, .5) and copyRate in (0, 1)");
        }
        if (threads < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("threads and maxIterations must be at least 1");
        }
        rules = Map.copyOf(rules);
        defaultRule = defaultRule == null ? AttributeRule.exact() : defaultRule;
    }

    /** AccuCopy with value similarity and per-attribute accuracy. */
    public static TruthOptions defaults() {
        return new TruthOptions(0.8, 2.0, 0, 0.5, true, false, 5.0, true, 0.2, 0.8, 30, 1e-4,
                3, 0.5, 0.5, 0.2, 1, Map.of(), AttributeRule.exact());
    }

    /** Plain voting: one vote per independent source, no learning, no similarity, no copy detection. */
    public static TruthOptions vote() {
        return defaults().withLearning(false).withSimilarityWeight(0).withCopyDetection(false);
    }

    public AttributeRule rule(String attribute) {
        return rules.getOrDefault(attribute, defaultRule);
    }

    public TruthOptions withRules(Map<String, AttributeRule> newRules) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, similarityWeight, learnAccuracy, perAttribute,
                attributePriorStrength, detectCopying, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, refreshFraction, threads, newRules, defaultRule);
    }

    public TruthOptions withLearning(boolean learn) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, similarityWeight, learn, perAttribute,
                attributePriorStrength, detectCopying, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, refreshFraction, threads, rules, defaultRule);
    }

    public TruthOptions withSimilarityWeight(double rho) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, rho, learnAccuracy, perAttribute,
                attributePriorStrength, detectCopying, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, refreshFraction, threads, rules, defaultRule);
    }

    public TruthOptions withCopyDetection(boolean detect) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, similarityWeight, learnAccuracy, perAttribute,
                attributePriorStrength, detect, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, refreshFraction, threads, rules, defaultRule);
    }

    public TruthOptions withPerAttribute(boolean perAttr) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, similarityWeight, learnAccuracy, perAttr,
                attributePriorStrength, detectCopying, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, refreshFraction, threads, rules, defaultRule);
    }

    public TruthOptions withThreads(int n) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, similarityWeight, learnAccuracy, perAttribute,
                attributePriorStrength, detectCopying, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, refreshFraction, n, rules, defaultRule);
    }

    public TruthOptions withRefreshFraction(double fraction) {
        return new TruthOptions(initialAccuracy, priorStrength, falseValues, similarityWeight, learnAccuracy, perAttribute,
                attributePriorStrength, detectCopying, copyPrior, copyRate, maxIterations, tolerance, epochDays,
                disputeRatio, credible, fraction, threads, rules, defaultRule);
    }
}
