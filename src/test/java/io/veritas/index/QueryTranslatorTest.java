package io.veritas.index;

import io.veritas.text.Cedict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dictionary-based query translation with CC-CEDICT, both ways, and names by their Pinyin. */
class QueryTranslatorTest {
    private static final QueryTranslator TRANSLATOR = QueryTranslator.standard();

    private static List<Translation> translate(String query) {
        return TRANSLATOR.translate(query, new boolean[query.length()]);
    }

    private static Map<String, Float> targetsOf(List<Translation> translations, String source) {
        return translations.stream().filter(t -> t.source().equalsIgnoreCase(source)).findFirst()
                .orElseThrow(() -> new AssertionError(source + " was not translated: " + translations)).targets();
    }

    @Test
    void englishPhrasesComeBeforeTheirWords() {
        List<Translation> t = translate("Where is the biggest salt lake of the plateau?");
        assertTrue(t.stream().anyMatch(x -> x.targets().containsKey("盐湖")), "salt lake is one phrase: " + t);
        assertTrue(t.stream().noneMatch(x -> x.source().equalsIgnoreCase("lake")), "its words are not translated again: " + t);
        assertEquals("高原", targetsOf(t, "plateau").keySet().iterator().next());
    }

    @Test
    void theCommonWordComesFirstAndWeighsMost() {
        Map<String, Float> world = targetsOf(translate("their world changed"), "world");
        assertEquals("世界", world.keySet().iterator().next(), "the common word first: " + world);
        assertEquals(1f, world.get("世界"));
        assertTrue(world.size() <= QueryTranslator.MAX_TARGETS);
        world.values().forEach(w -> assertTrue(w > 0 && w <= 1, "weights are relative to the best: " + world));
    }

    @Test
    void stemsDoNotConflateShortWords() {
        Map<String, Float> using = targetsOf(translate("what are they using"), "using");
        assertTrue(using.containsKey("使用"), using.toString());
        assertFalse(using.containsKey("我们"), "'using' is not 'us': " + using);
    }

    @Test
    void aNameTheDictionaryLacksIsReadAsPinyin() {
        // An invented person: no dictionary has 韦清舟, but each pair of neighbouring syllables becomes the
        // characters names use for them.
        List<Translation> t = translate("What did the sprinter Wei Qingzhou say?");
        assertTrue(t.stream().anyMatch(x -> x.targets().containsKey("清舟")), "qing zhou → 清舟 among the candidates: " + t);
        assertTrue(t.stream().anyMatch(x -> x.targets().containsKey("韦清")), "wei qing → 韦清 among the candidates: " + t);
        assertTrue(t.stream().noneMatch(x -> x.source().equals("Wei")), "a name is not translated word by word: " + t);
    }

    @Test
    void aProperNounSpelledInPinyinIsFound() {
        assertTrue(targetsOf(translate("the road to Luoyang"), "Luoyang").containsKey("洛阳"));
    }

    @Test
    void aPersonIsFoundByTheFamilyNameAndAnyOfItsSpellings() {
        assertTrue(targetsOf(translate("a lecture on Einstein"), "Einstein").containsKey("爱因斯坦"), "'Albert Einstein' by its last word");
        assertTrue(targetsOf(translate("a goal by Beckham"), "Beckham").containsKey("贝克汉姆"), "'Beckenham or Beckham'");
    }

    @Test
    void wordsThatHoldASentenceTogetherAreNotTranslated() {
        assertTrue(translate("what could it be about").isEmpty(), translate("what could it be about").toString());
    }

    @Test
    void chineseWordsGetTheirEnglishSensesAndNamesTheirPinyin() {
        List<Translation> t = translate("律师韦清舟在天文台说了什么？");
        assertTrue(targetsOf(t, "律师").containsKey("lawyer"), t.toString());
        assertTrue(targetsOf(t, "天文台").containsKey("observatory"), "the head of 'astronomical observatory' too: " + t);
        assertTrue(t.stream().anyMatch(x -> x.targets().containsKey("wei qingzhou")), "a Chinese name as English writes it: " + t);
        assertTrue(t.stream().noneMatch(x -> x.source().equals("了") || x.source().equals("什么")), "no particles or pronouns: " + t);
    }

    @Test
    void wordsAlreadyCoveredAreLeftAlone() {
        String query = "the salt lake valuation";
        boolean[] covered = new boolean[query.length()];
        java.util.Arrays.fill(covered, query.indexOf("valuation"), query.length(), true);
        assertTrue(TRANSLATOR.translate(query, covered).stream().noneMatch(x -> x.source().contains("valuation")));
    }

    @Test
    void pinyinSyllablesAreCutTheLongWay() {
        Cedict dictionary = Cedict.get(QueryTranslator.KEYS);
        assertEquals(List.of("qiao", "bo"), dictionary.syllables("Qiaobo"));
        assertEquals(List.of("shen", "zhen"), dictionary.syllables("shenzhen"));
        assertTrue(dictionary.syllables("Tahoe").isEmpty(), "not Pinyin");
    }
}
