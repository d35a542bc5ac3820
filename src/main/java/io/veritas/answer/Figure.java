package io.veritas.answer;

import io.veritas.index.ClaimHit;

import java.time.LocalDate;
import java.util.List;

/**
 * One value of a figure as the answer path sees it: what the truth engine concluded about it ({@code status},
 * {@code confidence}) and the claims of this question that state it, one per document.
 *
 * @param asOf     the date the value refers to: a date the texts give beats a publication date
 * @param status   lower-case {@link io.veritas.truth.Status}
 * @param modality the claims' modality: {@code actual}, {@code planned}, {@code target} or {@code past}
 * @param sources  who states it, sorted
 * @param independent how many independent stories state it: copies of one story (a story cluster, the same
 *                 sentence in several outlets, a relay of another outlet's report) count once
 */
record Figure(String attribute, String qualifier, double value, String currency, String period, String bound,
              LocalDate asOf, String status, String modality, double confidence, List<ClaimHit> support,
              List<String> sources, int independent) {
    static final String CURRENT = "current";
    static final String SUPERSEDED = "superseded";
    static final String DISPUTED = "disputed";
    static final String REPORTED = "reported";
    static final String TARGET = "target";
    static final String DENIED = "denied";
    static final String REJECTED = "rejected";

    Figure {
        support = List.copyOf(support);
        sources = List.copyOf(sources);
    }

    String unit() {
        return period == null ? currency : currency + "/" + period;
    }

    /** Independent sources: copies of one story count once. */
    int sourceCount() {
        return independent;
    }

    /** Whether the value is taken as what happened (now or earlier), not a plan, goal, denial or outweighed value. */
    boolean accepted() {
        return status.equals(CURRENT) || status.equals(DISPUTED) || status.equals(SUPERSEDED) && modality.equals("actual");
    }

    Figure with(String newStatus, List<ClaimHit> newSupport, List<String> newSources, int newIndependent) {
        return new Figure(attribute, qualifier, value, currency, period, bound, asOf, newStatus, modality, confidence,
                newSupport, newSources, newIndependent);
    }
}
