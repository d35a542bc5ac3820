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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A figure belongs to the subject of its clause, whether or not any lexicon knows the name: not to the investor
 * named first, not to a place that describes the company, not to the last name seen. Every name here was made up
 * for this test, after the code.
 */
class FigureAttachmentTest {
    private static List<Claim> claims(String text) {
        return claims(text, null);
    }

    private static List<Claim> claims(String text, String title) {
        RawItem raw = new RawItem("test", null, Format.TEXT, text, "t1", null, title,
                Instant.parse("2026-06-15T00:00:00Z"), null, null, Map.of());
        Document d = Texts.clean(raw, Instant.parse("2026-11-23T00:00:00Z")).document();
        return new ClaimExtractor(Lexicon.defaults()).extract(d).claims();
    }

    private static Claim only(List<Claim> claims, String attribute) {
        List<Claim> of = claims.stream().filter(c -> c.attribute().equals(attribute)).toList();
        assertEquals(1, of.size(), claims.toString());
        return of.get(0);
    }

    @Test
    void aOneWordCompanyNoLexiconKnowsOwnsItsRound() {
        Claim c = only(claims("Plovix raised $18 million in a Series A led by Marrow Hill Partners."), "funding");
        assertEquals("Plovix", c.subjectAs());
        assertEquals(18e6, c.value());
        assertEquals("Series A", c.qualifier());
    }

    @Test
    void theInvestorNamedFirstInSimplifiedChineseDoesNotOwnTheRound() {
        Claim c = only(claims("据悉，青禾资本领投了雾岚科技3亿元人民币B轮融资，老股东继续跟投。"), "funding");
        assertEquals("雾岚科技", c.subjectAs());
        assertEquals(3e8, c.value());
        assertEquals("CNY", c.currency());
    }

    @Test
    void theInvestorNamedFirstInTraditionalChineseDoesNotOwnTheRound() {
        Claim c = only(claims("由澄嶼創投領投，曜岑半導體完成新台幣6億元C輪融資。"), "funding");
        assertEquals("曜岑半導體", c.subjectAs());
        assertEquals("Series C", c.qualifier());
    }

    @Test
    void theNextSentencesFigureBelongsToTheCompanyNotToTheFundThatLedItsRound() {
        // The coined two-character name is read as a person; the funds after it lead and follow the round.
        List<Claim> cs = claims("消息称，数据库企业高澈宣布完成8亿元人民币B轮融资，由岚峰资本领投，澈石创投跟投。本轮投后估值达到40亿元。");
        assertEquals("高澈", only(cs, "funding").subjectAs());
        assertEquals("高澈", only(cs, "valuation").subjectAs());
    }

    @Test
    void aValueTheSourceDeniesIsNotItsFigure() {
        Claim zh = only(claims("一位接近岫禾科技的人士表示，岫禾科技去年营收约为3.2亿元，而非4亿元。"), "revenue");
        assertEquals(3.2e8, zh.value());
        Claim en = only(claims("Corvell's Series A was $12 million, not the $10 million reported elsewhere."), "funding");
        assertEquals(12e6, en.value());
    }

    @Test
    void aHeadlineNameEndsWhereItsAttributeWordBegins() {
        // A coined name no recogniser knows, said again and again in the body: "岫禾营收数据存分歧".
        List<Claim> cs = claims("有报道称岫禾去年营收约为4亿元。岫禾随后表示，实际数字约为3.2亿元。岫禾目前拥有员工约300人。", "岫禾营收数据存分歧");
        assertTrue(cs.stream().anyMatch(c -> c.attribute().equals("employees") && c.subjectAs().equals("岫禾")), cs.toString());
        // Not a time: "携程第三季净利…" gives no name "携程第三季".
        assertTrue(claims("该公司第三季净利2800万美元。", "澜舟第三季净利2800万美元").stream().noneMatch(c -> c.subjectAs().contains("第三季")));
    }

    @Test
    void aValuationInARelativeClauseBelongsToTheNameBeforeIt() {
        List<Claim> cs = claims("Existing backer Dunmore Capital wrote a new cheque for Kestrelite Systems, which is now valued at $450 million.");
        Claim v = only(cs, "valuation");
        assertEquals("Kestrelite Systems", v.subjectAs());
        assertEquals(4.5e8, v.value());
    }

