package io.veritas.truth;

/**
 * How values of one attribute are compared: when two values agree (are one value written differently, within a
 * tolerance), how much two different values support each other, and whether the attribute changes over time.
 *
 * <p>Tolerances, as in Li et al. (PVLDB 2013, §3.2): times within {@code minutes}; numbers within
 * {@code relative} of the larger value, or within {@code medianFactor} times the median of every value claimed for
 * the attribute ("τ(A) = α · median(V(A))", α = .01) when that is set. Similarity is 1 for agreeing keys and falls
 * linearly to 0 at twice the tolerance, so near-misses lend some support (AccuSim) without being merged.
 *
 * @param relative       relative tolerance for quantities (0 = exact)
 * @param medianFactor   α for a per-attribute absolute tolerance α·median (0 = not used)
 * @param minutes        tolerance for times of day, in minutes
 * @param days           tolerance for dates, in days
 * @param changesOverTime a level that moves (valuation, headcount): later-dated values supersede older ones
 */
public record AttributeRule(double relative, double medianFactor, int minutes, int days, boolean changesOverTime) {
    public AttributeRule {
        if (relative < 0 || medianFactor < 0 || minutes < 0 || days < 0) {
            throw new IllegalArgumentException("tolerances must be non-negative");
        }
    }

    /** Values agree only when their keys are equal. */
    public static AttributeRule exact() {
        return new AttributeRule(0, 0, 0, 0, false);
    }

    public static AttributeRule relative(double fraction) {
        return new AttributeRule(fraction, 0, 0, 0, false);
    }

    /** τ(A) = α · median of all values of the attribute (Li et al. 2013). */
    public static AttributeRule medianRelative(double alpha) {
        return new AttributeRule(0, alpha, 0, 0, false);
    }

    public static AttributeRule minutes(int minutes) {
        return new AttributeRule(0, 0, minutes, 0, false);
    }

    public AttributeRule changingOverTime() {
        return new AttributeRule(relative, medianFactor, minutes, days, true);
    }

    /** Whether two values are the same value within tolerance; {@code absolute} is τ(A) for quantities (0 if none). */
    public boolean agree(Value a, Value b, double absolute) {
        return distanceInTolerances(a, b, absolute) <= 1.0;
    }

    /**
     * Support value {@code from} lends value {@code to}, in [0, 1]: 1 for agreeing values, 0 for unrelated ones.
     * Lists are the one asymmetric case: a list that is the start of a longer one ("Knuth" for "Knuth; Fuller") omits
     * names rather than contradicting them, so it supports the longer list fully; otherwise lists support each other
     * by their Jaccard overlap.
     */
    public double similarity(Value to, Value from, double absolute) {
        Value a = to;
        Value b = from;
        if (a instanceof Value.Names x && b instanceof Value.Names y) {
            if (x.key().equals(y.key())) {
                return 1.0;
            }
            if (y.names().size() < x.names().size() && x.names().subList(0, y.names().size()).equals(y.names())) {
                return 1.0;
            }
            return x.jaccard(y);
        }
        double d = distanceInTolerances(a, b, absolute);
        if (d == 0) {
            return 1.0;
        }
        return Math.max(0.0, 1.0 - d / 2.0);
    }

    /**
     * Distance in units of the tolerance: 0 for equal keys, ≤ 1 within tolerance, infinite for values that cannot be
     * compared (different kinds or units, different texts).
     */
    double distanceInTolerances(Value a, Value b, double absolute) {
        if (a.key().equals(b.key())) {
            return 0;
        }
        if (a instanceof Value.Quantity x && b instanceof Value.Quantity y && x.unit().equals(y.unit())) {
            double tol = Math.max(relative * Math.max(Math.abs(x.amount()), Math.abs(y.amount())), absolute);
            return tol > 0 ? Math.abs(x.amount() - y.amount()) / tol : Double.POSITIVE_INFINITY;
        }
        if (a instanceof Value.TimeOfDay x && b instanceof Value.TimeOfDay y) {
            return minutes > 0 ? x.minutesTo(y) / (double) minutes : Double.POSITIVE_INFINITY;
        }
        if (a instanceof Value.Day x && b instanceof Value.Day y) {
            return days > 0 ? Math.abs(x.date().toEpochDay() - y.date().toEpochDay()) / (double) days : Double.POSITIVE_INFINITY;
        }
        return Double.POSITIVE_INFINITY;
    }
}
