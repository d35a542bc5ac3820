package io.veritas.extract;

import io.veritas.text.Span;

import java.time.LocalDate;

/**
 * One figure a document states about an entity: "xAI — valuation — 2.3E11 USD — as of 2026-01-06", with the
 * sentence that says it.
 *
 * @param subject   the entity's name as folded text (look it up in the {@link AliasTable} for its class)
 * @param subjectAs the entity's name as the document wrote it
 * @param attribute an attribute from the lexicon, e.g. {@code valuation}, {@code funding}, {@code burn}
 * @param qualifier what narrows the attribute, e.g. {@code Series E}; null when none
 * @param value     the amount in units of {@code currency}
 * @param period    {@code month} or {@code year} for rates; null otherwise
 * @param bound     {@code exact}, {@code approx}, {@code upTo}, {@code atLeast} or {@code below}
 * @param asOf      the date the figure refers to; null when neither text nor document gives one
 * @param dated     whether {@code asOf} was read from the text itself rather than taken from publication
 * @param modality  {@code actual}, {@code planned} (talks, plans, forecasts), {@code target} or {@code past}
 * @param quote     the sentence, as a span of the document's cleaned text
 * @param figure    the amount as written, as a span of the document's cleaned text
 */
public record Claim(String docId, String subject, String subjectAs, String attribute, String qualifier, double value, String currency,
                    String period, String bound, LocalDate asOf, boolean dated, String modality, Span quote, Span figure) {
    public Claim {
        if (docId == null || subject == null || attribute == null || currency == null || quote == null || figure == null) {
            throw new IllegalArgumentException("a claim needs a document, subject, attribute, currency, quote and figure");
        }
    }

    /** The unit of {@link #value()}: the currency, per period for rates ({@code USD/month}). */
    public String unit() {
        return period == null ? currency : currency + "/" + period;
    }
}
