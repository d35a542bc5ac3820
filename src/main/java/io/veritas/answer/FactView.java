package io.veritas.answer;

import java.time.LocalDate;
import java.util.List;

/**
 * A fact as an answer reports it: {@code value} in {@code unit} (e.g. 2.3E11 USD, 1.0E9 USD/month), written out
 * in the answer's language as {@code text}, with its status ({@code current}, {@code superseded}, {@code disputed},
 * {@code reported}, {@code target}, {@code denied} or {@code rejected}) and the ids of the citations that support it;
 * {@code confidence}: the truth engine's probability that the value is the true one (for reported, target and
 * denied values, that at least one of its sources is right); {@code by}: who states it, with their reliability.
 */
public record FactView(String subject, String attribute, String qualifier, double value, String unit, String text,
                       LocalDate asOf, String status, String modality, List<String> sources, double confidence,
                       List<SourceView> by) {
    public FactView {
        sources = List.copyOf(sources);
        by = by == null ? List.of() : List.copyOf(by);
    }
}
