package io.veritas.answer;

import io.veritas.Veritas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Questions of every type about companies, people and places that no lexicon holds (the fixture was written
 * after the code, with names the code never saw), in English, Simplified and Traditional Chinese. Each answer
 * must be the right name, date, place or figure, and its quote must hold it.
 */
class OpenWorldAnswersTest {
    @TempDir
    static Path dir;
    static Veritas veritas;

    @BeforeAll
    static void ingest() throws Exception {
        veritas = Fixtures.ingested(dir, "/open-world/stories.jsonl");
    }

    @AfterAll
    static void close() {
        veritas.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Who led Velmora Optics' Series B?                       | who      | Saltmarsh Growth
            Where is Velmora Optics headquartered?                  | where    | Ghent
            When was Velmora Optics started?                        | when     | 2017
            Who started Velmora Optics?                             | who      | Aurelie Brandt
            How many employees does Velmora Optics have?            | how_many | 310 employees
            How much did Velmora Optics raise in its Series B?      | how_much | $62 million
            谁领投了岚石智能的A轮融资？                                | who      | 青枫资本
            岚石智能成立于哪一年？                                    | when     | 2021年
            岚石智能的总部在哪里？                                    | where    | 合肥
            岚石智能的创始人是谁？                                    | who      | 欧阳明澈
            岚石智能有多少名员工？                                    | how_many | 150名
            岚石智能有多少员工？                                      | how_many | 150
            翠岬科技的創辦人是誰？                                    | who      | 魏承曦
            翠岬科技在哪裡成立？                                      | where    | 台中
            翠岬科技的D輪融資由誰領投？                               | who      | 雲岫創投
            翠岬科技是哪一年成立的？                                  | when     | 2016年
            星澜医疗的总部在哪里？                                    | where    | 成都
            澜沧岭站位于哪里？                                        | where    | 云南省
            Where is Quorvane headquartered?                        | where    | 奥斯汀
            星澜医疗的创始人是谁？                                    | who      | 韩知远
            杼嵐醫材的B輪募資多少？                                   | how_much | 5億
            櫟川精工2025年營收多少？                                  | how_much | 33億
            櫟川精工2024年營收多少？                                  | how_much | 27億
            岩澈电子2025年全年出货多少台服务器？                        | how_many | 3100台
            岩澈电子上半年出货多少台服务器？                            | how_many | 1200台
            汀岚声学全年出货多少套耳机模组？                            | how_many | 95万套
            汀岚声学上半年出货多少套？                                  | how_many | 40万套
            What was Brenvale Instruments' revenue in 2024?         | how_much | $41 million
            What was Brenvale Instruments' revenue in 2025?         | how_much | $58 million
            Who heads the glacier observation station?              | who      | 韋清舟
            哪位天文学家领导了Tessvale天文台的建设？                    | who      | Ilse Marrow
            Harrowgate Tidal的首席工程師是誰？                        | who      | Maren Solvik
            岱嶠位於哪個城市？                                        | where    | 台南
            """)
    void answersTheTypeAskedFor(String question, String type, String expected) {
        Answer a = veritas.ask(question);
        assertEquals(type, a.type(), a.toString());
        assertTrue(a.answered(), a.toString());
        assertTrue(a.shortAnswer() != null && a.shortAnswer().contains(expected), a.toString()); // "US$62 million" for "$62 million"
        assertFalse(a.citations().isEmpty(), a.toString());
        // The quote holds what it supports (numbers as written: the figure path writes US$ where the source wrote $).
        String first = expected.replace("US$", "$").replaceAll("名$", "");
        assertTrue(a.citations().stream().anyMatch(c -> io.veritas.text.Script.fold(c.quote()).contains(io.veritas.text.Script.fold(first))),
                a.toString());
    }

    @Test
    void aNameWrittenWithMiddleDotsFindsItsPassage() {
        // The whole dotted name is the question's subject: before, "韦伦霍夫现" was read as a name no passage holds.
        Answer a = veritas.ask("马蒂亚斯·韦伦霍夫现在效力于哪个球队？");
        assertTrue(a.answered(), a.toString());
        assertEquals("ow8", a.citations().get(0).id(), a.toString());
        assertTrue(a.citations().get(0).quote().contains("埃森红白"), a.toString());
    }

    @Test
    void aListQuestionNamesEveryInvestorAndNoPlace() {
        Answer a = veritas.ask("Which investors took part in Velmora Optics' Series B?");
        assertEquals("which", a.type());
        assertTrue(a.answered(), a.toString());
        for (String investor : List.of("Saltmarsh Growth", "Pinewick Capital", "Orrin Labs Fund")) {
            assertTrue(a.shortAnswer().contains(investor), a.toString());
        }
        assertFalse(a.shortAnswer().contains("Ghent"), a.toString());
    }

    @Test
    void aWhyQuestionIsAnsweredWithCitedSentences() {
        Answer a = veritas.ask("Why did Velmora Optics raise money?");
        assertEquals("why", a.type());
        assertTrue(a.answered(), a.toString());
        assertTrue(a.citations().stream().anyMatch(c -> c.quote().contains("second plant")), a.toString());
        assertTrue(a.answer().contains("second plant"), a.answer());
    }

    @Test
    void aWhoQuestionNeverGetsAnAmount() {
        Answer a = veritas.ask("Who led Velmora Optics' Series B?");
        assertFalse(a.shortAnswer().contains("$"), a.toString());
        assertTrue(a.facts().isEmpty(), a.toString());
    }

    @Test
    void machinesARunIsNotACompanyItIsRunBy() {
        Answer a = veritas.ask("Who is Orvanta's chief executive?");
        assertFalse(a.answered(), a.toString()); // "the 7,000 GPUs it already runs" names nobody who runs Orvanta
    }

    @Test
    void aFirmIsNotAPersonAndAnAmountIsNotAYear() {
        assertFalse(veritas.ask("哪家投行擔任翎港上市的保薦人？").answered()); // the chief executive is not a bank
        assertEquals("邵嘉朗", veritas.ask("翎港的行政總裁是誰？").shortAnswer());
        Answer spent = veritas.ask("翎港擴建倉庫網絡要花多少錢？");
        assertFalse(spent.answered() && spent.shortAnswer().contains("2028"), spent.toString());
        assertEquals(QuestionType.WHEN, QuestionType.of("翎港于西元几年上市？"));
        assertEquals(QuestionType.HOW_MANY, QuestionType.of("翎港成立几年了？"));
    }

    @Test
    void aRumourTheCompanyWillNotCommentOnIsNotConfirmed() {
        Answer listing = veritas.ask("翔澪有沒有證實上市的消息？");
        assertEquals("尚未確認", listing.shortAnswer(), listing.toString());
        assertTrue(listing.citations().get(0).quote().contains("洽談"), listing.toString());
        assertEquals("Not confirmed", veritas.ask("Has Brevik Labs confirmed the new funding?").shortAnswer());
        Answer done = veritas.ask("Has Osmira confirmed its Series A?");
        assertTrue(done.answered(), done.toString());
        assertFalse("Not confirmed".equals(done.shortAnswer()), done.toString()); // it said so itself
    }

    @Test
    void aFigureReadOnlyFromARumourSaysItIsReported() {
        Answer a = veritas.ask("岚棹的估值是多少？");
        assertEquals("30亿元", a.shortAnswer(), a.toString());
        assertTrue(a.answer().contains("未经证实"), a.toString()); // "据报道…或达30亿元" is a report, not a fact
        Answer done = veritas.ask("How much did Thessaly Grid raise?");
        assertFalse(done.answer().contains("reported only"), done.toString()); // the company said it itself
    }

    @Test
    void everyFounderJoinedInTheSentenceIsNamed() {
        Answer a = veritas.ask("Who founded Thessaly Grid?");
        assertTrue(a.shortAnswer().contains("Ines Carvalho") && a.shortAnswer().contains("Tobias Wren"), a.toString());
        assertFalse(a.shortAnswer().contains("Marlowe"), a.toString()); // the fund that led the round did not found it
        assertEquals("Lisbon", veritas.ask("Where is Thessaly Grid based?").shortAnswer());
    }

    @Test
    void aCompanyTheCorpusNeverMentionsIsNotAnswered() {
        for (String q : List.of("Who founded Brannock Fluidics?", "谁领投了雾岭机器人的B轮融资？", "When was Tessarine Bio founded?")) {
            Answer a = veritas.ask(q);
            assertFalse(a.answered(), a.toString());
            assertTrue(a.citations().isEmpty(), a.toString());
        }
    }

    @Test
    void anAnswerIsWrittenInTheAskersScript() {
        Answer a = veritas.ask("翠岬科技的D轮融资由谁领投？"); // Simplified question, Traditional source
        assertTrue(a.answered(), a.toString());
        assertEquals("云岫创投", a.shortAnswer(), a.toString());
        assertTrue(a.citations().get(0).quote().contains("雲岫創投"), "quotes stay as the source wrote them");
    }

    @Test
    void aRoundNobodyReportsIsNotAnsweredWithAnotherCompanysRound() {
        // Neither name has a suffix or a dictionary entry: the question's opening stretch is what it asks about.
        for (String q : List.of("杼嵐醫材的C輪募資多少？", "榀霖醫材的B輪募資多少？", "榀霖醫材有多少員工？")) {
            Answer a = veritas.ask(q);
            assertFalse(a.answered(), a.toString());
            assertTrue(a.citations().isEmpty(), a.toString());
        }
        assertTrue(veritas.ask("杼嵐醫材的C輪募資多少？").answer().contains("5億"), "the refusal says what the corpus holds");
    }

    @Test
    void aComparisonSaysWhichIsLargerWhenTheUnitsAgree() {
        Answer a = veritas.ask("Which raised more, Velmora Optics or Brisklane Freight?");
        assertEquals("compare", a.type(), a.toString());
        assertTrue(a.answered(), a.toString());
        assertEquals("Velmora Optics", a.shortAnswer(), a.toString());
        assertTrue(a.answer().contains("62 million") && a.answer().contains("35 million"), a.answer());
        assertEquals(2, a.facts().size(), a.toString());

        Answer staff = veritas.ask("Which has fewer employees, Velmora Optics or Brisklane Freight?");
        assertEquals("Brisklane Freight", staff.shortAnswer(), staff.toString());

        // Two names no recogniser knows, joined by 和; both figures in New Taiwan dollars.
        Answer zh = veritas.ask("翠岬科技和杼嵐醫材哪家融資更多？");
        assertEquals("compare", zh.type(), zh.toString());
        assertEquals("翠岬科技", zh.shortAnswer(), zh.toString());
    }

    @Test
    void aComparisonAcrossCurrenciesDoesNotPickOne() {
        Answer a = veritas.ask("星澜医疗和杼嵐醫材哪家融资更多？");
        assertEquals("zh-Hans", a.language(), "the asker's script, not the Traditional name's");
        assertTrue(a.answered(), a.toString());
        assertEquals(null, a.shortAnswer(), a.toString());
        assertTrue(a.answer().contains("1.5亿元人民币") && a.answer().contains("新台币5亿元"), a.answer());
        assertTrue(a.answer().contains("不做汇率换算"), a.answer());
    }

    @Test
    void aChineseNameInAnEnglishQuestionIsOneOfItsSubjects() {
        Answer a = veritas.ask("Compare the funding of Brisklane Freight and 杼嵐醫材");
        assertEquals(2, a.facts().size(), a.toString());
        assertTrue(a.answer().contains("杼嵐醫材"), a.answer());
    }

    @Test
    void aQuestionAboutTalksGetsTheFigureInTalksNotTheActualOne() {
        Answer talks = veritas.ask("What valuation is Corvessa Biotech in talks for?");
        assertTrue(talks.answered(), talks.toString());
        assertEquals("planned", talks.facts().get(0).modality(), talks.toString());
        assertTrue(talks.shortAnswer().contains("600 million"), talks.toString());

        Answer now = veritas.ask("What is Corvessa Biotech's valuation?");
        assertTrue(now.shortAnswer().contains("200 million"), "an actual figure first when no modality is asked: " + now);

        // Nobody reports a target for this round: the answer says so and what the corpus does hold.
        Answer target = veritas.ask("What was the target of Corvessa Biotech's Series A?");
        assertFalse(target.answered(), target.toString());
        assertTrue(target.answer().contains("40 million"), target.answer());
    }

    @Test
    void aQuestionAboutTwoRoundsOfOneCompanyGetsBoth() {
        Answer a = veritas.ask("岩澈电子的A轮和B轮融资分别是多少？");
        assertEquals("compare", a.type(), a.toString());
        assertTrue(a.answer().contains("2亿元人民币") && a.answer().contains("5亿元人民币"), a.answer());
    }

    @Test
    void aYesNoQuestionAboutARelationIsCheckedAgainstSentencesThatStateIt() {
        Answer yes = veritas.ask("Did Tessford Fund invest in Quillon Freightworks' Series A?");
        assertTrue(yes.answered(), yes.toString());
        assertEquals("Yes", yes.shortAnswer(), yes.toString());
        assertTrue(yes.citations().get(0).quote().contains("Tessford Fund"), yes.toString());

        Answer zh = veritas.ask("霽川創投參與了杼嵐醫材的B輪嗎？");
        assertEquals("是", zh.shortAnswer(), zh.toString());

        // Both names are in one passage, but nothing there says one bought the other: not reported, not a "no".
        Answer acquired = veritas.ask("Did Marlow Ridge Capital acquire Quillon Freightworks?");
        assertFalse(acquired.answered(), acquired.toString());
        assertTrue(acquired.answer().startsWith("The corpus does not report that."), acquired.answer());
    }

    @Test
    void aPlaceAfter設於IsTheBareName() {
        Answer a = veritas.ask("杼嵐醫材的總部在哪裡？");
        assertEquals("台南", a.shortAnswer(), a.toString()); // not 於台南
    }

    @Test
    void aDealReportedOnlyAsTalksIsNotADoneDeal() {
        Answer a = veritas.ask("岑麓对洄汀的收购已经谈成了吗？");
        assertTrue(a.answered(), a.toString());
        assertEquals("尚未确认", a.shortAnswer(), a.toString());
        assertTrue(a.citations().get(0).quote().contains("收购谈判"), a.toString());
    }

    @Test
    void aNameBeforeLastYearsRevenueIsTheSubjectAndAnotherCompanysRevenueIsNoAnswer() {
        // 栗衡軟體 is in the corpus, its revenue is not; 澹溪传感's revenue is no answer about it
        Answer a = veritas.ask("栗衡軟體去年營收是多少？");
        assertFalse(a.answered(), a.toString());
    }

    @Test
    void aCompanyThatBuysIsNotAnsweredAsTheOneBought() {
        Answer a = veritas.ask("谁收购了汐垣储能？"); // 汐垣储能 is the buyer; nobody reports buying it
        assertFalse(a.answered(), a.toString());
        Answer b = veritas.ask("谁收购了峦石化工？");
        assertTrue(b.answered() && b.shortAnswer().contains("汐垣储能"), b.toString());
    }

    @Test
    void aPlaceStatedAsAnotherCompanysDoesNotAnswerWhere() {
        Answer a = veritas.ask("Where is Pennick Sensors based?"); // Leeds is Orrisdale's
        assertFalse(a.answered(), a.toString());
        Answer b = veritas.ask("Where is Orrisdale Health based?");
        assertEquals("Leeds", b.shortAnswer(), b.toString());
    }

    @Test
    void aWhyQuestionWhosePlaceNoPassageAboutTheSubjectNamesIsNotAnswered() {
        Answer porto = veritas.ask("Why did Carrow Freight open an office in Porto?");
        assertTrue(porto.answered() && porto.citations().get(0).quote().contains("because"), porto.toString());
        Answer lisbon = veritas.ask("Why did Carrow Freight open an office in Lisbon?"); // nobody reports a Lisbon office
        assertFalse(lisbon.answered(), lisbon.toString());
    }

    @Test
    void theOtherPartyOfARelationIsANameNeverACommonNounOrAPlace() {
        Answer a = veritas.ask("Which investors other than Kelby Ridge joined Vantorra's Series A?");
        String said = a.shortAnswer() == null ? "" : a.shortAnswer();
        assertFalse(said.contains("公司") || said.contains("德国"), a.toString()); // the descriptor's nouns, the place
    }
}
