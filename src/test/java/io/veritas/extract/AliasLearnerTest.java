package io.veritas.extract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names learned from the text itself: parentheticals and renaming said in running text, in both languages. */
class AliasLearnerTest {
    private static List<String> pairs(String text) {
        return AliasLearner.learn(text).stream().map(p -> p.a() + "=" + p.b()).toList();
    }

    @Test
    void parentheticalsAcrossScripts() {
        assertEquals(List.of("深瞳智能=deeppupil ai"), pairs("深瞳智能（DeepPupil AI）宣布完成新一轮融资。"));
        assertTrue(pairs("Sequoia Capital（紅杉資本）领投").contains("sequoia capital=红杉资本"));
        assertTrue(pairs("X（前身為Twitter）的用户").contains("x=twitter"));
    }

    @Test
    void bracketsDeepInALongArticleTeachTheSameAsAShortOne() {
        // The expressions look only around brackets: what they learn must not depend on where the bracket is.
        String filler = "本报讯，市场整体平稳，交易量较上周略有回升，分析人士认为后续走势仍需观察。".repeat(40);
        String tail = "芷岚智能（Zhilan Robotics）与Corvane Labs（柯文实验室）签署合作协议。";
        assertEquals(pairs(tail), pairs(filler + tail));
        assertEquals(List.of("芷岚智能=zhilan robotics", "corvane labs=柯文实验室"), pairs(filler + tail));
    }

    @Test
    void renamingInRunningText() {
        assertEquals(List.of("x=twitter"), pairs("Musk merged it with X, formerly known as Twitter, in March."));
        assertEquals(List.of("meta platforms=facebook"), pairs("Meta Platforms, previously called Facebook, said on Monday it would invest."));
        assertEquals(List.of("square=block"), pairs("The payments firm Square, now known as Block, reported results."));
        assertEquals(List.of("x=twitter"), pairs("社交平台X，前身为Twitter，去年并入xAI。"));
    }

    @Test
    void ordinaryProseTeachesNothing() {
        assertEquals(List.of(), pairs("The company now employs 1,200 people and previously raised money twice."));
        assertEquals(List.of(), pairs("It was once a small lab; now It leads."));
        assertEquals(List.of(), pairs("xAI raised $20 billion."));
    }
}
