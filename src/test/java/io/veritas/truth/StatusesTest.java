package io.veritas.truth;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statuses of values, on invented companies. */
class StatusesTest {
    private static final TruthOptions OPTIONS = TruthOptions.defaults().withRules(Map.of(
            "valuation", AttributeRule.relative(0.02).changingOverTime(),
            "funding", AttributeRule.relative(0.02)));

    private static Statement claim(String subject, String attribute, String qualifier, double value, String asOf,
                                   Modality modality, String source, String cluster) {
        return new Statement(new DataItem(subject, attribute, qualifier, null), new Value.Quantity(value, "USD"),
                asOf == null ? null : LocalDate.parse(asOf), modality, source + "-" + asOf + "-" + value, source, cluster);
    }

    private static Statement actual(String subject, String attribute, double value, String asOf, String source) {
        return claim(subject, attribute, null, value, asOf, Modality.ACTUAL, source, null);
    }

    private static List<Belief> beliefs(TruthEngine engine, String subject, String attribute, String qualifier) {
        return engine.resolve(new DataItem(subject, attribute, qualifier, null)).orElseThrow().beliefs();
    }

    private static Status statusOf(List<Belief> beliefs, double value) {
        return beliefs.stream().filter(b -> ((Value.Quantity) b.value()).amount() == value).findFirst().orElseThrow().status();
    }

