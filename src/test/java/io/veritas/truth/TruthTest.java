package io.veritas.truth;

import io.veritas.extract.Claim;
import io.veritas.extract.Lexicon;
import io.veritas.text.Span;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TruthTest {
    private static Evidence hit(String doc, String qualifier, double value, String asOf, String modality) {
        Claim c = new Claim(doc, "acme", "Acme", "x", qualifier, value, "USD", null, "exact",
                asOf == null ? null : LocalDate.parse(asOf), asOf != null, modality, new Span(0, 1), new Span(0, 1));
        return new Evidence(c, doc);
    }

    @Test
    void newerLevelsSupersedeOlderOnesAndCopiesCountOncePerDocument() {
        Verdict v = Truth.judge("valuation", Lexicon.Kind.STATE, List.of(
                hit("a", null, 1.0e9, "2025-01-01", "actual"),
                hit("a", null, 1.0e9, "2025-01-01", "actual"),
                hit("b", null, 2.0e9, "2025-06-01", "actual"),
                hit("c", null, 2.01e9, "2025-06-02", "actual")));
        assertEquals(2, v.facts().size());
        assertEquals(Truth.CURRENT, v.facts().get(0).status());
        assertEquals(2, v.facts().get(0).sourceCount(), "2.0e9 and 2.01e9 are the same figure");
        assertEquals(Truth.SUPERSEDED, v.facts().get(1).status());
        assertEquals(1, v.facts().get(1).sourceCount());
    }

    @Test
    void differentValuesAtTheSameTimeAreDisputed() {
        Verdict v = Truth.judge("valuation", Lexicon.Kind.STATE, List.of(
                hit("a", null, 1.0e9, "2025-06-01", "actual"),
                hit("b", null, 1.5e9, "2025-06-02", "actual")));
        assertEquals(List.of(Truth.DISPUTED, Truth.DISPUTED), v.facts().stream().map(Fact::status).toList());
    }

    @Test
    void roundsAreEventsAndTargetsNeverCompete() {
        Verdict v = Truth.judge("funding", Lexicon.Kind.EVENT, List.of(
                hit("a", "Series A", 1.0e7, "2023-01-01", "actual"),
                hit("b", "Series B", 5.0e7, "2024-01-01", "actual"),
                hit("c", "Series B", 5.0e7, "2024-01-02", "actual"),
                hit("c", "Series B", 4.0e7, "2024-01-02", "target")));
        Fact b = v.facts().get(0);
        assertEquals("Series B", b.qualifier());
        assertEquals(Truth.CURRENT, b.status());
        assertEquals(Truth.REPORTED, v.facts().get(1).status(), "an older round is not superseded by a newer one");
        assertEquals("target", v.facts().get(2).modality());
        assertEquals(Truth.REPORTED, v.facts().get(2).status());
    }

    @Test
    void aFigureTheTextDatesBeatsThePublicationDate() {
        Evidence undated = hit("a", null, 1.0e9, "2026-01-07", "actual");
        Claim c = undated.claim();
        Evidence fromPublication = new Evidence(new Claim(c.docId(), c.subject(), c.subjectAs(), c.attribute(), null, c.value(),
                "USD", null, "exact", c.asOf(), false, "actual", c.quote(), c.figure()), undated.cluster());
        Verdict v = Truth.judge("valuation", Lexicon.Kind.STATE, List.of(fromPublication, hit("b", null, 1.0e9, "2026-01-06", "actual")));
        assertEquals(LocalDate.parse("2026-01-06"), v.facts().get(0).asOf());
    }

    /**
     * Values that chain (each within 2% of the next, the ends 3% apart) used to group around whichever came first;
     * the verdict must be the same for the same evidence in any order.
     */
    @Test
    void theSameEvidenceInAnyOrderGivesTheSameVerdict() {
        List<Evidence> evidence = new java.util.ArrayList<>(List.of(
                hit("a", null, 1.000e9, "2025-06-01", "actual"),
                hit("b", null, 1.015e9, "2025-06-01", "actual"),
                hit("c", null, 1.030e9, "2025-06-02", "actual"),
                hit("d", "Series A", 5.0e7, "2024-01-01", "actual"),
                hit("e", null, 1.2e9, "2025-09-01", "planned")));
        Verdict first = Truth.judge("valuation", Lexicon.Kind.STATE, evidence);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20; i++) {
            java.util.Collections.shuffle(evidence, random);
            assertEquals(first, Truth.judge("valuation", Lexicon.Kind.STATE, evidence), "order " + evidence);
        }
        assertEquals(2, first.facts().stream().filter(f -> f.modality().equals("actual") && f.qualifier() == null).count(),
                "1.000 and 1.015 agree; 1.030 is more than 2% from the smallest of them");
    }
}
