package io.veritas.answer;

import io.veritas.Veritas;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Questions about reference-style paragraphs (an encyclopedia, not news), as the public reading-comprehension sets
 * ask them: the answer is often in the sentence before the one that matches ("他的長詩…", "也正是在這一年…"), a
 * question word's last character is read into a name ("哪一年嵐澤大學"), "可以用什麼方式" is not a question about
 * what money is used for, "…為什麼？" at the end asks what something is, not why, and "the market town of X" places
 * what it is about in X. The fixture's names are
 * invented; it was written after the code.
 */
class ReferenceAnswersTest {
    @TempDir
    static Path dir;
    static Veritas veritas;

    @BeforeAll
    static void ingest() throws Exception {
        veritas = Fixtures.ingested(dir, "/open-world/reference.jsonl");
    }

    @AfterAll
    static void close() {
        veritas.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            誰的長詩多以海岸漁村為題材？            | who  | 奧倫提烏斯
            薇格蘭鎮從哪一年開始舉辦漁燈節？        | when | 1958年
            在哪一年嵐澤大學舉行建校百年慶典？      | when | 1987年
            要讓青梅更快軟化可以用什麼方式？        | how  | 米糠
            Where was Harlowe Tannery set up?       | where | Dunmarrow
            北岸三郡是在什麼時候合為一州的？        | when | 澄和七年
            潮汐賽的選手什麼時候交換航道？          | when | 潮汐賽結束之後
            蘆岩盆地什麼時候曾是一片淺海？          | when | 白堊紀晚期
            北岸第一所航運學校是誰建立的？          | who  | 歐維克·蘭提
            哪個組織負責管理挪威的瓦爾德峽燈塔？    | which | 挪威北岸燈塔協會
            歐維克·蘭提是哪裡人？                   | where | 湖州長興
            Where was Edwin Sayle born?             | where | Kelsworth
            蘆岩貝整體是什麼顏色的？                | open | 淡紫色
            """)
    void theFirstQuoteHoldsTheAnswer(String question, String type, String expected) {
        Answer a = veritas.ask(question);
        assertEquals(type, a.type(), a.toString());
        assertTrue(a.answered(), a.toString());
        assertTrue(a.citations().get(0).quote().contains(expected), a.toString());
    }

    @Test
    void aYearNamedByPointingBackIsReadFromTheSentenceBefore() {
        Answer a = veritas.ask("薇格蘭鎮從哪一年開始舉辦漁燈節？");
        assertEquals("1958年", a.shortAnswer(), a.toString());
        // The quote is both sentences exactly as written, so it still holds what it is cited for.
        assertTrue(a.citations().get(0).quote().endsWith("也正是在這一年，鎮上開始舉辦漁燈節。"), a.toString());
    }

    @Test
    void aSentenceThatOpensWithAPronounIsQuotedWithTheOneBefore() {
        Answer a = veritas.ask("誰的長詩多以海岸漁村為題材？");
        assertTrue(a.citations().get(0).quote().startsWith("奧倫提烏斯是瑟蘭共和時代最負盛名的詩人。"), a.toString());
    }

    @Test
    void whatForAtTheEndOfAQuestionAsksWhatNotWhy() {
        assertEquals(QuestionType.OPEN, type("文中提及，與洪澇有關連的事物為什麼？"));
        assertEquals(QuestionType.OPEN, type("最常見的實驗動物為何?"));
        assertEquals(QuestionType.WHY, type("為什麼薇格蘭鎮要建燈塔？"));
        assertEquals(QuestionType.WHY, type("薇格蘭鎮為何要建燈塔？"));
        assertEquals(QuestionType.WHEN, type("長崎人口約六萬人是在哪個年間？"));
    }

    @Test
    void aTimeWithoutADateIsStillAWhenAnswer() {
        assertEquals("澄和七年", veritas.ask("北岸三郡是在什麼時候合為一州的？").shortAnswer()); // a reign's year
        assertEquals("白堊紀晚期", veritas.ask("蘆岩盆地什麼時候曾是一片淺海？").shortAnswer()); // a geological period
    }

    @Test
    void aCountOfYearsIsADurationNotAWhenAnswer() {
        Answer a = veritas.ask("墨岫書院是什麼時候成立的？");
        assertEquals(false, a.answered(), a.toString()); // "成立十年" says how long, not when
    }

    @Test
    void buildingAFacilityDoesNotNameAFounder() {
        Answer a = veritas.ask("瑟澗航運的創辦人是誰？");
        assertEquals(false, a.answered(), a.toString()); // "在薇格蘭港建立新的維修中心"
    }

    @Test
    void anOrganisationNamedAfterTheQuestionsPlaceIsAnAnswer() {
        // "挪威" in the question is a place: "挪威北岸燈塔協會" is not a longer form of it, and so not excluded.
        assertEquals("挪威北岸燈塔協會", veritas.ask("哪個組織負責管理挪威的瓦爾德峽燈塔？").shortAnswer());
    }

    @Test
    void aQuestionWordBeforeAKindOfThingDoesNotAskWhere() {
        assertEquals(QuestionType.WHICH, type("北岸的燈塔哪一個位於薇格蘭鎮？")); // "位於" names the place; it asks which
        assertEquals(QuestionType.WHICH, type("潮汐賽在哪一場比賽後交換航道？")); // which race, not where
        assertEquals(QuestionType.WHERE, type("潮汐賽在哪裡舉行？"));
        assertEquals(QuestionType.WHERE, type("墨岫書院位在哪一座城市？"));
        // An attribute's word in a question that asks for a kind of thing does not make it ask for a figure.
        assertEquals(QuestionType.OPEN, new QuestionReader(io.veritas.extract.Lexicon.defaults())
                .read("國家有財政盈餘時會進行投資以及什麼樣的行為？", io.veritas.extract.AliasTable.of(io.veritas.extract.Lexicon.defaults())).type());
    }

    private static QuestionType type(String question) {
        return QuestionType.of(Script.fold(Normalizer.nfkc(question)));
    }
}
