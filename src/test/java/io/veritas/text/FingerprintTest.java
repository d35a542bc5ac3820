package io.veritas.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {
    private static final String STORY = "Orbital AI has closed its Series B at $300 million, beating a $200 million target. "
            + "The round was led by Harbor Peak Capital and values the company at about $2 billion.";

    @Test
    void aRetweetIsACopy() {
        assertTrue(Fingerprint.distance(Fingerprint.simHash(STORY), Fingerprint.simHash("RT @desk: " + STORY)) <= 3);
    }

    @Test
    void theSameStoryInTheOtherChineseScriptIsACopy() {
        String hant = "深瞳智能完成B輪募資，金額為3億美元，由港峰資本領投，公司估值達到12億美元，正式成為獨角獸。";
        String hans = "深瞳智能完成B轮募资，金额为3亿美元，由港峰资本领投，公司估值达到12亿美元，正式成为独角兽。";
        assertTrue(Fingerprint.distance(Fingerprint.simHash(hant), Fingerprint.simHash(hans)) <= 3);
    }

    @Test
    void aDifferentStoryIsNot() {
        String other = "Nimbus Labs raised $50 million in a Series A led by a sovereign fund, and plans to hire "
                + "two hundred engineers in Singapore over the next year.";
        assertTrue(Fingerprint.distance(Fingerprint.simHash(STORY), Fingerprint.simHash(other)) > 3);
    }
}
