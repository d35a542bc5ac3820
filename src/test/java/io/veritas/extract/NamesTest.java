package io.veritas.extract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names read by shape in Chinese: ordinary words the recognisers run together are not names (a question's words
 * must not become a name no passage holds), and names written from another language keep their middle dots.
 * The sentences were written after the code, with invented names.
 */
class NamesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            羽球混双中哪一种发球会是得分的关键？   | 一种发球会
            这一个庆典活动会在什么时间举行？       | 活动会
            为什么会有修订历法这个说法出现？       | 会有
            职业羽球联赛的第一场由谁主办？         | 第一场
            春卷会使用什么种类的米来制作？         | 米来
            月亮在什么时期有约五十年几乎看不到？   | 时期有
            """)
    void ordinaryWordsAreNotNames(String question, String misread) {
        // What HanLP's recognisers call a name in each (an organisation, a person) is ordinary words run together.
        List<Names.Name> found = Names.find(question);
        assertTrue(found.stream().noneMatch(n -> n.text().contains(misread) || misread.contains(n.text())), found.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            马蒂亚斯·韦伦霍夫现在效力于哪个球队？       | 马蒂亚斯·韦伦霍夫
            哪支球队最先使用了卡洛·伯纳迪条款？         | 卡洛·伯纳迪
            埃德蒙·罗斯维尔有哪些著作？                 | 埃德蒙·罗斯维尔
            索菲亚·冯·哈勒斯坦在1961年出版了什么书？     | 索菲亚·冯·哈勒斯坦
            """)
    void dottedNamesAreOnePerson(String text, String name) {
        List<Names.Name> found = Names.find(text);
        assertTrue(found.stream().anyMatch(n -> n.text().equals(name) && n.kind() == Names.Kind.PERSON), found.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"袁隆平", "方亦澄", "林若蘅", "红十字会"})
    void realNamesAreNotPhrases(String word) {
        assertTrue(!Names.isPhrase(word, word.endsWith("会") ? Names.Kind.ORG : Names.Kind.PERSON), word);
    }
}