    @Test
    void aPlaceDescribingTheCompanyIsNotItsSubject() {
        List<Claim> cs = claims("Vantroo, a Porto start-up, closed a $7 million seed round. Vantroo has 38 employees.");
        assertEquals("Vantroo", only(cs, "funding").subjectAs());
        Claim staff = only(cs, "employees");
        assertEquals("Vantroo", staff.subjectAs());
        assertEquals(38, staff.value());
    }

    @Test
    void theInvestorIsTheSubjectOfItsOwnInvestment() {
        List<Claim> cs = claims("Harbrook Group will invest $90 million in Selvane Motors over two years.");
        assertTrue(cs.stream().anyMatch(c -> c.attribute().equals("investment") && c.subjectAs().equals("Harbrook Group")), cs.toString());
    }

    @Test
    void theLeadInvestorAfterTheFigureDidNotRaiseIt() {
        // A four-character name with no suffix opens the sentence; the investor comes after the amount.
        Claim c = only(claims("榛朔醫材宣布完成新台幣4億元A輪募資，由嵐谷創投領投。"), "funding");
        assertEquals("榛朔醫材", c.subjectAs());
        assertEquals(4e8, c.value());
    }

    @Test
    void aNounDescribingTheCompanyIsNotPartOfItsName() {
        Claim c = only(claims("储能公司磐曦能源完成6亿元人民币B轮融资，由泓岳资本领投。"), "funding");
        assertEquals("磐曦能源", c.subjectAs());
    }

    @Test
    void theFounderNamedAfterByDoesNotOwnTheCompanysHeadcount() {
        List<Claim> cs = claims("Quillmoor Aerospace raised $22 million. The company was founded in 2020 by physicist "
                + "Tavia Brennock and now employs 64 people.");
        Claim staff = only(cs, "employees");
        assertEquals("Quillmoor Aerospace", staff.subjectAs());
        assertEquals(64, staff.value());
    }

    @Test
    void theRoundValuingTheCompanyGivesAValuationNotFunding() {
        List<Claim> cs = claims("Tarnwick Robotics raised $140 million in a Series C led by Osric Ventures. The round values "
                + "Tarnwick Robotics at $1.2 billion.");
        Claim funding = only(cs, "funding");
        assertEquals(140e6, funding.value());
        Claim valuation = only(cs, "valuation");
        assertEquals(1.2e9, valuation.value());
        assertEquals("Tarnwick Robotics", valuation.subjectAs());
    }

    @Test
    void aValuationCueWithAGapStopsAtTheClause() {
        // "values" and "at" in different clauses are no valuation: the amount is the round's
        List<Claim> cs = claims("Brenlow Foods, which values speed, raised $9 million at the start of the year.");
        assertEquals(9e6, only(cs, "funding").value());
        assertTrue(cs.stream().noneMatch(c -> c.attribute().equals("valuation")), cs.toString());
    }

    @Test
    void aValuationNamedAfterTheRaiseIsTheNextAmountsAndTheRaiseKeepsItsTalks() {
        List<Claim> cs = claims("Pellucid Forge is in talks to raise up to $80 million at a valuation of $700 million, "
                + "two people said.");
        Claim funding = only(cs, "funding");
        assertEquals(80e6, funding.value());
        assertEquals("planned", funding.modality());
        Claim valuation = only(cs, "valuation");
        assertEquals(700e6, valuation.value());
        assertEquals("planned", valuation.modality());
    }

    @Test
    void aPlanAfterAndIsAnotherPredicatesNotTheHeadcounts() {
        Claim staff = only(claims("Corlaith Dynamics employs 140 people and plans to open a second plant next year."), "employees");
        assertEquals(140, staff.value());
        assertEquals("actual", staff.modality());
    }

