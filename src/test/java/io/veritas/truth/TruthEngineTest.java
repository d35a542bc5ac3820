package io.veritas.truth;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reliability learning, copy detection, determinism and incremental updates on small invented data. */
class TruthEngineTest {
    private static Statement say(String subject, String attribute, String value, String source) {
        return Statement.of(DataItem.of(subject, attribute), new Value.Text(value), source);
    }

    /**
     * 60 items. "atlas" is right on almost all; "birch", "cedar", "holly" and "iris" are independent and right on
     * most; "dune" is wrong on every third item, and "echo", "fjord" and "grove" copy dune wholesale, false values
     * included. Item "final" is where only birch and cedar speak for the truth against dune and its three copiers.
     */
    static List<Statement> copierWorld() {
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String item = "item" + i;
            String truth = "t" + i;
            out.add(say(item, "code", i % 29 == 5 ? "atlas-slip" + i : truth, "atlas"));
            out.add(say(item, "code", i % 11 == 3 ? "birch-slip" + i : truth, "birch"));
            out.add(say(item, "code", i % 13 == 7 ? "cedar-slip" + i : truth, "cedar"));
            out.add(say(item, "code", i % 17 == 2 ? "holly-slip" + i : truth, "holly"));
            out.add(say(item, "code", i % 19 == 4 ? "iris-slip" + i : truth, "iris"));
            String dune = i % 3 == 0 ? "wrong" + i : truth;
            for (String s : List.of("dune", "echo", "fjord", "grove")) {
                out.add(say(item, "code", dune, s));
            }
        }
        out.add(say("final", "code", "right", "birch"));
        out.add(say("final", "code", "right", "cedar"));
        for (String s : List.of("dune", "echo", "fjord", "grove")) {
            out.add(say("final", "code", "copied", s));
        }
        return out;
    }

    private static String best(TruthEngine engine, String subject) {
        return engine.resolve(DataItem.of(subject, "code")).orElseThrow().best().orElseThrow().value().key();
    }

    @Test
    void aCopiedWrongValueDoesNotOutvoteTwoIndependentSources() {
        TruthEngine vote = new TruthEngine(TruthOptions.vote());
        vote.add(copierWorld());
        assertEquals("copied", best(vote, "final"), "plain voting counts the copies: 4 against 2");

        TruthEngine engine = new TruthEngine(TruthOptions.defaults());
        engine.add(copierWorld());
        assertEquals("right", best(engine, "final"));
        assertTrue(engine.copyProbability("echo", "dune") + engine.copyProbability("dune", "echo") > 0.9,
                "echo and dune share 20 false values: " + engine.dependences(0.1));
        assertTrue(engine.copyProbability("birch", "cedar") + engine.copyProbability("cedar", "birch") < 0.1,
                "birch and cedar differ where either slips: independent");
        double atlas = engine.reliability("atlas").orElseThrow().accuracy();
        double dune = engine.reliability("dune").orElseThrow().accuracy();
        assertTrue(atlas > dune + 0.2, "atlas " + atlas + " should be far more accurate than dune " + dune);
        int right = 0;
        for (int i = 0; i < 60; i += 3) {
            right += best(engine, "item" + i).equals("t" + i) ? 1 : 0;
        }
        assertTrue(right >= 18, "on dune's 20 wrong items the independent majority should win, got " + right);
    }

    @Test
    void theSameClaimsInAnyOrderAndAnyThreadCountGiveTheSameResult() {
        List<Statement> claims = copierWorld();
        TruthEngine first = new TruthEngine(TruthOptions.defaults());
        first.add(claims);
        List<Statement> shuffled = new ArrayList<>(claims);
        Collections.shuffle(shuffled, new Random(7));
        TruthEngine second = new TruthEngine(TruthOptions.defaults().withThreads(2));
        // In two batches that each trigger a full estimation, in another order.
        second.add(shuffled.subList(0, 40));
        second.add(shuffled.subList(40, shuffled.size()));
        second.refresh();
        assertEquals(first.resolveAll(), second.resolveAll());
        assertEquals(first.reliabilities(), second.reliabilities());
    }

    @Test
    void tiesAreBrokenByValueNotByArrival() {
        List<Statement> a = List.of(say("x", "code", "one", "s1"), say("x", "code", "two", "s2"));
        TruthEngine e1 = new TruthEngine(TruthOptions.vote());
        e1.add(a);
        TruthEngine e2 = new TruthEngine(TruthOptions.vote());
        e2.add(List.of(a.get(1)));
        e2.add(List.of(a.get(0)));
        assertEquals(best(e1, "x"), best(e2, "x"));
    }

    @Test
    void anIncrementalUpdateMatchesAFullRecompute() {
        List<Statement> claims = copierWorld();
        List<Statement> early = new ArrayList<>();
        List<Statement> late = new ArrayList<>();
        for (Statement s : claims) {
            String subject = s.item().subject();
            (subject.equals("final") || subject.equals("item57") || subject.equals("item58") ? late : early).add(s);
        }
        TruthEngine incremental = new TruthEngine(TruthOptions.defaults());
        incremental.add(early);
        int before = incremental.iterations();
        incremental.add(late); // 3% of the claims: re-estimates only the touched items
        assertEquals(before, incremental.iterations(), "no full refresh for a small update");

        TruthEngine full = new TruthEngine(TruthOptions.defaults());
        full.add(claims);
        for (DataItem item : full.items()) {
            assertEquals(full.resolve(item).orElseThrow().best().orElseThrow().value(),
                    incremental.resolve(item).orElseThrow().best().orElseThrow().value(), item.toString());
        }
        for (SourceReliability r : full.reliabilities()) {
            double a = incremental.reliability(r.source()).orElseThrow().accuracy();
            assertEquals(r.accuracy(), a, 0.03, r.source());
        }
    }

    @Test
    void aLargeUpdateTriggersAFullRefresh() {
        TruthEngine engine = new TruthEngine(TruthOptions.defaults().withRefreshFraction(0.2));
        List<Statement> claims = copierWorld();
        engine.add(claims.subList(0, 100));
        engine.add(claims.subList(100, claims.size())); // far more than 20% new
        TruthEngine full = new TruthEngine(TruthOptions.defaults());
        full.add(claims);
        assertEquals(full.reliabilities(), engine.reliabilities());
    }

    @Test
    void valuesWithinToleranceSupportEachOtherButStayDistinctCandidates() {
        AttributeRule rule = AttributeRule.minutes(10);
        Value a = new Value.TimeOfDay(23 * 60 + 55);
        Value b = new Value.TimeOfDay(5);
        assertTrue(rule.agree(a, b, 0), "23:55 and 00:05 are 10 minutes apart around the clock");
        assertEquals(0.5, rule.similarity(a, b, 0), 1e-9);
        assertEquals("1000000000 USD", new Value.Quantity(1e9, "USD").key());
        assertTrue(AttributeRule.relative(0.02).agree(new Value.Quantity(1e9, "USD"), new Value.Quantity(1.01e9, "USD"), 0));
        assertTrue(!AttributeRule.relative(0.02).agree(new Value.Quantity(1e9, "USD"), new Value.Quantity(1e9, "EUR"), 0));
        Value.Names full = new Value.Names(List.of("ada lovelace", "charles babbage"));
        Value.Names first = new Value.Names(List.of("ada lovelace"));
        assertEquals(0.5, AttributeRule.exact().similarity(first, full, 0), 1e-9, "partial overlap is partial support");
        assertEquals(1.0, AttributeRule.exact().similarity(full, first, 0), 1e-9, "a truncated list omits, it does not contradict");
        assertEquals(1.0, AttributeRule.medianRelative(0.01).distanceInTolerances(
                new Value.Quantity(100, "x"), new Value.Quantity(101, "x"), 1.0), 1e-9);
    }

    @Test
    void aSourceWithSeveralValuesForOneItemSplitsItsVote() {
        TruthEngine engine = new TruthEngine(TruthOptions.vote());
        engine.add(List.of(say("x", "code", "one", "s1"), say("x", "code", "two", "s1"), say("x", "code", "two", "s2")));
        assertEquals("two", best(engine, "x"));
        assertEquals(1.0, engine.reliability("s1").orElseThrow().claims(), 1e-9);
    }

    @Test
    void statementsNeedASource() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Statement(DataItem.of("x", "y"), new Value.Text("v"), LocalDate.now(), Modality.ACTUAL, null, " ", null));
        assertTrue(e.getMessage().contains("source"));
    }
}
