package io.veritas.truth;

import java.time.LocalDate;
import java.util.List;

/**
 * One value of an attribute as the sources report it, with the claims that support it (one per document).
 *
 * @param asOf     the latest date a supporting source gives for the value; null when none is dated
 * @param status   {@code current}, {@code superseded}, {@code disputed} or {@code reported}
 * @param modality {@code actual}, {@code planned} or {@code target}
 */
public record Fact(String attribute, String qualifier, double value, String currency, String period, String bound,
                   LocalDate asOf, String status, String modality, List<Evidence> support) {
    public Fact {
        support = List.copyOf(support);
    }

    public String unit() {
        return period == null ? currency : currency + "/" + period;
    }

    /** Independent sources: copies of one story (a story cluster) count once. */
    public int sourceCount() {
        return (int) support.stream().map(Evidence::cluster).distinct().count();
    }

    Fact withStatus(String newStatus) {
        return new Fact(attribute, qualifier, value, currency, period, bound, asOf, newStatus, modality, support);
    }
}