    @Test
    void aCompanyCalledByItsFirstWordIsTheCompanyNamedInFull() {
        List<Claim> cs = claims("Sorrelby Analytics raised $30 million in a Series B. The round values Sorrelby at $260 million, "
                + "up from $90 million a year ago.");
        List<Claim> valuations = cs.stream().filter(c -> c.attribute().equals("valuation")).toList();
        assertEquals(2, valuations.size(), cs.toString());
        assertTrue(valuations.stream().allMatch(c -> c.subject().equals("sorrelby analytics")), valuations.toString());
        Claim earlier = valuations.stream().filter(c -> c.value() == 90e6).findFirst().orElseThrow();
        assertEquals(java.time.LocalDate.parse("2025-06-15"), earlier.asOf());
        assertEquals(null, earlier.period(), "'a year ago' is a date, not a rate");
    }

    @Test
    void aCoinedNameTheHeadlineAndTheBodyShareOwnsTheFiguresWhenNoNameIsRecognised() {
        List<Claim> cs = claims("據知情人士透露，翠嶺行雲正洽談一筆最高3億美元的新融資，投後估值可能達到18億美元。",
                "翠嶺行雲估值倍增");
        Claim funding = only(cs, "funding");
        assertEquals("翠岭行云", funding.subject());
        assertEquals("upTo", funding.bound());
        assertEquals(18e8, only(cs, "valuation").value());
    }

    @Test
    void aNameInsideTheCompanysDescriptionDoesNotOwnItsRound() {
        Claim c = only(claims("Quorvane, a Tulsa-based company that leases GPU racks to Marlowe Foundry, has raised $35 million "
                + "in a Series A."), "funding");
        assertEquals("Quorvane", c.subjectAs());
        Claim d = only(claims("Tressa Mills, a bakery chain in Akron, Ohio, that supplies Dunleigh Stores, has raised $12 million."),
                "funding");
        assertEquals("Tressa Mills", d.subjectAs());
    }

    @Test
    void theSecondFounderAfterByDoesNotEmployTheStaff() {
        Claim c = only(claims("Ostrel Dynamics raised $9 million. Ostrel Dynamics was founded in 2019 by Mara Quennell and "
                + "Idris Fallowby and now employs 85 people."), "employees");
        assertEquals("Ostrel Dynamics", c.subjectAs());
    }

    @Test
    void theNameAChineseHeadlineOpensWithOwnsTheBodysFigures() {
        List<Claim> cs = claims("智算服务商岚岫今日宣布完成15亿元人民币B轮融资，投后估值为70亿元。本轮由泓川资本领投。",
                "岚岫完成15亿元B轮融资");
        Claim funding = only(cs, "funding");
        assertEquals("岚岫", funding.subject());
        assertEquals("Series B", funding.qualifier());
        assertEquals("岚岫", only(cs, "valuation").subject());
    }

    @Test
    void aFigureComparedWithTheOneBeforeIsTheSameAttributeInTheSameCurrency() {
        List<Claim> cs = claims("澪川宣布完成新台幣20億元D輪募資，估值升至新台幣300億元，較去年C輪時的140億元成長逾一倍。", "澪川完成D輪募資");
        List<Claim> valuations = cs.stream().filter(c -> c.attribute().equals("valuation")).toList();
        assertEquals(2, valuations.size(), cs.toString());
        assertTrue(valuations.stream().allMatch(c -> c.currency().equals("TWD")), valuations.toString());
        // the value compared with is an earlier one, not a second current valuation
        assertEquals("past", valuations.stream().filter(c -> c.value() == 140e8).findFirst().orElseThrow().modality());
        assertEquals(20e8, only(cs, "funding").value());
    }

    @Test
    void theFundThatLedTheRoundDoesNotOwnTheNextSentencesHeadcount() {
        List<Claim> cs = claims("栎澜今日宣布完成新台幣12億元B輪募資。本輪由岑港主權基金領投。隨著訂單成長，員工人數已增至約640人。",
                "栎澜B輪募資新台幣12億元");
        assertEquals("栎澜", only(cs, "employees").subjectAs());
    }

    @Test
    void aHeadlinesOpeningPhraseThatIsNoNameOwnsNothing() {
        List<Claim> cs = claims("今年以来，全行业融资总额达到737亿元，同比增长两成。", "今年以来融资规模创新高");
        assertTrue(cs.stream().noneMatch(c -> c.subject().startsWith("今年")), cs.toString());
    }
}
