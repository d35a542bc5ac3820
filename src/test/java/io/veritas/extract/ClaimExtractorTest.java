package io.veritas.extract;

import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimExtractorTest {
    private static List<Claim> claims(String text, String published) {
        RawItem raw = new RawItem("test", null, Format.TEXT, text, "t1", null, null,
                published == null ? null : Instant.parse(published), null, null, Map.of());
        Document d = Texts.clean(raw, Instant.parse("2026-11-23T00:00:00Z")).document();
        return new ClaimExtractor(Lexicon.defaults()).extract(d).claims();
    }

    private static Claim only(List<Claim> claims, String attribute) {
        List<Claim> of = claims.stream().filter(c -> c.attribute().equals(attribute)).toList();
        assertEquals(1, of.size(), claims.toString());
        return of.get(0);
    }

    @Test
    void aLaterFigureOfAClauseInTalksIsInTalksToo() {
        List<Claim> cs = claims("Orlen Vast is in talks to raise up to $300 million at a valuation of $2 billion, people familiar said.",
                "2026-08-03T00:00:00Z");
        Claim valuation = cs.stream().filter(c -> c.value() == 2e9).findFirst().orElseThrow(() -> new AssertionError(cs.toString()));
        assertEquals("valuation", valuation.attribute(), cs.toString());
        assertEquals("planned", valuation.modality(), "the valuation is the talks' valuation: " + cs);
        assertTrue(cs.stream().allMatch(c -> c.modality().equals("planned")), cs.toString());
        List<Claim> done = claims("Orlen Vast raised $40 million in debt and expects revenue of $15 million next year.",
                "2026-08-04T00:00:00Z");
        assertEquals("actual", only(done, "funding").modality());
        assertEquals("planned", only(done, "revenue").modality());
    }

    @Test
    void twoFiguresInOneSentenceGetTheirOwnAttributes() {
        List<Claim> cs = claims("今年1月6日,Nimbus Labs宣布完成C轮50亿美元融资,整体估值达到400亿美元。", "2026-01-20T00:00:00Z");
        Claim funding = only(cs, "funding");
        assertEquals(5e9, funding.value());
        assertEquals("Series C", funding.qualifier());
        assertEquals("2026-01-06", funding.asOf().toString());
        assertTrue(funding.dated());
        Claim valuation = only(cs, "valuation");
        assertEquals(4e10, valuation.value());
        assertEquals("nimbus labs", valuation.subject());
        assertNull(valuation.qualifier(), "rounds qualify funding, not valuations");
    }

    @Test
    void targetsPlansAndRatesAreTold() {
        List<Claim> cs = claims("Orbital AI closed its Series B at $300 million, beating a $200 million target. "
                + "It is spending about $20 million a month and expects $90 million of revenue this year.", "2026-02-01T00:00:00Z");
        List<Claim> funding = cs.stream().filter(c -> c.attribute().equals("funding")).toList();
        assertEquals(2, funding.size(), cs.toString());
        assertEquals("actual", funding.get(0).modality());
        assertEquals("target", funding.get(1).modality());
        Claim burn = only(cs, "burn");
        assertEquals("month", burn.period());
        assertEquals("USD/month", burn.unit());
        assertEquals("actual", burn.modality());
        Claim revenue = only(cs, "revenue");
        assertEquals("planned", revenue.modality());
        assertNull(revenue.period());
    }

    @Test
    void theInvestorIsTheSubjectNotTheCompanyItInvestsIn() {
        Claim c = only(claims("特斯拉宣布，将向其CEO马斯克的人工智能公司xAI投资20亿美元。", "2026-01-29T00:00:00Z"), "investment");
        assertEquals("特斯拉", c.subjectAs());
        assertEquals("planned", c.modality());
    }

    @Test
    void aSentenceWithoutANameTakesThePreviousOne() {
        List<Claim> cs = claims("机器人新创Nimbus Labs本周获得多家基金加持。这家初创公司即将敲定一轮5亿美元的融资，投后估值预计约30亿美元。",
                "2024-05-23T00:00:00Z");
        assertEquals("Nimbus Labs", only(cs, "funding").subjectAs());
        assertEquals("planned", only(cs, "funding").modality());
        assertEquals("approx", only(cs, "valuation").bound());
    }

    @Test
    void aCurrencyConversionIsNotASecondFigure() {
        List<Claim> cs = claims("深瞳智能（DeepPupil AI）已完成 B 輪募資，金額為3億美元（約新台幣 95 億元）。", "2026-03-10T00:00:00Z");
        assertEquals(1, cs.size(), cs.toString());
        assertEquals("USD", cs.get(0).currency());
    }

    @Test
    void parenthesesTeachAliasesAcrossScripts() {
        RawItem raw = new RawItem("test", null, Format.TEXT, "深瞳智能（DeepPupil AI）完成B轮融资。", "t2", null, null, null, null, null, Map.of());
        Extraction e = new ClaimExtractor(Lexicon.defaults()).extract(Texts.clean(raw, Instant.now()).document());
        AliasTable aliases = AliasTable.of(Lexicon.defaults(), e.aliases());
        assertTrue(aliases.equivalents("deeppupil ai").contains("深瞳智能"));
        assertTrue(aliases.equivalents("英伟达").contains("nvidia"), "lexicon aliases are loaded");
    }

    /**
     * What one document teaches never changes how another is read: extraction depends on the document and the
     * lexicon only, so ingest order and thread count cannot change the claims (they did when the extractor taught
     * a shared table while documents were read in parallel).
     */
    @Test
    void readingADocumentDoesNotDependOnWhatWasReadBefore() {
        ClaimExtractor extractor = new ClaimExtractor(Lexicon.defaults());
        Document later = doc("l1", "泊岸智造完成C轮融资，金额为4亿美元。");
        List<Claim> before = extractor.extract(later).claims();
        extractor.extract(doc("t1", "泊岸智造（Quayside Robotics）宣布扩建工厂。"));
        assertEquals(before, extractor.extract(later).claims());
    }

    @Test
    void theSameAliasesInAnyOrderMakeTheSameTable() {
        List<Alias> learned = List.of(new Alias("泊岸智造", "quayside robotics", "org"), new Alias("quayside", "泊岸智造", "org"),
                new Alias("韦伦·赫斯", "wyllen hess", "person"));
        AliasTable a = AliasTable.of(Lexicon.defaults(), learned);
        AliasTable b = AliasTable.of(Lexicon.defaults(), List.of(learned.get(2), learned.get(1), learned.get(0)));
        assertEquals(a.canonical("quayside robotics"), b.canonical("quayside robotics"));
        assertEquals(a.equivalents("quayside"), b.equivalents("quayside"));
        assertEquals(java.util.Set.of("泊岸智造", "quayside robotics", "quayside"), a.equivalents("quayside"));
        assertEquals("person", a.type("wyllen hess"));
    }

    private static Document doc(String id, String text) {
        RawItem raw = new RawItem("test", null, Format.TEXT, text, id, null, null, Instant.parse("2026-03-10T00:00:00Z"),
                null, null, Map.of());
        return Texts.clean(raw, Instant.parse("2026-11-23T00:00:00Z")).document();
    }
}
