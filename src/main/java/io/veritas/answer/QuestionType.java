package io.veritas.answer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of answer a question wants, read from its question words in English and Chinese (both scripts, on
 * folded text). The JSON names it in lower case ({@code how_much}, {@code who}, ...).
 */
public enum QuestionType {
    COMPARE("\\bcompare|分别|各是|各为|各自是|有什么变化|有何变化|如何变化|怎么变化|从[^，,。？?]{1,12}到[^，,。？?]{1,12}(?:变化|增长|增加|下降|提升)|\\bhow (?:has|have|did) [^?]* change|\\bchanged? from\\b|\\brespectively\\b|\\bversus\\b|\\bvs\\.?\\s|比较|相比|对比|哪个更|谁更|哪家更|(?:哪|谁)[\\p{IsHan}]{0,8}更(?:多|高|大|少|低|早|晚|贵)|\\bwhich (?:is|has|was) (?:bigger|larger|higher|more)|\\bwhich\\b[^?]*\\b(?:more|higher|bigger|larger|less|fewer|earlier)\\b[^?]*\\bor\\b"),
    HOW_MANY("\\bhow many\\b|多少(?:个|名|位|家|户|人|座|种|项|件|只|部|次|台|块|颗|枚|张|辆|艘|架|吨|平方|公里|米|年|天|岁|届|场|首|本|所|条|门|套|片|款|支|份|批|颗|层)|(?<!西元|公元|民国|西历|第)几(?:个|名|位|家|户|人|座|种|项|件|只|部|次|台|块|颗|枚|张|辆|艘|架|年|天|岁|届|场|首|本|所|条|门|套|片|款|支|份|批|层|栋|间|卷|册|篇|集|期|轮)"),
    HOW_MUCH("\\bhow much\\b|多少钱|多少资金|多少美元|多少元|多少亿|多少万|金额|\\bhow (?:big|large|high|tall|long|deep|wide|far|heavy)\\b|多大|多高|多长|多深|多宽|多远|多少"),
    WHEN("\\bwhen\\b|\\bwhat (?:year|date|month|day|time)\\b|\\bwhich (?:year|date|month|day)\\b|\\bin what year\\b|何时|什么时候|什么时间|哪一年|哪年|何年|哪一天|哪天|几月|几年|几号|哪个月|什么年代|哪个年代|哪一个年代|年份|(?:哪个|哪一个|什么)年间|(?:西元|公元|民国|西历)几年|" + QuestionType.DYNASTY_ASKED),
    WHERE("\\bwhere\\b|\\bwhat (?:city|country|place|region|province)\\b|\\bwhich (?:city|country|place|region|province)\\b|哪里|哪儿|何处|何地|在哪(?![一个次些种位家部本支条所场届])|哪(?:一|个|一个)?座?(?:城市|国家|地区|省|州|县|洲)|哪国|什么地方|位于[？?\\s]*$"),
    WHO("\\bwho\\b|\\bwhom\\b|\\bwhose\\b|谁|哪位|何人|什么人"),
    WHICH("\\bwhich\\b|\\bwhat (?:companies|company|investors|investor|firms|firm|funds|fund|banks|products|models)\\b|\\bname the\\b|\\blist\\b|哪些|哪一?(?:个|家|间|种|部|本|支|所|座|条|届|场|项|门|类|款|艘|架|辆|台|枚|颗|只)|哪一个|什么公司"),
    WHY("\\bwhy\\b|为什么(?![\\s?？。!！]*$)|为何(?![\\s?？。!！]*$)|原因|何故|理由"),
    HOW("\\bhow (?:did|does|do|is|was|were|will|can|could|has|have|are)\\b|如何|怎么|怎样|怎麼|用什么方法|方式"
            + "|用(?:于|在|来|作)(?:什么|何)|(?:的|有何)用途|\\bwhat\\b[^?]*\\b(?:use|spend)\\b[^?]*\\bfor\\b"),
    YES_NO("^(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\\b|吗[？?]?$|是否|有没有|是不是|能否|可否"),
    OPEN("");

    /** A question for a dynasty ("哪个朝代", "什么朝代"): a when-question, answered by the dynasty a sentence names. */
    static final String DYNASTY_ASKED = "(?:哪|什么|何)(?:一|个|一个)?朝代";

    private final Pattern cue;

    QuestionType(String cue) {
        this.cue = cue.isEmpty() ? null : Pattern.compile(cue);
    }

    /** The JSON name: {@code how_much}, {@code when}, ... */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of a question, given folded (lower case, Simplified) text. Order matters: "compare" and counted
     * nouns first ("多少名员工" is how many, "多少" alone is how much), then the question words.
     */
    public static QuestionType of(String folded) {
        String q = folded.strip();
        for (QuestionType t : values()) {
            if (t.cue != null && t.cue.matcher(q).find()) {
                return t;
            }
        }
        return OPEN;
    }
}
