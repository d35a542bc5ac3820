package io.veritas.answer;

import java.time.LocalDate;
import java.util.List;

/**
 * A fact as an answer reports it: {@code value} in {@code unit} (e.g. 2.3E11 USD, 1.0E9 USD/month), written out
 * in the answer's language as {@code text}, with its status and the ids of the citations that support it.
 */
public record FactView(String subject, String attribute, String qualifier, double value, String unit, String text,
                       LocalDate asOf, String status, String modality, List<String> sources) {
    public FactView {
        sources = List.copyOf(sources);
    }
}