    @Test
    void aNewerValueOfAChangingAttributeIsCurrentAndTheOlderOneSuperseded() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                actual("Zentrix", "valuation", 1e9, "2024-01-10", "Daily Ledger"),
                actual("Zentrix", "valuation", 1e9, "2024-01-11", "Harbor Post"),
                actual("Zentrix", "valuation", 2e9, "2024-06-02", "Daily Ledger"),
                actual("Zentrix", "valuation", 2.01e9, "2024-06-03", "Orbit Wire")));
        List<Belief> b = beliefs(engine, "Zentrix", "valuation", null);
        assertEquals(Status.CURRENT, b.get(0).status());
        assertEquals(LocalDate.parse("2024-06-03"), b.get(0).asOf());
        assertEquals(Status.SUPERSEDED, statusOf(b, 1e9));
        Timeline t = engine.timeline("Zentrix", "valuation");
        assertEquals(LocalDate.parse("2024-01-11"), t.entries().get(0).asOf(), "oldest first");
        assertEquals(Status.SUPERSEDED, t.entries().get(0).status());
        assertEquals(List.of("Daily Ledger", "Harbor Post"), t.entries().get(0).sources());
        assertTrue(t.entries().stream().anyMatch(e -> e.status() == Status.CURRENT));
    }

    @Test
    void credibleIndependentSourcesWithIncompatibleValuesAreDisputedBetterSupportedFirst() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                claim("Quillon", "funding", "Series B", 40e6, "2024-03-01", Modality.ACTUAL, "Daily Ledger", null),
                claim("Quillon", "funding", "Series B", 40e6, "2024-03-01", Modality.ACTUAL, "Orbit Wire", null),
                claim("Quillon", "funding", "Series B", 40e6, "2024-03-01", Modality.ACTUAL, "Civic Star", null),
                claim("Quillon", "funding", "Series B", 55e6, "2024-03-02", Modality.ACTUAL, "Harbor Post", null),
                claim("Quillon", "funding", "Series B", 55e6, "2024-03-02", Modality.ACTUAL, "Metro Times", null)));
        List<Belief> b = beliefs(engine, "Quillon", "funding", "Series B");
        assertEquals(40e6, ((Value.Quantity) b.get(0).value()).amount());
        assertEquals(Status.DISPUTED, b.get(0).status());
        assertEquals(Status.DISPUTED, b.get(1).status());
        assertTrue(engine.resolve(new DataItem("Quillon", "funding", "Series B", null)).orElseThrow().disputed());
    }

    @Test
    void aSingleLaterClaimDoesNotOverturnSeveralReliableSourcesOnAFixedFact() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                actual("Brelvo", "funding", 120e6, "2024-02-01", "Daily Ledger"),
                actual("Brelvo", "funding", 120e6, "2024-02-01", "Orbit Wire"),
                actual("Brelvo", "funding", 120e6, "2024-02-02", "Harbor Post"),
                actual("Brelvo", "funding", 120e6, "2024-02-02", "Civic Star"),
                actual("Brelvo", "funding", 90e6, "2024-05-01", "Lone Blog")));
        List<Belief> b = beliefs(engine, "Brelvo", "funding", null);
        assertEquals(Status.CURRENT, b.get(0).status());
        assertEquals(120e6, ((Value.Quantity) b.get(0).value()).amount());
        assertEquals(Status.REJECTED, statusOf(b, 90e6));
    }

    @Test
    void aLoneUnreliableNewerClaimOfAChangingAttributeDoesNotBecomeCurrent() {
        // "Rumor Mill" is wrong on every other company, so its newer valuation is not credible.
        List<Statement> claims = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String company = "Co" + i;
            claims.add(actual(company, "funding", 10e6 + i, "2024-01-01", "Daily Ledger"));
            claims.add(actual(company, "funding", 10e6 + i, "2024-01-01", "Orbit Wire"));
            claims.add(actual(company, "funding", 99e6 + i, "2024-01-01", "Rumor Mill"));
        }
        claims.add(actual("Vantor", "valuation", 3e9, "2024-01-05", "Daily Ledger"));
        claims.add(actual("Vantor", "valuation", 3e9, "2024-01-05", "Orbit Wire"));
        claims.add(actual("Vantor", "valuation", 9e9, "2024-04-01", "Rumor Mill"));
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(claims);
        List<Belief> b = beliefs(engine, "Vantor", "valuation", null);
        assertEquals(3e9, ((Value.Quantity) b.get(0).value()).amount(), "got " + b);
        assertEquals(Status.CURRENT, b.get(0).status());
        assertEquals(Status.REJECTED, statusOf(b, 9e9));
    }

    @Test
    void aRoundInTalksIsReportedNeverDone() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                claim("Nimbra", "funding", "Series C", 300e6, "2024-07-01", Modality.REPORTED, "Daily Ledger", null),
                claim("Nimbra", "funding", "Series C", 300e6, "2024-07-02", Modality.PLANNED, "Orbit Wire", null)));
        Resolution r = engine.resolve(new DataItem("Nimbra", "funding", "Series C", null)).orElseThrow();
        assertTrue(r.best().isEmpty(), "nothing actual: nothing to present as done");
        assertTrue(r.beliefs().stream().allMatch(b -> b.status() == Status.REPORTED));
    }

    @Test
    void aTargetBesideWhatWasRaisedIsNotAConflict() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                claim("Kestrix", "funding", "Series A", 500e6, "2024-03-01", Modality.TARGET, "Daily Ledger", null),
                claim("Kestrix", "funding", "Series A", 320e6, "2024-05-01", Modality.ACTUAL, "Daily Ledger", null),
                claim("Kestrix", "funding", "Series A", 320e6, "2024-05-02", Modality.ACTUAL, "Orbit Wire", null)));
        Resolution r = engine.resolve(new DataItem("Kestrix", "funding", "Series A", null)).orElseThrow();
        assertEquals(Status.CURRENT, r.beliefs().get(0).status());
        assertEquals(320e6, ((Value.Quantity) r.best().orElseThrow().value()).amount());
        assertEquals(Status.TARGET, statusOf(r.beliefs(), 500e6));
        assertFalse(r.disputed());
    }

    @Test
    void aCredibleDenialTurnsTheValueIntoADispute() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                claim("Pellam", "funding", null, 80e6, "2024-03-01", Modality.ACTUAL, "Daily Ledger", null),
                claim("Pellam", "funding", null, 80e6, "2024-03-02", Modality.DENIED, "Pellam Press Office", null)));
        List<Belief> b = beliefs(engine, "Pellam", "funding", null);
        assertEquals(Status.DISPUTED, b.get(0).status());
        assertTrue(b.stream().anyMatch(x -> x.status() == Status.DENIED));
    }

    @Test
    void copiesOfOneStoryCountOnce() {
        TruthEngine engine = new TruthEngine(OPTIONS);
        engine.add(List.of(
                claim("Tarvo", "funding", null, 50e6, "2024-03-01", Modality.ACTUAL, "Wire A", "story-1"),
                claim("Tarvo", "funding", null, 50e6, "2024-03-01", Modality.ACTUAL, "Reprint B", "story-1"),
                claim("Tarvo", "funding", null, 50e6, "2024-03-01", Modality.ACTUAL, "Reprint C", "story-1"),
                claim("Tarvo", "funding", null, 60e6, "2024-03-01", Modality.ACTUAL, "Daily Ledger", null),
                claim("Tarvo", "funding", null, 60e6, "2024-03-01", Modality.ACTUAL, "Orbit Wire", null)));
        Belief best = beliefs(engine, "Tarvo", "funding", null).get(0);
        assertEquals(60e6, ((Value.Quantity) best.value()).amount(), "three copies of one story are one voice against two");
        Belief copied = beliefs(engine, "Tarvo", "funding", null).stream()
                .filter(x -> ((Value.Quantity) x.value()).amount() == 50e6).findFirst().orElseThrow();
        assertEquals(1, copied.independentSupport());
        assertEquals(3, copied.sources().size());
    }
}
