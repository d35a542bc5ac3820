package io.veritas.answer;

import io.veritas.extract.Names;
import io.veritas.extract.Quantities;
import io.veritas.extract.Quantity;
import io.veritas.extract.TimeExpressions;
import io.veritas.index.Analysis;
import io.veritas.index.Hit;
import io.veritas.index.SearchRequest;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;
import io.veritas.text.Sentences;
import io.veritas.text.Span;
import org.apache.lucene.analysis.Analyzer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers from the passages themselves, for any question the claims do not hold: retrieve passages for the
 * question, rank their sentences by the question's words (weighted by how rare each is among the candidates),
 * keep only sentences whose passage names every name the question holds, and read from the best ones a candidate
 * of the type asked for — a date for "when", a person or organisation for "who", a place for "where", an amount
 * or a count — scored by its sentence and its closeness to the question's words. Candidates found in several
 * independent stories (story clusters) add up; copies of one story count once. Why, how and open questions are
 * answered with the best two sentences. Every answer quotes its sentences exactly; when no sentence of the
 * expected kind exists the answer says so and shows what the corpus does say about the subject.
 */
final class EvidenceAnswerer {
    /** Passages retrieved per question: the depth at which both backends are proven to rank alike (DeterminismTest). */
    static final int PASSAGES = 10;
    /** Further passages of the best passage's document read for an answer. */
    private static final int SIBLINGS = 6;
    /**
     * How much of a question word's weight a sentence gets when its document's title holds the word and the sentence
     * does not: "后入祀乡贤祠，追谥文敏" is about the official its article is titled after.
     */
    private static final double TITLE_SHARE = 1.0;
    /** Sentences a candidate may come from. */
    private static final int SENTENCES = 8;
    /** Least share of the question's word weight a sentence must hold to answer an open question. */
    private static final double OPEN_COVERAGE = 0.25;
    /** Least share for a sentence that yields a typed candidate. */
    private static final double TYPED_COVERAGE = 0.15;
    /**
     * Or the share of the question's own characters (an open Chinese question's paraphrase keeps characters when it
     * changes words: "整体是什么颜色" / "体侧银白色").
     */
    private static final double OPEN_CHARS = 0.5;
    /** Typed candidates are read only from sentences scoring at least this share of the best sentence's score. */
    private static final double NEAR_TOP = 0.8;
    /** Within one sentence, how much more a candidate weighs when its own clause holds all the question's words. */
    private static final double CLAUSE = 0.3;
    /** The weight of a sentence that lists further investors after the round's sentence, against that sentence's. */
    private static final double CARRIED = 0.9;
    private static final Pattern FROM_VALUE = Pattern.compile("(?:由|从|\\bfrom)\\s*(?:每年|每月|每天|每日|每季|年|月)?\\s*(?:约|us\\$|\\$)?$");
    private static final Pattern CHANGED_TO = Pattern.compile("^\\s*(?:提升|提高|增加|增长|上升|升|增|扩大|下降|降|减少|减)?(?:至|到)|^\\s*to\\b");
    /** Weight of a single Chinese character of the question against its words (measured on CMRC/DRCD, see BENCHMARKS). */
    private static final double CHAR_WEIGHT = 0.3;
    /** Weight of the passage's own retrieval score, scaled to the best passage's. */
    private static final double PASSAGE_PRIOR = 3;
    /** How much of a candidate's score is its closeness to the question's words in its sentence. */
    private static final double CLOSENESS = 0.1;
    /** How much each further story that gives a value adds to it, against its best sentence's score. */
    private static final double OTHER_STORIES = 0.3;
    private static final int MAX_LIST = 6;

    private static final String WHICH_FIRM = "\\bwhich (?:company|companies|firm|firms|bank|banks|lender|lenders)\\b";
    /** A question for a firm, never answered with a person ("哪家投行", "哪家报纸", "which bank"). */
    private static final Pattern ASKS_FOR_A_FIRM = Pattern.compile("哪一?[家间]|什么公司|什么机构|哪一?个机构|" + WHICH_FIRM);
    /** A question for a firm of a kind whose answer is a name, never a common noun ("哪家投行", not "哪家报纸"). */
    private static final Pattern ASKS_FOR_A_FIRM_BY_KIND = Pattern.compile("(?:哪一?[家间个所]|什么)(?:投行|银行|公司|机构|基金|券商|企业|创投|律所|事务所|承销商|投资方|投资机构)|"
            + WHICH_FIRM);
    private static final Pattern A_YEAR = Pattern.compile("\\s*(?:(?:19|20)\\d{2}\\s*(?:至|到|~|～|-|－|—)\\s*)?(?:19|20)\\d{2}\\s*(?:年|年代|s)?\\s*");
    private static final Pattern YEAR = Pattern.compile("(?<![\\d.])((?:1[0-9]|20)\\d{2})\\s*(年代|年)?(?![\\d%])");
    /** Times that are not dates: centuries, decades, seasons, festivals, lunar months, eras ("19世纪晚期", "秋季", "清朝"). */
    private static final Pattern ZH_TIME = Pattern.compile("(?:公元前?)?(?:\\d{1,2}|[一二三四五六七八九十]+)\\s*世纪(?:初|中|末|晚期|早期|中期|中叶|初期|末期|初叶|末叶)?"
            + "|\\d{2,4}\\s*年代(?:初|中|末|初期|中期|末期)?|[春夏秋冬](?:季|天)|春节|元宵节|清明节|端午节|中秋节|重阳节|除夕|冬至|七夕"
            + "|(?:农历|阴历|夏历)?[正一二三四五六七八九十冬腊]{1,2}月(?:初[一二三四五六七八九十]|[十廿]?[一二三四五六七八九十]日?)?"
            + "|[\\p{IsHan}]{1,2}(?:朝|代)(?:初年|末年|初期|末期|中期|年间|时期)|[\\p{IsHan}]{2,4}时期|(?:上午|下午|晚上|凌晨|中午|傍晚|清晨)"
            + "|\\b\\d{1,2}(?:st|nd|rd|th) century\\b|\\b\\d{3}0s\\b");
    /**
     * Years counted from an era or reign ("康熙七年", "元嘉二十七年", "民国114年") and their spans ("元禄年间"), geological
     * periods ("白垩纪中期"), ages ("2.51亿年前") and ordinal years ("第九年", "次年"). A count of years after a verb or a
     * span word ("成立十年", "过去三年") is a duration, not a time.
     */
    private static final Pattern ERA_TIME = Pattern.compile("民国\\s*\\d{1,3}\\s*年"
            + "|(?<!成立|创立|创办|运营|经营|工作|发展|持续|连续|长达|超过|已经|未来|过去|最近|近年|这|那|前|后|近|约|逾|满|第|每|多|了|过|来)"
            + "(?<![零〇一二两三四五六七八九十\\d])(?<=[\\p{IsHan}]{2})(?<era>元|[一二三四五六七八九十]{1,3})年(?![代级度内来后前里中底初化薪收均报会终份龄轻纪])"
            + "|[\\p{IsHan}]{2}年间|(?:寒武|奥陶|志留|泥盆|石炭|二叠|三叠|侏罗|白垩|古近|新近|第四)纪(?:初期|中期|晚期|早期|末期|初|中|末)?"
            + "|(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+)\\s*(?:亿|万|千)年前|第(?:\\d{1,2}|[一二三四五六七八九十]{1,3})年|次年|翌年");
    /** A clause that times an event by another ("一局比赛结束之后", "西汉武帝时，…"): a when-answer where no date is. */
    private static final Pattern EVENT_TIME = Pattern.compile("(?:^|(?<=[，,；;。：:]))\\s*(?:当|在|于|自|从|直到|到了)?"
            + "([^，,；;。：:]{2,18}?(?:之后|以后|之前|以前|的时候|期间|(?:时|后)(?=[，,])))");
    private static final Pattern QUARTER = Pattern.compile("\\b(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?:19|20)\\d{2})?\\b"
            + "|\\bq[1-4](?: (?:19|20)\\d{2})?\\b|\\b(?:early|mid|late|end of) (?:19|20)\\d{2}\\b|(?:(?:19|20)\\d{2}年)?第[一二三四1-4]季度?|(?:(?:19|20)\\d{2}年)?(?:上|下)半年|(?:19|20)\\d{2}年(?:底|初|中|末)");
    private static final Pattern ZH_DATE = Pattern.compile("(?:(?:\\d{4}|[一二三四五六七八九〇零]{4})\\s*年\\s*)?\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*[日号])?");
    private static final String NUM = "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)";
    /** A year written in Chinese numerals ("二〇〇五年"). */
    private static final Pattern NUMERAL_YEAR = Pattern.compile("[一二三四五六七八九〇零]{4}\\s*年");
    /** "2至23公尺", "23~28℃": a range is read as written. */
    private static final String RANGE = "(?:" + NUM + "\\s*(?:至|到|~|～|-|－|—)\\s*)?";
    private static final Pattern ZH_COUNT = Pattern.compile(RANGE + NUM + "\\s*(?:万|亿|千|百)?\\s*(?:多|余)?\\s*"
            + "(?:平方公里|平方米|平方公尺|立方米|立方公尺|小时|分钟|星期|个月|世纪|英尺|英里|公尺|公分|厘米|毫米|千米|公里|公斤|千克|公顷|人次"
            + "|个|名|位|家|座|种|项|件|只|部|次|台|块|颗|枚|张|辆|艘|架|吨|人|年|天|岁|届|场|首|本|所|条|门|米|层|款|支|队|万|秒|周|克|度|倍|%|％|户|亩|元"
            + "|趟|班|列|床|间|栋|幢|棵|株|匹|头|篇|集|册|卷|票|局|盘|段|节|站|片|粒|份|套|双|对|群|批|起|例|宗|笔|轮|期|级|代|任|码|磅|海里|海浬|光年|组)");
    /** A share written as a fraction: "三分之一", "百分之三", "三分之一至二分之一". */
    private static final Pattern FRACTION = Pattern.compile(NUM + "分之" + NUM + "(?:\\s*(?:至|到|~|～|-)\\s*" + NUM + "分之" + NUM + ")?");
    private static final Pattern EN_COUNT = Pattern.compile("(?<![\\w.])(" + "\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?" + ")(\\s*(?:million|billion|thousand|k))?\\s+((?:cubic |square |nautical |light )?[a-z][a-z-]+)");
    /** Measures written with Latin units in either language: capacity, power, storage, sizes ("6GWh", "3 nm", "500 MW"). */
    private static final Pattern UNIT_COUNT = Pattern.compile("(?<![\\w.])" + RANGE + NUM + "\\s*(?:万|亿|千|百|million|billion|thousand)?\\s*"
            + "(?:twh|gwh|mwh|kwh|tw|gw|mw|kw|mah|pb|tb|gb|mb|nm|μm|km[²³]?|m[²³]|㎡|㎢|kg|ghz|mhz|gbps|tops|pflops|eflops|mpa|℃|°c|°f)(?![a-z])");
    private static final Pattern EN_WORD_COUNT = Pattern.compile("(?<![\\w])(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens?)\\s+([a-z][a-z-]+)");
    private static final Pattern PARTICIPATION = Pattern.compile("\\bjoined\\b|\\bparticipated\\b|\\btook part\\b|\\balso invested\\b"
            + "|\\bco-led\\b|\\balong with\\b|\\bbackers?\\b|\\binvestors?\\b|\\breturned\\b|\\bcame in\\b|参投|跟投|参与|共同|联合(?!国)|也投");
    private static final Pattern CAUSE = Pattern.compile("\\bbecause\\b|\\bdue to\\b|\\bso that\\b|\\bin order to\\b|\\bto (?:fund|pay|expand|build|hire)\\b"
            + "|\\bwill (?:use|pay|fund)\\b|\\baims? to\\b|因为|由于|为了|用于|旨在|原因|以便");
    /** "How is X doing?", "X最近怎么样": a question about how a subject is faring in general. */
    private static final Pattern NEWS = Pattern.compile("\\bhow (?:is|are|has|have)\\b[^?]*\\b(?:doing|going|getting on|faring|performing)\\s*\\??$"
            + "|\\bwhat(?:'s| is) new\\b|\\bnews\\b|\\bupdate on\\b|\\blately\\b|\\brecently\\b"
            + "|怎么样|怎样了|如何了|近况|现况|情况如何|表现如何|发展如何|新动态|最新动态|有什么新|最近");
    /** "Tell me about X", "介绍一下X": what the sources say about the subject, best first. */
    private static final Pattern GENERAL = Pattern.compile("\\boverview\\b|\\btell me (?:about|more)\\b|\\bwhat do (?:we|you) know\\b"
            + "|\\bsummar|\\bwho is\\b|\\bwhat is\\b|介绍|概况|简介|是什么公司|是做什么的");
    private static final Pattern PURPOSE = Pattern.compile("\\b(?:use|spend|put) (?:the|its|this|that|some of the|most of the)? ?(?:new )?(?:money|funds|cash|capital|proceeds)\\b"
            + "|\\bwill (?:go|be used) (?:to|toward|towards|for)\\b|\\bto (?:fund|pay for|build|expand|hire|open|double)\\b|\\bplans to\\b"
            + "|用于|用来|投入|用在|将用|主要用|计划");
    /** A how-question about what something is used for ("How will X use the money?", "资金将用于什么"). */
    private static final Pattern USE_ASKED = Pattern.compile("\\b(?:use|spend|put|money|funds|proceeds|cash)\\b|\\bwhat for\\b|用途|用于|用在|怎么用|如何用|使用|运用|怎么花|如何花|投向|投入|资金|钱");
    /** Chinese bigrams made with a particle or copula ("立的", "技是") straddle words: they match nothing useful. */
    private static final Pattern GLUE = Pattern.compile("[的是了吗呢在有和与]");
    private static final Pattern QUESTION_TOKEN = Pattern.compile("[谁什么哪几吗呢何怎]|多少");
    /**
     * A question word with the numeral and measure word after it ("哪一个", "哪種", "什么"): the question's words are
     * read on either side of it, never across it ("哪一機構" gives no "一机", "哪個朝代" no "个朝").
     */
    private static final Pattern QUESTION_PHRASE = Pattern.compile("(?:哪|什么|多少|几|谁)一?[个种间位家所座条些样类项门部只名届次]?");
    /** 时 after a time says "at": the time is read as the sentences write it ("1211年時" as "1211年", no "年时"). */
    private static final Pattern TIME_PARTICLE = Pattern.compile("(?<=[年朝代期])时(?![代期间刻候])");

    private final Function<SearchRequest, List<Hit>> search;
    private final io.veritas.extract.Lexicon lexicon;
    private final Analyzer analyzer = Analysis.analyzer();

    private final Function<String, List<io.veritas.index.Translation>> translations;

    EvidenceAnswerer(Function<SearchRequest, List<Hit>> search, Function<String, List<io.veritas.index.Translation>> translations,
                     io.veritas.extract.Lexicon lexicon) {
        this.search = search;
        this.translations = translations;
        this.lexicon = lexicon;
    }

    /** A sentence of a retrieved passage, with its score against the question. */
    private record Sentence(Hit hit, Span span, String text, String folded, double score, double coverage, double chars) {
    }

    /** A candidate answer: its text (as written), the sentence it came from and its score. */
    private record Candidate(String text, String key, Sentence from, double score) {
    }

    /** The answer, or an {@code answered: false} one that says what the corpus holds about the question's names. */
    Answer answer(Question asked, List<String> suggestions) {
        List<Hit> hits = withTheRestOfTheBest(asked, withTheNames(asked, search.apply(SearchRequest.of(asked.text(), PASSAGES))));
        Question q = presentNames(asked, hits);
        // The question's own words besides its names weigh the sentences (every passage kept names them already);
        // a question that is nothing but a name is weighed by the name.
        Set<String> nameTokens = new HashSet<>();
        q.names().forEach(n -> nameTokens.addAll(tokens(n)));
        String unglued = TIME_PARTICLE.matcher(Script.fold(Normalizer.nfkc(q.text()))).replaceAll("，");
        Set<String> besideQuestionWords = new HashSet<>(tokens(QUESTION_PHRASE.matcher(unglued).replaceAll("，")));
        List<String> all = tokens(unglued).stream().filter(besideQuestionWords::contains)
                .filter(t -> !QUESTION_TOKEN.matcher(t).find() && !GLUE.matcher(t).find()).distinct().toList();
        List<String> words = all.stream().filter(t -> !nameTokens.contains(t)).toList();
        List<String> qTokens = words.isEmpty() ? all : words;
        List<Group> groups = groups(q, qTokens);
        AskedFigure figure = AskedFigure.of(q);
        List<Sentence> sentences = ofTheRound(q, rank(q, hits, qTokens, groups, figure.attribute()));
        List<String> anchors = new ArrayList<>(qTokens);
        groups.stream().filter(g -> g.own().stream().noneMatch(Analysis::hasChinese)).forEach(g -> g.alternatives().forEach(anchors::addAll));
        qTokens = anchors.stream().distinct().toList(); // an English question's candidates are placed near its words' translations
        QuestionType type = q.type();
        if (type == QuestionType.WHY || type == QuestionType.HOW || type == QuestionType.OPEN || type == QuestionType.YES_NO
                || type == QuestionType.COMPARE) {
            String foldedQuestion = Script.fold(Normalizer.nfkc(q.text()));
            boolean news = (type == QuestionType.OPEN || type == QuestionType.HOW) && NEWS.matcher(foldedQuestion).find();
            boolean general = !q.names().isEmpty() && (news || type == QuestionType.OPEN && GENERAL.matcher(foldedQuestion).find());
            if (type == QuestionType.YES_NO) {
                Answer checked = relationChecked(q, sentences, hits, suggestions);
                if (checked == null) {
                    checked = unconfirmed(q, sentences, qTokens, suggestions);
                }
                if (checked != null) {
                    return checked;
                }
                if (q.qualifier() != null && sentences.stream().noneMatch(s -> io.veritas.extract.Rounds.all(s.folded(), 0,
                        s.folded().length()).contains(q.qualifier()))) {
                    // "Did X raise a Series C?" where no sentence names X's Series C: the premise has no support, and a
                    // sentence of another passage about X does not answer it.
                    return refused(q, hits, suggestions);
                }
            }
            List<Sentence> best = general ? List.of() : sentences.stream().filter(s -> s.coverage() >= OPEN_COVERAGE
                            || type == QuestionType.OPEN && s.chars() >= OPEN_CHARS)
                    .filter(s -> type != QuestionType.WHY && type != QuestionType.HOW || namesAll(asked, q, s)).limit(2).toList();
            if (best.isEmpty() && (type == QuestionType.OPEN || general) && !q.names().isEmpty()) {
                // "What's new at X?", "What do we know about X?": what the newest reports say about the subject.
                best = aboutTheNames(q, sentences, news);
            }
            if (best.isEmpty()) {
                return refused(q, hits, suggestions);
            }
            if (best.size() == 2 && best.get(1).coverage() > best.get(0).coverage() && best.get(1).chars() >= best.get(0).chars()) {
                // Of the two, the one that holds more of the question's words and characters comes first: the other
                // may rank above it only by its passage ("觅食" in the first paragraph, "以…为食" in the second).
                best = List.of(best.get(1), best.get(0));
            }
            return sentencesAnswer(q, best.stream().map(s -> withAntecedent(s, false)).toList(), suggestions);
        }
        // A question about a relation ("Who founded…", "Who led…", "When was … acquired") is answered only from
        // sentences that state that relation: a founder is not read from a sentence about a round.
        Relations.Relation relation = relation(q);
        // Candidates come from the sentences that match the question best: a name or figure of the asked type in
        // a sentence that barely matches is not worth more than the best sentence without one.
        String askedFolded = Script.fold(Normalizer.nfkc(q.text()));
        // A sentence of the best passage's document that states the relation asked about is read however few of the
        // question's words it repeats ("林投姐的导演是谁" / "為1988年由丁善璽執導的電影作品": the film is the article's).
        boolean related = relation != null && narrows(q);
        boolean narrowed = related && relation.narrowing();
        String topDocument = hits.isEmpty() ? null : hits.get(0).source().docId();
        List<Sentence> eligible = sentences.stream().filter(s -> s.coverage() >= TYPED_COVERAGE || s.chars() >= OPEN_CHARS
                        || related && relation.statedIn(s.folded()) && s.hit().source().docId().equals(topDocument))
                .filter(s -> !narrowed || relation.statedIn(s.folded()))
                .filter(s -> !reversed(q, askedFolded, relation, s.folded())).toList();
        double best = eligible.isEmpty() ? 0 : eligible.get(0).score();
        Pattern ownAttribute = figure.attribute();
        // A sentence that states the figure asked for, or counts in the question's measure word ("几层": "共有三层"),
        // is read even when sentences that only name the subject rank above it ("拉迪氏…为…的其中一种" above "适水温23~28℃").
        String bestDocument = hits.isEmpty() ? null : hits.get(0).source().docId();
        List<Sentence> typed = eligible.stream().filter(s -> s.score() >= NEAR_TOP * best
                        || statesAsked(q, s.folded(), ownAttribute, s.hit().source().docId().equals(bestDocument))
                        || s.hit().source().docId().equals(bestDocument) && countsIn(figure.unit(), s.folded()))
                .limit(SENTENCES).toList();
        if (ownAttribute != null && (PHYSICAL_MEASURE.matcher(askedFolded).find()
                || typed.stream().anyMatch(s -> statesAsked(q, s.folded(), ownAttribute, true)))) {
            // Where a sentence states the measure asked ("高度为31公尺"), a figure of another ("宽约4米") is no answer;
            // "how tall" is answered only by a sentence that gives a height. One that counts in the question's own
            // measure word answers too: "大沙地站共有几层" reads "地站" as an attribute, and "本站共两层" never names it.
            typed = typed.stream().filter(s -> statesAsked(q, s.folded(), ownAttribute, true)
                    || countsIn(figure.unit(), s.folded())).toList();
        }
        List<Candidate> candidates = new ArrayList<>();
        boolean yearAsked = type == QuestionType.WHEN && YEAR_ASKED.matcher(askedFolded).find();
        for (Sentence s : typed) {
            candidates.addAll(candidates(q, withAntecedent(s, type == QuestionType.WHEN, yearAsked), qTokens, figure));
        }
        if (type == QuestionType.WHICH) {
            // Investors are often listed in the sentence after the round's ("X and Y also joined the round").
            List<Sentence> top = typed.stream().limit(3).toList();
            for (Sentence s : top) {
                for (Sentence next : sentences) {
                    if (next.hit() == s.hit() && next.span().start() >= s.span().end() && next.span().start() <= s.span().end() + 2
                            && PARTICIPATION.matcher(next.folded()).find()) {
                        // Scored just below the sentence it follows: that sentence's own names come first.
                        Sentence carried = new Sentence(next.hit(), next.span(), next.text(), next.folded(), CARRIED * s.score(), s.coverage(), s.chars());
                        candidates.addAll(candidates(q, carried, qTokens, figure));
                    }
                }
            }
        }
        List<Candidate> voted = vote(candidates);
        if (voted.isEmpty() && type == QuestionType.WHICH && !typed.isEmpty()) {
            // "可通过减贫而降低自杀率的方法为哪一种" / "经济发展则可通过减贫而降低自杀率": the tagger reads no noun, but the
            // sentence holds the question's words and one phrase more, which fills the question's gap.
            Candidate rest = theRest(typed.get(0), qTokens, q);
            voted = rest == null ? voted : List.of(rest);
            Sentence top = typed.get(0);
            List<String> questionWords = qTokens;
            boolean another = Names.nounPhrases(top.text()).stream()
                    .anyMatch(n -> anotherOfTheQuestions(askedFolded, top.folded(), Script.fold(n.text()), questionWords));
            boolean partyAsked = ASKS_FOR_A_FIRM.matcher(askedFolded).find() || narrowed; // a firm or a relation's party is a name
            if (voted.isEmpty() && top.coverage() >= WHICH_SENTENCE_COVERAGE && !another && !partyAsked) {
                // "嘉定府是在哪個朝代所設立的" / "宋朝時，改設嘉定府": what fills a which-question's gap may be a word no
                // tagger reads as a name; the sentence that holds most of the question is quoted, with no short answer,
                // unless it is about another of the question's nouns ("茶葉產量" for "咖啡產量") or the question asks
                // for a firm or the party of a relation, which only a name answers.
                return sentencesAnswer(q, List.of(withAntecedent(top, false)), suggestions);
            }
        }
        if (voted.isEmpty()) {
            return refused(q, hits, suggestions);
        }
        if (type == QuestionType.HOW_MANY || type == QuestionType.HOW_MUCH) {
            voted = newestFirst(voted);
        }
        return typedAnswer(q, voted, suggestions);
    }

    // ------------------------------------------------------------------------------------------------ ranking

    /**
     * A word of the question with its dictionary translations: a sentence that lacks the word's own tokens but holds
     * every token of one translation counts the word as present (Pirkola's structured query, at sentence level), so
     * an English question is weighed against a Chinese sentence as a Chinese question would be, and a sentence in
     * the question's own language is weighed exactly as before.
     */
    private record Group(List<String> own, List<List<String>> alternatives) {
        boolean translated(Set<String> tokens) {
            for (List<String> a : alternatives) {
                if (!a.isEmpty() && tokens.containsAll(a)) {
                    return true;
                }
            }
            return false;
        }
    }

    private List<Group> groups(Question q, List<String> qTokens) {
        List<Group> out = new ArrayList<>();
        Set<String> nameTokens = new HashSet<>();
        q.names().forEach(n -> nameTokens.addAll(tokens(n)));
        for (io.veritas.index.Translation t : translations.apply(q.text())) {
            List<String> own = tokens(t.source()).stream().filter(qTokens::contains).toList();
            if (own.isEmpty() || own.stream().anyMatch(nameTokens::contains)) {
                continue; // stop words, or a name: names are matched as names
            }
            List<List<String>> alternatives = new ArrayList<>();
            for (String target : t.targets().keySet()) {
                List<String> tokens = tokens(target);
                if (!tokens.isEmpty() && !alternatives.contains(tokens)) {
                    alternatives.add(tokens);
                }
            }
            out.add(new Group(own, alternatives));
        }
        return out;
    }

    private List<Sentence> rank(Question q, List<Hit> hits, List<String> qTokens, List<Group> groups, Pattern ownAttribute) {
        Relations.Relation relation = relation(q);
        Map<String, Double> weights = new LinkedHashMap<>();
        List<String> names = q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).toList();
        record Raw(Hit hit, Span span, String text, String folded, Set<String> tokens, Set<String> title, String titleFolded) {
        }
        List<Raw> raws = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // Passages must name what the question names: as many of its names as any passage does, and at least one
        // (a name the segmenter read wrongly is in no passage; a company the corpus never mentions is in none either).
        Map<Hit, Long> named = new HashMap<>();
        for (Hit h : hits) {
            String passage = Script.fold(h.text());
            String title = h.source().title() == null ? "" : Script.fold(Normalizer.nfkc(h.source().title()));
            named.put(h, names.stream().filter(n -> passage.contains(n) || title.contains(n)).count());
        }
        long most = named.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (!names.isEmpty() && most == 0) {
            return List.of();
        }
        Map<String, Set<String>> titles = new HashMap<>();
        for (Hit h : hits) {
            if (named.get(h) < most) {
                continue; // a passage that does not name what the question names cannot answer it
            }
            String headline = headline(h.source().title());
            Set<String> title = headline.isEmpty() ? Set.of() : titles.computeIfAbsent(h.source().docId(), id -> new HashSet<>(tokens(headline)));
            String titleFolded = Script.fold(Normalizer.nfkc(headline));
            for (Span sp : Sentences.split(h.text())) {
                String text = h.text().substring(sp.start(), sp.end()).strip();
                if (text.length() < 4 || !seen.add(Script.fold(text))) {
                    continue; // copies of one sentence count once
                }
                int lead = h.text().indexOf(text, sp.start());
                raws.add(new Raw(h, new Span(lead, lead + text.length()), text, Script.fold(text), new HashSet<>(tokens(text)), title, titleFolded));
            }
        }
        int n = raws.size();
        double total = 0;
        for (String t : qTokens) {
            long df = raws.stream().filter(r -> r.tokens().contains(t)).count();
            double w = Math.log(1 + (n + 1.0) / (df + 0.5));
            weights.put(t, w);
            // A word no retrieved sentence holds counts half against coverage: it may be a bigram across two words.
            total += df == 0 ? 0.5 * w : w;
        }

        // Single characters of the question's Chinese words, at a lower weight: a paraphrase keeps characters when it
        // changes words ("儿子" / "之子", "誕生" / "發明" does not, "保存完好" / "保存相當完好" does).
        Map<Integer, Double> charWeights = new LinkedHashMap<>();
        String asked = QUESTION_TOKEN.matcher(Script.fold(Normalizer.nfkc(q.text()))).replaceAll("");
        String nameChars = String.join("", names); // every passage kept names them: their characters tell nothing
        asked.codePoints().filter(c -> Script.isHan(c) && !GLUE.matcher(Character.toString(c)).find() && nameChars.indexOf(c) < 0).distinct().forEach(c -> {
            String ch = Character.toString(c);
            long df = raws.stream().filter(r -> r.folded().contains(ch)).count();
            charWeights.put(c, CHAR_WEIGHT * Math.log(1 + (n + 1.0) / (df + 0.5)));
        });
        double charTotal = charWeights.values().stream().mapToDouble(Double::doubleValue).sum();
        double bestHit = hits.stream().mapToDouble(Hit::score).max().orElse(0);
        boolean useAsked = USE_ASKED.matcher(Script.fold(Normalizer.nfkc(q.text()))).find();
        List<Sentence> out = new ArrayList<>();
        for (Raw r : raws) {
            double score = 0;
            for (Map.Entry<String, Double> w : weights.entrySet()) {
                if (r.tokens().contains(w.getKey())) {
                    score += w.getValue();
                } else if (r.title().contains(w.getKey())) {
                    score += TITLE_SHARE * w.getValue(); // a sentence is about what its document's title names
                }
            }
            for (Group g : groups) {
                if (!r.tokens().containsAll(g.own()) && g.translated(r.tokens())) {
                    for (String t : g.own()) { // the word is there in the other language: it counts as if written
                        score += r.tokens().contains(t) ? 0 : weights.getOrDefault(t, 0.0);
                    }
                }
            }
            String folded = r.folded();
            // A sentence that itself names the question's names ranks above its neighbours in the passage.
            score += 0.5 * names.stream().filter(folded::contains).count();
            if (q.type() == QuestionType.WHY && CAUSE.matcher(folded).find()) {
                score += 0.5 * total; // a why-question is answered by a sentence that gives a reason
            }
            if (statesAsked(q, folded, ownAttribute, r.hit().source().docId().equals(hits.get(0).source().docId()))) {
                score += 0.5 * total; // the sentence states the figure asked for, in whatever words
            }
            if (relation != null && relation.statedIn(folded)) {
                score += 0.5 * total; // ... or the relation asked about
            }
            if (q.type() == QuestionType.WHERE && names.stream().anyMatch(name -> describedBefore(folded, name))) {
                score += 0.5 * total; // "新竹IC设计公司棠芯", "Boston startup X": the description before the name places it
            }
            if (q.type() == QuestionType.HOW && useAsked && PURPOSE.matcher(folded).find()) {
                score += 0.5 * total; // "how will X use the money" is answered by what it will go to
            }
            double coverage = total == 0 ? 0 : Math.min(1, score / total);
            // The ranking adds the characters and how well the whole passage matched; coverage stays the words'.
            double chars = 0;
            for (Map.Entry<Integer, Double> c : charWeights.entrySet()) {
                String ch = Character.toString(c.getKey());
                if (r.folded().contains(ch) || r.titleFolded().contains(ch)) {
                    score += c.getValue();
                    chars += c.getValue();
                }
            }
            if (bestHit > 0) {
                score += PASSAGE_PRIOR * r.hit().score() / bestHit;
            }
            out.add(new Sentence(r.hit(), r.span(), r.text(), folded, score, coverage, charTotal == 0 ? 0 : chars / charTotal));
        }
        out.sort(Comparator.comparingDouble(Sentence::score).reversed()
                .thenComparing(s -> s.hit().source().docId()).thenComparingInt(s -> s.span().start()));
        return out;
    }

    /**
     * A document's title as a headline, or "" when it has none: a title made from the text's first sentence (it ends
     * like a sentence, or was cut with "…") says no more than that sentence.
     */
    private static String headline(String title) {
        if (title == null || title.isBlank()) {
            return "";
        }
        String t = title.strip();
        return "。．.!?！？…;；".indexOf(t.charAt(t.length() - 1)) >= 0 ? "" : t;
    }

    private static final Pattern DESCRIBED = Pattern.compile("(?:公司|厂商|企业|新创|业者|集团|制造商|开发商|供应商|运营商|初创|平台|startup|company|firm|maker|developer)\\s*$");

    /** Whether a span is part of the description right before one of the question's names ("香港物流平台翎港"). */
    private static boolean describes(Question q, String folded, int start, int end) {
        for (String n : q.names()) {
            String name = Script.fold(Normalizer.nfkc(n));
            int at = folded.indexOf(name, end);
            // The describing noun may follow the candidate or end inside it: "高雄新" cut from "高雄新创潮汐能科".
            if (at >= end && at - end <= 6 && DESCRIBED.matcher(folded.substring(start, at)).find()
                    && folded.substring(end, at).codePoints().allMatch(Script::isHan)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a name follows the noun that describes it ("…设计公司棠芯"), where a place often modifies the noun. */
    private static boolean describedBefore(String folded, String name) {
        for (int at = folded.indexOf(name); at > 0; at = folded.indexOf(name, at + 1)) {
            if (DESCRIBED.matcher(folded.substring(Math.max(0, at - 12), at)).find()) {
                return true;
            }
        }
        return false;
    }

    /** A sentence that opens by pointing back ("他的喜劇…", "This drove…", "其中…"): it is read with the one before. */
    private static final Pattern POINTS_BACK = Pattern.compile("^(?:[他她它其该此这那]|(?:he|she|it|they|this|these|its|his|her|their)\\b)");
    /** A time named only by pointing back ("也正是在这一年", "同年"): the date is in the sentence before. */
    /** At most this many sentences are read before one that points back. */
    private static final int CHAIN = 3;
    private static final Pattern TIME_BACK = Pattern.compile("这一年|同年|当年|该年|那一年|是年|这一时期|此时|that year|the same year");

    /**
     * The sentence together with the one before it in its passage, when it names what it is about only by pointing
     * back (a pronoun first, or for a when-question a year like "同年"): the quote is then both, as written, and the
     * names and dates of the first count as the second's. Otherwise the sentence itself.
     */
    private static Sentence withAntecedent(Sentence s, boolean when) {
        return withAntecedent(s, when, false);
    }

    /**
     * As {@link #withAntecedent(Sentence, boolean)}; and when a year is asked, a sentence dated only by month and day
     * ("6月12日上午，…首次出航") is read with the one before when that one names the year ("1907年春…动工建造").
     */
    private static Sentence withAntecedent(Sentence s, boolean when, boolean yearAsked) {
        String head = s.folded().stripLeading();
        boolean back = POINTS_BACK.matcher(head).find() || when && TIME_BACK.matcher(head).find();
        boolean yearless = !back && yearAsked && MONTH_DAY.matcher(head).find() && !NAMES_A_YEAR.matcher(head).find();
        if (!back && !yearless) {
            return s;
        }
        String text = s.hit().text();
        List<Integer> before = new ArrayList<>();
        for (Span sp : Sentences.split(text)) {
            if (sp.end() <= s.span().start() && text.substring(sp.start(), sp.end()).strip().length() >= 4) {
                before.add(sp.start());
            }
        }
        if (before.isEmpty()) {
            return s;
        }
        int k = before.size() - 1;
        int previous = before.get(k);
        // A sentence before that points back too ("其喜剧…。他的喜剧…") is read with the one before it, and so on up to
        // the sentence that names what they are about.
        while (back && k > 0 && before.size() - k < CHAIN && POINTS_BACK.matcher(Script.fold(text.substring(previous)).stripLeading()).find()) {
            previous = before.get(--k);
        }
        while (previous < s.span().start() && Character.isWhitespace(text.charAt(previous))) {
            previous++;
        }
        if (yearless && !YEAR.matcher(Script.fold(text.substring(previous, s.span().start()))).find()) {
            return s; // the sentence before names no year either
        }
        String joined = text.substring(previous, s.span().end());
        return new Sentence(s.hit(), new Span(previous, s.span().end()), joined, Script.fold(joined), s.score(), s.coverage(), s.chars());
    }

    /**
     * Whether the sentence's passage (with its title) names every name of the question as asked ({@code asked}; {@code q}
     * holds the stretches of them that passages hold): "Why did Carrow Freight open an office in Lisbon?" is not answered
     * from a passage that never mentions Lisbon; the premise is not supported there.
     */
    private static boolean namesAll(Question asked, Question q, Sentence s) {
        String passage = Script.fold(s.hit().text()) + " " + Script.fold(Normalizer.nfkc(
                s.hit().source().title() == null ? "" : s.hit().source().title()));
        List<String> held = q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).toList(); // stretches passages hold
        // Two Chinese characters read as a name are often a cut of the question's words ("钱会", "成苏"): not checked.
        return asked.names().stream().map(n -> Script.fold(Normalizer.nfkc(n)))
                .filter(n -> n.codePoints().noneMatch(Script::isHan) || n.length() >= 3)
                .allMatch(n -> passage.contains(n) || held.stream().anyMatch(h -> n.contains(h) && passage.contains(h)));
    }

    /** Between a name and the buying verb after it, the name is bought, not buying: "被…收购", "was acquired by". */
    private static final Pattern PASSIVE = Pattern.compile("被|遭|\\b(?:was|were|is|are|be|been|being|get|got)\\b");

    /**
     * Whether a sentence states the asked acquisition the other way round: "谁收购了拓垣新能源？" asks for the buyer of
     * 拓垣新能源, and "拓垣新能源…将以2.5亿元收购钧石材料" makes it the buyer; it does not answer (nor support the premise).
     */
    private static boolean reversed(Question q, String askedFolded, Relations.Relation relation, String folded) {
        if (relation == null || !relation.name().equals("acquisition") || q.subject() == null) {
            return false;
        }
        String subject = Script.fold(Normalizer.nfkc(q.subjectAs() != null ? q.subjectAs() : q.subject()));
        Matcher asked = relation.evidence().matcher(askedFolded);
        int inQuestion = askedFolded.indexOf(subject);
        if (!asked.find() || inQuestion < 0 || inQuestion < asked.start()) {
            return false; // "Who did X acquire?": X is the buyer the question names
        }
        int at = folded.indexOf(subject);
        Matcher verb = relation.evidence().matcher(folded);
        if (at < 0 || !verb.find(at)) {
            return false;
        }
        String after = folded.substring(verb.end(), Math.min(folded.length(), verb.end() + 12));
        return !PASSIVE.matcher(folded.substring(at, verb.start())).find() && !after.matches("(?s)\\s*(?:by|of)\\b.*");
    }

    private static Relations.Relation relation(Question q) {
        return Relations.askedIn(Script.fold(Normalizer.nfkc(q.text())), q.type().json());
    }

    /** Whether a relation the question names narrows its answer to the sentences that state it. */
    private static boolean narrows(Question q) {
        QuestionType type = q.type();
        return type == QuestionType.WHO || type == QuestionType.WHICH || type == QuestionType.WHEN;
    }

    /**
     * The passages about the question's names, when the question's words alone found few: in a large stream, posts
     * that share the question's common words ("where", "headquartered") can outrank every passage about a rare
     * company. The passages a search for the names finds are added after the others, scored below them.
     */
    private List<Hit> withTheNames(Question q, List<Hit> hits) {
        if (q.names().isEmpty()) {
            return hits;
        }
        List<String> names = q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).toList();
        long naming = hits.stream().filter(h -> names.stream().anyMatch(Script.fold(h.text())::contains)).count();
        if (naming * 2 >= PASSAGES) {
            return hits;
        }
        List<Hit> more = search.apply(SearchRequest.of(String.join(" ", q.names()), PASSAGES));
        float floor = (float) hits.stream().mapToDouble(Hit::score).min().orElse(1);
        float top = (float) more.stream().mapToDouble(Hit::score).max().orElse(1);
        List<Hit> out = new ArrayList<>(hits);
        for (Hit h : more) {
            boolean seen = out.stream().anyMatch(o -> o.source().docId().equals(h.source().docId()) && o.ordinal() == h.ordinal());
            if (!seen) {
                out.add(new Hit(h.source(), h.ordinal(), h.start(), h.end(), h.language(), h.text(),
                        top > 0 ? floor * h.score() / top : floor, h.highlight()));
            }
        }
        return out;
    }

    /**
     * The best passage's document is the likeliest to hold the answer, often in a sentence of another of its passages
     * that does not repeat the question's words ("本鱼…水深2至23公尺"): its other passages (those with the question's
     * words first) are added, scored as the weakest hit, so that their sentences compete on their own words.
     */
    private List<Hit> withTheRestOfTheBest(Question q, List<Hit> hits) {
        if (hits.isEmpty()) {
            return hits;
        }
        Hit top = hits.get(0);
        List<Hit> siblings = search.apply(SearchRequest.of(q.text(), SIBLINGS).withinDocument(top.source().docId())
                .withMode(SearchRequest.Mode.LEXICAL));
        float floor = (float) hits.stream().mapToDouble(Hit::score).min().orElse(1);
        List<Hit> out = new ArrayList<>(hits);
        for (Hit h : siblings) {
            if (out.stream().noneMatch(o -> o.source().docId().equals(h.source().docId()) && o.ordinal() == h.ordinal())) {
                out.add(new Hit(h.source(), h.ordinal(), h.start(), h.end(), h.language(), h.text(), floor, h.highlight()));
            }
        }
        return out;
    }

    /**
     * The question with only the names some retrieved passage holds as words: a stretch the segmenter misread as a
     * name ("設組裝廠" in "在哪個國家設組裝廠", "都選" in "通常都選在") is in no passage or only inside other words,
     * and its words are what the question asks about. With no name held, the names no passage writes at all are
     * kept (and nothing can answer the question).
     */
    private static Question presentNames(Question q, List<Hit> hits) {
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> passages = new ArrayList<>(); // each passage and title folded once: every stretch of a name is looked up in them
        for (Hit h : hits) {
            passages.add(Script.fold(h.text()));
            if (h.source().title() != null) {
                passages.add(Script.fold(Normalizer.nfkc(h.source().title())));
            }
        }
        for (String n : q.names()) {
            String folded = Script.fold(Normalizer.nfkc(n));
            String kept = null;
            // "安棠電動越南廠": the company and what of it is asked; the longest start any passage holds is the name.
            // When no start of it is in a passage, the longest stretch inside it that is: a question word's last
            // character read into the name ("哪一年武漢大學" gave "年武漢大學") is cut from its front.
            boolean han = folded.codePoints().allMatch(c -> Script.isHan(c) || c == '·');
            for (int len = folded.length(); len >= 2 && kept == null; len--) {
                if (len < folded.length() && !han) {
                    break; // Latin names are cut by their shape, not here
                }
                if (heldAsWords(passages, folded.substring(0, len))) {
                    kept = Normalizer.nfkc(n).substring(0, len);
                }
            }
            for (int len = folded.length() - 1; han && len >= 3 && kept == null; len--) {
                for (int from = 1; from + len <= folded.length() && kept == null; from++) {
                    if (heldAsWords(passages, folded.substring(from, from + len))) {
                        kept = Normalizer.nfkc(n).substring(from, from + len);
                    }
                }
            }
            if (kept != null) {
                present.add(kept);
            } else if (!held(passages, folded)) {
                absent.add(n);
            }
        }
        if (present.isEmpty()) {
            // No name is in a passage as a word. One written in none is kept, so that the refusal says the corpus does
            // not hold it; one written only inside other words was read wrongly from the question and is dropped.
            present = absent;
        }
        if (present.equals(q.names())) {
            return q;
        }
        return new Question(q.text(), q.language(), q.subject(), q.subjectAs(), q.attribute(), q.qualifier(), q.latest(),
                q.year(), q.type(), present);
    }

    /**
     * With a round in the question, sentences that name another round and not the one asked about are not about
     * it ("Who led X's Series A?" is not answered from the Series B sentence), nor are the other sentences of a
     * passage that names only other rounds ("the company will use the money…" after the Series B's news).
     */
    private static List<Sentence> ofTheRound(Question q, List<Sentence> sentences) {
        if (q.qualifier() == null) {
            return sentences;
        }
        Map<Hit, Boolean> otherRounds = new HashMap<>(); // a report about another round only: none of it is about this one
        return sentences.stream().filter(s -> {
            Set<String> rounds = io.veritas.extract.Rounds.all(s.folded(), 0, s.folded().length());
            if (!rounds.isEmpty()) {
                return rounds.contains(q.qualifier());
            }
            return !otherRounds.computeIfAbsent(s.hit(), h -> {
                String passage = Script.fold(h.text());
                Set<String> inPassage = io.veritas.extract.Rounds.all(passage, 0, passage.length());
                return !inPassage.isEmpty() && !inPassage.contains(q.qualifier());
            });
        }).toList();
    }

    private static boolean held(List<String> passages, String part) {
        return passages.stream().anyMatch(p -> p.contains(part));
    }

    /** Occurrences of a stretch looked at before it is taken for part of other words only. */
    private static final int OCCURRENCES = 40;

    /**
     * Whether a passage holds a short Chinese stretch as words of its own: "都選" is in "南方州都選擇" only inside
     * 選擇. Longer stretches and Latin ones are held wherever they are written.
     */
    private static boolean heldAsWords(List<String> passages, String part) {
        if (part.length() > SHORT_NAME || !part.codePoints().allMatch(Script::isHan)) {
            return held(passages, part);
        }
        int looked = 0;
        for (String p : passages) {
            for (int at = p.indexOf(part); at >= 0 && looked < OCCURRENCES; at = p.indexOf(part, at + 1), looked++) {
                if (io.veritas.extract.Names.wholeWordsAt(p, at, at + part.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final int SHORT_NAME = 3;

    /** Two sentences that name the question's names, one per report: the best, or from the newest reports first. */
    private static List<Sentence> aboutTheNames(Question q, List<Sentence> sentences, boolean newestFirst) {
        List<String> names = q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).toList();
        List<Sentence> naming = new ArrayList<>(sentences.stream().filter(s -> names.stream().anyMatch(s.folded()::contains)).toList());
        Comparator<Sentence> newest = Comparator.comparing((Sentence s) -> s.hit().source().published(),
                Comparator.nullsLast(Comparator.reverseOrder()));
        if (newestFirst) {
            naming.sort(newest.thenComparing(Comparator.comparingDouble(Sentence::score).reversed())
                    .thenComparing(s -> s.hit().source().docId()).thenComparingInt(s -> s.span().start()));
        }
        List<Sentence> out = new ArrayList<>();
        Set<String> docs = new HashSet<>();
        for (Sentence s : naming) {
            if (out.size() < 2 && docs.add(s.hit().source().docId())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Analysed tokens (bigrams for Chinese, stems for English, stop words and Traditional folded away). */
    List<String> tokens(String text) {
        return Analysis.tokens(analyzer, text);
    }

    // --------------------------------------------------------------------------------------------- candidates

    private List<Candidate> candidates(Question q, Sentence s, List<String> qTokens, AskedFigure figure) {
        String questionFolded = Script.fold(Normalizer.nfkc(q.text()));
        List<int[]> spans = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String folded = s.folded();
        int nouns = Integer.MAX_VALUE; // candidates from this index on are common nouns, weighed below names
        switch (q.type()) {
            case WHEN -> {
                if (DYNASTY_ASKED.matcher(questionFolded).find()) {
                    // "始建于哪个朝代" / "始建于南宋淳熙年间": the dynasty, not the reign within it
                    matches(DYNASTY, folded, s.text(), spans, texts);
                    if (!spans.isEmpty()) {
                        nouns = spans.size();
                        break;
                    }
                }
                LocalDate published = s.hit().source().published() == null ? null
                        : LocalDate.ofInstant(s.hit().source().published(), ZoneOffset.UTC);
                for (TimeExpressions.Mention m : TimeExpressions.find(folded, published)) {
                    add(spans, texts, s.text(), m.start(), m.end());
                }
                matches(ZH_DATE, folded, s.text(), spans, texts);
                matches(NUMERAL_YEAR, folded, s.text(), spans, texts);
                matches(YEAR, folded, s.text(), spans, texts);
                matches(ZH_TIME, folded, s.text(), spans, texts);
                matches(QUARTER, folded, s.text(), spans, texts);
                eraTimes(folded, s.text(), spans, texts);
                ofTheLifeEventAsked(q, folded, spans, texts);
                nouns = spans.size(); // an event that times another is a weaker answer than a date
                Matcher clause = EVENT_TIME.matcher(folded);
                while (clause.find()) {
                    add(spans, texts, s.text(), clause.start(1), clause.end(1));
                }
            }
            case HOW_MUCH -> {
                if (!TimeScope.ofThePeriodAsked(questionFolded, folded)) {
                    break; // "全年出貨多少" is not answered by the first half's figure
                }
                if (q.attribute() != null && !states(folded, q.attribute())) {
                    break; // a revenue question is not answered from a sentence about another figure
                }
                for (Quantity m : Quantities.find(folded)) {
                    add(spans, texts, s.text(), Quantities.boundStart(folded, m), m.end()); // "up to $300 million" as written
                }
                if (spans.isEmpty()) {
                    if (figure.unit() != null) {
                        matches(figure.unit(), folded, s.text(), spans, texts);
                    }
                    counts(folded, s.text(), qTokens, spans, texts);
                }
                inTheAttributesClause(figure.clauseBound(), folded, s.text(), spans, texts);
            }
            case HOW_MANY -> {
                if (!TimeScope.ofThePeriodAsked(questionFolded, folded)) {
                    break; // "全年出貨多少" is not answered by the first half's figure
                }
                if (q.attribute() != null && !states(folded, q.attribute())) {
                    break; // "有多少员工" is not answered from a sentence that counts something else
                }
                for (Quantity m : Quantities.find(folded)) {
                    spans.add(new int[]{m.start(), m.end()}); // money is not a count: held, then dropped below
                    texts.add(null);
                }
                if (figure.unit() != null) {
                    matches(figure.unit(), folded, s.text(), spans, texts);
                }
                counts(folded, s.text(), qTokens, spans, texts);
                inTheAttributesClause(figure.clauseBound(), folded, s.text(), spans, texts);
            }
            case WHO, WHICH, WHERE -> {
                List<Names.Name> found = Names.find(s.text());
                // "哪一間公司經營…" / "由澄海輪船公司經營…往返外島": where the sentence names an organisation, a firm asked
                // for is one, not another name beside it.
                boolean firmNamed = ASKS_FOR_A_FIRM_BY_KIND.matcher(questionFolded).find()
                        && found.stream().anyMatch(n -> n.kind() == Names.Kind.ORG && !questionFolded.contains(Script.fold(n.text())));
                boolean followOn = FOLLOW_ON_ASKED.matcher(questionFolded).find();
                for (Names.Name n : found) {
                    String key = Script.fold(n.text());
                    if (firmNamed && n.kind() != Names.Kind.ORG) {
                        continue;
                    }
                    if (followOn && leadsTheRound(folded, n)) {
                        continue; // "哪些机构跟投了…" / "由碧澜资本领投，青杉创投跟投": the lead investor did not follow
                    }
                    if (questionFolded.contains(key) || isQuestionName(q, key)) {
                        continue; // the question's own names are not its answer (and do not stop the search for one)
                    }
                    boolean place = n.kind() == Names.Kind.PLACE;
                    // A place the recognisers took for something else ("位于奥斯汀": 奥斯汀 as a transliterated person)
                    // is still a place after "in" or "位于".
                    boolean placed = (n.kind() == Names.Kind.NAME || n.kind() == Names.Kind.PERSON) && placeCue(folded, n.start());
                    if (q.type() == QuestionType.WHERE && (place || placed) && placeOfAnother(q, s.text(), folded, n.start())) {
                        continue; // "Veydra, based in Boston, said…" does not place Pulsewise in Boston
                    }
                    if (n.kind() == Names.Kind.PERSON && ASKS_FOR_A_FIRM.matcher(questionFolded).find()) {
                        continue; // "哪家投行…": a person is not a firm
                    }
                    if (q.type() == QuestionType.WHERE ? place || placed
                            : !place) {
                        add(spans, texts, s.text(), n.start(), n.end());
                    } else if (q.type() == QuestionType.WHERE && n.kind() == Names.Kind.ORG
                            && q.names().stream().anyMatch(name -> describedBefore(folded, Script.fold(Normalizer.nfkc(name))))) {
                        // "台南光学镜头公司岱峤": the description before the asked name opens with its place.
                        Names.Name at = Names.leadingPlace(n.text());
                        if (at != null) {
                            add(spans, texts, s.text(), n.start(), n.start() + at.end());
                        }
                    }
                }
                boolean relationNamed = narrows(q) && relation(q) != null && relation(q).narrowing();
                if (q.type() != QuestionType.WHERE && !(relationNamed && !spans.isEmpty()) || q.type() == QuestionType.WHERE && spans.isEmpty()) {
                    // "Which sport…", "who hands out the towels": the answer is often a common noun ("网球", "球童").
                    // The party of a relation (who led, founded, bought…) is a name: only a noun the tagger marks as a
                    // name may stand for one the recognisers missed, never "芯片公司" or "正极材料".
                    nouns = spans.size();
                    boolean firm = ASKS_FOR_A_FIRM_BY_KIND.matcher(questionFolded).find(); // "哪家投行": a firm's name, not a noun
                    for (Names.Name n : firm ? List.<Names.Name>of() : Names.nounPhrases(s.text())) {
                        if (!relationNamed || Names.taggedAsName(n.text())) {
                            add(spans, texts, s.text(), n.start(), n.end());
                        }
                    }
                }
            }
            default -> {
            }
        }
        List<Candidate> out = new ArrayList<>();
        List<Integer> anchors = anchorPositions(folded, qTokens);
        List<String> clauseWords = new ArrayList<>(qTokens); // the question's words and its names
        q.names().forEach(n -> clauseWords.add(Script.fold(Normalizer.nfkc(n))));
        int referent = q.type() == QuestionType.WHO ? referent(questionFolded, folded, spans, texts) : -1;
        boolean yearAsked = q.type() == QuestionType.WHEN && YEAR_ASKED.matcher(questionFolded).find();
        double bestClause = 0; // within a sentence, the clause that holds most of the question's words
        for (int i = 0; i < spans.size(); i++) {
            bestClause = texts.get(i) == null ? bestClause : Math.max(bestClause, inClause(folded, spans.get(i), clauseWords));
        }
        for (int i = 0; i < spans.size(); i++) {
            if (texts.get(i) == null) {
                continue;
            }
            String text = texts.get(i).strip().replaceFirst("(?i)-(?:based|headquartered)$", ""); // "Lisbon-based": Lisbon
            String key = Script.fold(text).replaceAll("\\s+", " ");
            if (key.isEmpty() || questionFolded.contains(key) || isQuestionName(q, key)) {
                continue; // the question's own words are not its answer, nor the company it asks about
            }
            if ((q.type() == QuestionType.WHO || q.type() == QuestionType.WHICH) && lexicon.notEntities().contains(key)) {
                continue; // "创始人兼CEO为聂远舟": a title, not a party
            }
            if (i >= nouns && (q.type() == QuestionType.WHO || q.type() == QuestionType.WHICH) && anotherOfTheQuestions(questionFolded, folded, key, qTokens)) {
                continue; // "提高咖啡产量的做法" is not answered by "茶叶产量": the sentence is about another crop
            }
            if ((q.type() == QuestionType.WHO || q.type() == QuestionType.WHICH) && describes(q, folded, spans.get(i)[0], spans.get(i)[1])) {
                continue; // "香港物流" in "香港物流平台翎港" says what the asked company is, not who took part
            }
            if ((q.type() == QuestionType.HOW_MUCH || q.type() == QuestionType.HOW_MANY)
                    && (A_YEAR.matcher(key).matches() || NUMERAL_YEAR.matcher(key).matches())) {
                continue; // "2027年" is when, not how much or how many
            }
            if (yearAsked && !NAMES_A_YEAR.matcher(key).find()) {
                continue; // "在哪一年…": "5月30日" names no year
            }
            if (ONE_OF_A_KIND.matcher(key).matches() && INDEFINITE_BEFORE.matcher(folded.substring(Math.max(0, spans.get(i)[0] - 2), spans.get(i)[0])).find()) {
                continue; // "…科的其中一种", "是一家公司": an article, not a count
            }
            int[] sp = spans.get(i);
            int distance = Integer.MAX_VALUE;
            for (int a : anchors) {
                distance = Math.min(distance, a < sp[0] ? sp[0] - a : a > sp[1] ? a - sp[1] : 0);
            }
            double closeness = anchors.isEmpty() ? 0 : 1.0 / (1 + distance / 12.0);
            // Closeness to the question's words chooses within a sentence; across sentences, the sentence's match
            // to the question decides.
            double score = s.score() * (1 - CLOSENESS + CLOSENESS * closeness) * (i >= nouns ? 0.6 : 1)
                    * (1 + CLAUSE * inClause(folded, sp, clauseWords)) / (1 + CLAUSE * bestClause); // "十五…有80步；而八…有31步"
            if (i == referent) {
                score *= REFERENT; // "谁的杂剧…" read from "柏岑生于江陵…。他的杂剧…": 他 stands for 谁, and for 柏岑
            }
            if (OWNED_BY_ANOTHER.matcher(s.text().substring(Math.max(0, sp[0] - 40), sp[0])).find()
                    && !isQuestionName(q, Script.fold(ownerBefore(s.text(), sp[0])))) {
                continue; // "Pulsewise's 60 employees" are not the asked company's
            }
            if (q.type() == QuestionType.HOW_MANY || q.type() == QuestionType.HOW_MUCH && !isMoney(text)) {
                // A count is of the noun the question counts: "多少名员工" wants 280名员工, not 2020年.
                int clauseStart = sp[0];
                while (clauseStart > 0 && "，,;；。:：".indexOf(folded.charAt(clauseStart - 1)) < 0) {
                    clauseStart--;
                }
                // The counted noun follows the number ("280名员工") or, in Chinese, comes before it in its clause
                // ("全年出货180万片").
                String around = folded.substring(Math.max(clauseStart, sp[0] - 12), Math.min(folded.length(), sp[1] + 6));
                boolean counted = qTokens.stream().anyMatch(t -> around.contains(t.length() > 4 ? t.substring(0, 4) : t));
                score *= counted ? 2 : 0.5;
                // "上半年出货80万片，全年出货180万片": within the sentence, the figure of the part of the year asked.
                if (!TimeScope.ofThePeriodAsked(questionFolded, folded.substring(clauseStart, sp[0]))
                        && TimeScope.PART_OF_YEAR.matcher(folded).find()) {
                    score *= 0.3;
                }
                Matcher measure = ASKED_MEASURE.matcher(questionFolded);
                if (measure.find()) {
                    // "多少台": a figure counted in 台, not "2025年" before it.
                    String unit = Script.fold(text);
                    boolean inMeasure = unit.contains(measure.group(1)) || measure.group(1).equals("度") && (unit.contains("℃") || unit.contains("°"));
                    score *= inMeasure ? 2 : 0.4;
                }
            }
            if (FROM_VALUE.matcher(folded.substring(Math.max(0, sp[0] - 6), sp[0])).find()
                    && CHANGED_TO.matcher(folded.substring(sp[1], Math.min(folded.length(), sp[1] + 12))).find()) {
                score *= 0.5; // "年产能由1000台提升至5000台": the value it changed from is not what it is now
            }
            out.add(new Candidate(text, key, s, score));
        }
        return out;
    }

    /** How much more the name a pronoun stands for weighs, when the pronoun stands where the question says "谁". */
    private static final double REFERENT = 2;
    private static final Pattern WHOSE = Pattern.compile("谁的?(\\p{IsHan}{2})");
    /** A sentence of a passage read back that opens with a pronoun ("。其", "。他的"). */
    private static final Pattern OPENING_PRONOUN = Pattern.compile("[。！？!?]\\s*(?:他|她|其)的?");

    /**
     * The candidate that opens a passage read back from a sentence whose pronoun stands where the question has "谁"
     * ("谁的杂剧结构紧凑" / "柏岑生于江陵…。其杂剧结构紧凑…"), or -1: the pronoun's subject is the one asked about, not the
     * other names of that sentence ("他的杂剧不如同时代韩苓的作品热闹").
     */
    private static int referent(String questionFolded, String folded, List<int[]> spans, List<String> texts) {
        Matcher whose = WHOSE.matcher(questionFolded);
        if (!whose.find()) {
            return -1;
        }
        int at = -1;
        for (Matcher pronoun = OPENING_PRONOUN.matcher(folded); at < 0 && pronoun.find(); ) {
            at = folded.startsWith(whose.group(1), pronoun.end()) ? pronoun.start() : -1;
        }
        if (at < 0) {
            return -1;
        }
        int first = -1;
        for (int i = 0; i < spans.size(); i++) {
            if (texts.get(i) != null && spans.get(i)[0] < at && (first < 0 || spans.get(i)[0] < spans.get(first)[0])) {
                first = i;
            }
        }
        return first >= 0 && spans.get(first)[0] <= 2 ? first : -1;
    }

    /**
     * Whether a common noun is one of the question's own nouns with another modifier ("茶叶产量" for "咖啡产量"): it ends
     * with a word of the question that the question modifies with a word the sentence does not hold.
     */
    private static boolean anotherOfTheQuestions(String questionFolded, String folded, String key, List<String> qTokens) {
        for (String t : qTokens) {
            if (t.length() != 2 || !key.endsWith(t) || key.length() <= t.length()) {
                continue;
            }
            for (int at = questionFolded.indexOf(t); at >= 2; at = questionFolded.indexOf(t, at + 1)) {
                String modifier = questionFolded.substring(at - 2, at);
                if (modifier.codePoints().allMatch(Script::isHan) && !QUESTION_TOKEN.matcher(modifier).find()
                        && !GLUE.matcher(modifier).find() && MEASURE_CHARS.indexOf(modifier.charAt(1)) < 0
                        && !key.contains(modifier) && !folded.contains(modifier)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How much of the question a sentence must hold before what it holds besides answers a which-question. */
    private static final double REST_COVERAGE = 0.6;
    /** How much of a which-question the best sentence holds to be quoted when no phrase of it is read as the answer. */
    private static final double WHICH_SENTENCE_COVERAGE = 0.5;
    /** Function characters that open or close the rest of a sentence but are no part of the phrase ("经济发展则"). */
    private static final String REST_TRIM = "则是为的而可也都就又和与及在于以将被把对由从其之乃即亦均皆所";

    /**
     * What a Chinese sentence holds besides the question's words, when that is one phrase of two to twelve
     * characters: the question's gap. Null when the sentence holds too little of the question, or more than one such
     * phrase, or names the question's own words only.
     */
    private static Candidate theRest(Sentence s, List<String> qTokens, Question q) {
        String folded = s.folded();
        if (s.coverage() < REST_COVERAGE || folded.codePoints().noneMatch(Script::isHan)) {
            return null;
        }
        boolean[] covered = new boolean[folded.length()];
        List<String> words = new ArrayList<>(qTokens);
        q.names().forEach(n -> words.add(Script.fold(Normalizer.nfkc(n))));
        for (String w : words) {
            for (int at = w.isEmpty() ? -1 : folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + 1)) {
                java.util.Arrays.fill(covered, at, at + w.length(), true);
            }
        }
        int[] found = null;
        for (int i = 0; i < folded.length(); ) {
            if (covered[i] || !Script.isHan(folded.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < folded.length() && !covered[i] && Script.isHan(folded.charAt(i))) {
                i++;
            }
            int from = start;
            int to = i;
            while (from < to && REST_TRIM.indexOf(folded.charAt(from)) >= 0) {
                from++;
            }
            while (to > from && REST_TRIM.indexOf(folded.charAt(to - 1)) >= 0) {
                to--;
            }
            if (to - from < 2) {
                continue; // a particle or a single character between the question's words
            }
            if (found != null || to - from > 12) {
                return null; // more than one phrase besides the question's words: which one fills the gap is unclear
            }
            found = new int[]{from, to};
        }
        if (found == null) {
            return null;
        }
        String text = s.text().substring(found[0], found[1]);
        return new Candidate(text, Script.fold(text), s, s.score());
    }

    /** A when-question that asks for a year ("哪一年", "西元幾年", "what year"), and what a candidate needs to name one. */
    private static final Pattern YEAR_ASKED = Pattern.compile("(?:哪一|哪|何)年(?!代|级|龄|纪)|(?:西元|公元)几年|\\b(?:what|which) year\\b");
    private static final Pattern NAMES_A_YEAR = Pattern.compile("\\d{3,4}|年");
    /** A date of month and day ("6月12日", "june 12", "12 june"). */
    private static final Pattern MONTH_DAY = Pattern.compile("\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]|\\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{1,2}\\b"
            + "|\\b\\d{1,2}\\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\\b");

    /** A life's span after a name: "唐某（1872年—1944年）", "(1872–1944)"; group 1 is the birth, group 2 the death. */
    private static final Pattern LIFESPAN = Pattern.compile(
            "[（(]([^（()）]{0,16}?\\d{3,4}\\s*年?[^（()）—–\\-－~～]{0,16}?)[—–\\-－~～]+([^（()）]{0,16}?\\d{3,4}\\s*年?[^（()）]{0,16})[）)]");

    /** When a question asks when someone died (or was born), the other end of a life's span is not the answer. */
    private static void ofTheLifeEventAsked(Question q, String folded, List<int[]> spans, List<String> texts) {
        Relations.Relation relation = relation(q);
        int other = relation == null ? 0 : relation.name().equals("death") ? 1 : relation.name().equals("birth") ? 2 : 0;
        if (other == 0) {
            return;
        }
        Matcher life = LIFESPAN.matcher(folded);
        while (life.find()) {
            for (int i = spans.size() - 1; i >= 0; i--) {
                if (spans.get(i)[0] >= life.start(other) && spans.get(i)[1] <= life.end(other)) {
                    spans.remove(i);
                    texts.remove(i);
                }
            }
        }
    }

    /** Whether a sentence counts in a question's own measure word: "本站共两层" for "几层", not "一种动物" for "多少种". */
    private static boolean countsIn(Pattern unit, String folded) {
        if (unit == null) {
            return false;
        }
        Matcher m = unit.matcher(folded);
        while (m.find()) {
            if (!ONE_OF_A_KIND.matcher(m.group()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The measure word a Chinese count question asks in ("多少台", "几名", "多少吨"). */
    private static final Pattern ASKED_MEASURE = Pattern.compile("(?:多少|几)(个|名|位|家|户|座|种|项|件|只|部|次|台|块|颗|枚|张|辆|艘|架|吨|人|届|场|首|本|所|条|门|套|片|座|层|款|度)");
    private static final Pattern ONE_OF_A_KIND = Pattern.compile("一(?:种|个|位|名|家|座|项|件|只|部|台|块|颗|枚|张|条|门|套|片|款|所|支)");
    private static final Pattern INDEFINITE_BEFORE = Pattern.compile("的|中|是|为|成|乃|于|在");

    /** Whatever character follows "多少" or "几" in a question is the measure it counts in ("多少步", "几话", "多少路"). */
    private static final Pattern ANY_MEASURE = Pattern.compile("(?:多少|几)(\\p{IsHan})(?=[?？。！!，,的]|$)");

    /** The question's own measure word, when the fixed list of units lacks it; null when it asks none. */
    private static Pattern askedMeasure(String questionFolded) {
        Matcher m = ANY_MEASURE.matcher(questionFolded);
        if (!m.find() || GLUE.matcher(m.group(1)).matches()) {
            return null;
        }
        return Pattern.compile(RANGE + NUM + "\\s*(?:万|亿|千|百)?\\s*(?:多|余)?\\s*" + Pattern.quote(m.group(1)));
    }

    /** Words that sit between an attribute and "多少": "的体长约为多少", "至多有多少步", "一共有多少话". */
    private static final Pattern BEFORE_HOW_MUCH = Pattern.compile("(?:的|是|为|有|约|大约|大概|达|至多|最多|总共|一共|共计|总计|合计|共|了|则|仅|现|还|占)$");

    /**
     * The two characters a Chinese how-much question names just before "多少" or "几" ("水深多少", "体长约为多少",
     * "总面积是多少"): the attribute in the question's own words, for attributes no lexicon lists. Null when there are
     * none.
     */
    static String askedAttribute(String questionFolded) {
        String counted = countedNoun(questionFolded);
        if (counted != null) {
            return counted;
        }
        Matcher m = HOW_MUCH_WORD.matcher(questionFolded);
        if (!m.find()) {
            return null;
        }
        String before = questionFolded.substring(0, m.start()).strip();
        for (Matcher tail = BEFORE_HOW_MUCH.matcher(before); tail.find() && tail.start() < before.length(); tail = BEFORE_HOW_MUCH.matcher(before)) {
            before = before.substring(0, tail.start());
        }
        if (before.length() < 2 || !Script.isHan(before.codePointAt(before.length() - 1)) || !Script.isHan(before.codePointAt(before.length() - 2))) {
            return null;
        }
        return before.substring(before.length() - 2);
    }

    private static final Pattern HOW_MUCH_WORD = Pattern.compile("多少|几");

    /** The noun after "多少" or "几" and its measure word ("占全球的多少比例", "有几个桥孔"), or null. */
    private static String countedNoun(String questionFolded) {
        Matcher m = HOW_MUCH_WORD.matcher(questionFolded);
        if (!m.find()) {
            return null;
        }
        int from = m.end();
        if (from < questionFolded.length() && MEASURE_CHARS.indexOf(questionFolded.charAt(from)) >= 0) {
            from++;
        }
        Matcher after = NOUN_AFTER.matcher(questionFolded).region(from, questionFolded.length());
        return after.lookingAt() ? after.group(1) : null;
    }

    private static final String MEASURE_CHARS = "个名位家座种项件只部次台块颗枚张辆艘架吨届场首本所条门套片层款支队户亩趟班列床间栋幢棵株匹头篇集册卷票局盘段节站粒份双对群批起例宗笔轮期级代任组";
    private static final Pattern NOUN_AFTER = Pattern.compile("(?![的是了吗呢在有和与])(\\p{IsHan}{2})(?:\\p{IsHan}{0,2})(?:[?？。！!]|$)");
    /** A figure: a digit, or Chinese numerals other than a lone "一" ("又一次" counts nothing). */
    private static final Pattern HAS_NUMBER = Pattern.compile("\\d|[二两三四五六七八九十百千万亿]|一[一二两三四五六七八九十百千万亿]");

    /** "Korvane Robotics" when the question says "Korvane's": a longer or shorter form of one of its names. */
    private static boolean isQuestionName(Question q, String key) {
        for (String n : q.names()) {
            String folded = Script.fold(Normalizer.nfkc(n));
            if (folded.length() >= 2 && (key.equals(folded) || folded.startsWith(key)
                    || key.startsWith(folded) && !isPlace(n))) {
                return true;
            }
        }
        return false;
    }

    /** A place in a question is not a short form of an organisation named after it ("美国" / "美国国土安全部"). */
    private static boolean isPlace(String name) {
        List<Names.Name> found = Names.find(name);
        return found.size() == 1 && found.get(0).kind() == Names.Kind.PLACE && found.get(0).text().length() == name.length();
    }

    /**
     * What a how-much or how-many question asks in its own words, read once per question: {@code attribute}, when the
     * lexicon names none, as what a sentence that states it holds ("水深" for "水深多少", "tall|high|height" for "how
     * tall"); {@code unit}, the question's own measure word as a figure pattern ("多少步"); {@code clauseBound}, the
     * attribute when it binds the figure to its clause (named before "多少": "灯光射程约22海浬"; not when the question
     * counts in a measure word or a noun, which name the figure themselves: "观景台有几层" / "高度为18公尺，共有三层",
     * "上半年出货耳机模组40万套，全年出货95万套"). Each null when there is none.
     */
    private record AskedFigure(Pattern attribute, Pattern unit, Pattern clauseBound) {
        static AskedFigure of(Question q) {
            if (q.type() != QuestionType.HOW_MUCH && q.type() != QuestionType.HOW_MANY) {
                return new AskedFigure(null, null, null);
            }
            String folded = Script.fold(Normalizer.nfkc(q.text()));
            Pattern attribute = q.attribute() == null ? ownAttribute(folded) : null;
            Pattern unit = askedMeasure(folded);
            boolean counted = countedNoun(folded) != null || unit != null || ASKED_MEASURE.matcher(folded).find();
            return new AskedFigure(attribute, unit, attribute != null && !counted ? attribute : null);
        }
    }

    /** The attribute a question names in its own words (see {@link AskedFigure}), or null. */
    private static Pattern ownAttribute(String folded) {
        Matcher measure = MEASURE_ASKED.matcher(folded);
        if (measure.find()) {
            String asked = measure.group(1) != null ? measure.group(1) : measure.group(2);
            return Pattern.compile(MEASURE_WORDS.get(asked));
        }
        String own = askedAttribute(folded);
        return own == null ? null : Pattern.compile(Pattern.quote(own));
    }

    /**
     * In a sentence that names the attribute asked in the question's own words, only the figures of the clauses that
     * name it answer ("高度为31公尺，灯光射程约22海浬": the range is 22海浬); a clause that names it with a figure in
     * units no pattern knows gives the figure and the word after it.
     */
    private static void inTheAttributesClause(Pattern ownAttribute, String folded, String text, List<int[]> spans, List<String> texts) {
        if (ownAttribute == null) {
            return;
        }
        List<int[]> clauses = new ArrayList<>();
        Matcher m = ownAttribute.matcher(folded);
        while (m.find()) {
            int[] clause = clause(folded, m.start(), m.end());
            clauses.add(new int[]{clause[0], clause[1], m.end()});
        }
        if (clauses.isEmpty()) {
            return;
        }
        for (int i = spans.size() - 1; i >= 0; i--) {
            int[] sp = spans.get(i);
            if (clauses.stream().noneMatch(c -> sp[0] >= c[0] && sp[1] <= c[1])) {
                spans.remove(i);
                texts.remove(i);
            }
        }
        for (int[] c : clauses) {
            boolean held = spans.stream().anyMatch(sp -> sp[0] >= c[0] && sp[1] <= c[1]);
            Matcher value = VALUE_AFTER.matcher(folded).region(c[2], c[1]);
            if (!held && value.find()) {
                add(spans, texts, text, value.start(), value.end());
            }
        }
    }

    /** The start and end of the clause that holds {@code [from, to)}. */
    private static int[] clause(String folded, int from, int to) {
        int start = from;
        while (start > 0 && !clauseBreak(folded, start - 1)) {
            start--;
        }
        int end = to;
        while (end < folded.length() && !clauseBreak(folded, end)) {
            end++;
        }
        return new int[]{start, end};
    }

    /** Whether the character at {@code i} ends a clause: a comma, semicolon or full stop, but not "58,200"'s comma. */
    private static boolean clauseBreak(String folded, int i) {
        char c = folded.charAt(i);
        if (c == ',' && i > 0 && i + 1 < folded.length() && Character.isDigit(folded.charAt(i - 1)) && Character.isDigit(folded.charAt(i + 1))) {
            return false;
        }
        return "，,;；。".indexOf(c) >= 0;
    }

    /** A figure and the unit after it, as written ("约22海浬", "31 nautical miles"). */
    private static final Pattern VALUE_AFTER = Pattern.compile(RANGE + NUM + "\\s*(?:万|亿|千|百)?\\s*(?:\\p{IsHan}{1,2}|[a-z%°℃]+(?:\\s+[a-z]+)?)?");

    /** "How tall", "多高": the words a sentence states such a measure with. */
    private static final Map<String, String> MEASURE_WORDS = Map.ofEntries(
            Map.entry("tall", "\\b(?:tall|high|height)\\b"), Map.entry("high", "\\b(?:tall|high|height)\\b"),
            Map.entry("long", "\\b(?:long|length)\\b"), Map.entry("deep", "\\b(?:deep|depth)\\b"),
            Map.entry("wide", "\\b(?:wide|width|across)\\b"), Map.entry("far", "\\b(?:far|range|distance|away|seen from)\\b"),
            Map.entry("heavy", "\\b(?:heavy|weighs?|weight)\\b"), Map.entry("big", "\\b(?:area|size|covers?|covering|big|large)\\b"),
            Map.entry("large", "\\b(?:area|size|covers?|covering|big|large)\\b"),
            Map.entry("高", "高"), Map.entry("长", "长"), Map.entry("深", "深"), Map.entry("宽", "宽"), Map.entry("远", "远|射程|距离"),
            Map.entry("大", "面积|大"));
    /** A measure only a sentence that names it can answer ("how tall": a height, not the fund's size). */
    private static final Pattern PHYSICAL_MEASURE = Pattern.compile("\\bhow (?:tall|high|long|deep|wide|far|heavy)\\b|多(?:高|长|深|宽|远)");
    private static final Pattern MEASURE_ASKED = Pattern.compile("\\bhow (tall|high|long|deep|wide|far|heavy|big|large)\\b|多(高|长|深|宽|远|大)");

    /**
     * Whether a sentence states the figure a how-much or how-many question asks for: the lexicon's attribute, or the
     * question's own words for it next to a number ("水深2至23公尺").
     */
    private boolean statesAsked(Question q, String folded, Pattern ownAttribute, boolean inBestDocument) {
        if (q.type() != QuestionType.HOW_MUCH && q.type() != QuestionType.HOW_MANY) {
            return false;
        }
        // The question's own two characters are weaker evidence than the lexicon's cues ("纪录", "全球"): they count
        // only in the document of the best passage.
        return q.attribute() != null ? states(folded, q.attribute())
                : inBestDocument && ownAttribute != null && ownAttribute.matcher(folded).find() && HAS_NUMBER.matcher(folded).find();
    }

    /** Whether the sentence names the attribute (by the lexicon's cues for it). */
    private boolean states(String folded, String attribute) {
        return io.veritas.extract.CueMatcher.find(folded, lexicon.attributeCues()).stream().anyMatch(f -> f.label().equals(attribute));
    }

    private static final Pattern OWNED_BY_ANOTHER = Pattern.compile("([A-Z][\\p{IsLatin}\\d]*(?:\\s+[A-Z][\\p{IsLatin}\\d]*)*)['’]s?\\s+$");

    private static String ownerBefore(String text, int at) {
        Matcher m = OWNED_BY_ANOTHER.matcher(text.substring(Math.max(0, at - 40), at));
        return m.find() ? m.group(1) : "";
    }

    private static boolean isMoney(String text) {
        return !Quantities.find(Script.fold(text)).isEmpty();
    }

    private static final Pattern PLACE_OF_LATIN = Pattern.compile(
            "([A-Z][\\p{IsLatin}\\d]*(?:\\s+[A-Z][\\p{IsLatin}\\d]*)*)\\s*,\\s*(?:which is\\s+|that is\\s+)?(?:based|headquartered|located)\\s+in\\s+(?:the\\s+)?$");
    private static final Pattern PLACE_OF_HAN = Pattern.compile("(?:^|[，,。；;、\\s])([\\p{IsHan}a-z]{2,12}?)的?总部(?:位于|设在|设于)$");
    private static final Pattern REFERS_BACK = Pattern.compile("^(?:公司|其|该|这家|本)");

    /**
     * Whether the place at {@code start} is stated as another company's: "Veydra, based in Boston", "钧石材料总部位于…"
     * (a company the question does not name). "The company, based in…" and "公司总部位于…" point back and stay.
     */
    private static boolean placeOfAnother(Question q, String text, String folded, int start) {
        Matcher latin = PLACE_OF_LATIN.matcher(text.substring(Math.max(0, start - 60), start));
        if (latin.find()) {
            return !isQuestionName(q, Script.fold(latin.group(1)));
        }
        Matcher han = PLACE_OF_HAN.matcher(folded.substring(Math.max(0, start - 20), start));
        if (han.find() && !REFERS_BACK.matcher(han.group(1)).find()) {
            String owner = han.group(1);
            return q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).noneMatch(n -> owner.contains(n) || n.contains(owner));
        }
        return false;
    }

    private static boolean placeCue(String folded, int start) {
        String before = folded.substring(Math.max(0, start - 20), start);
        return before.matches("(?s).*(?:\\bin|\\bat|based in|headquartered in|located in|from|\\b(?:town|city|village|county|province|state|region|district) of"
                + "|\\b(?:coasts?|shores?|islands?|banks?|parts?|edges?|(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?) of"
                + "|位于|在|总部设在|总部位于|来自|分布于|产于|见于)\\s*$");
    }

    private static void counts(String folded, String text, List<String> qTokens, List<int[]> spans, List<String> texts) {
        matches(FRACTION, folded, text, spans, texts);
        matches(UNIT_COUNT, folded, text, spans, texts);
        matches(ZH_COUNT, folded, text, spans, texts);
        for (Pattern p : List.of(EN_COUNT, EN_WORD_COUNT)) {
            Matcher m = p.matcher(folded);
            while (m.find()) {
                if (!NOT_COUNTED.contains(m.group(m.groupCount()))) {
                    add(spans, texts, text, m.start(), m.end());
                }
            }
        }
    }

    /** Words after a number that are not what it counts ("210 million in", "2016 by"). */
    private static final Set<String> NOT_COUNTED = Set.of("in", "of", "to", "the", "a", "an", "and", "or", "for", "from",
            "at", "on", "by", "with", "as", "than", "since", "after", "before", "per", "up", "over", "is", "was", "were", "are");

    /** An era year read with its first two characters, the era's name ("康熙七年"), as the span to quote. */
    private static void eraTimes(String folded, String text, List<int[]> spans, List<String> texts) {
        Matcher m = ERA_TIME.matcher(folded);
        while (m.find()) {
            add(spans, texts, text, m.group("era") != null ? m.start() - 2 : m.start(), m.end());
        }
    }

    private static void matches(Pattern p, String folded, String text, List<int[]> spans, List<String> texts) {
        Matcher m = p.matcher(folded);
        while (m.find()) {
            add(spans, texts, text, m.start(), m.end());
        }
    }

    private static void add(List<int[]> spans, List<String> texts, String text, int start, int end) {
        for (int[] s : spans) {
            if (start < s[1] && end > s[0]) {
                return; // an earlier, more specific reading holds this span
            }
        }
        spans.add(new int[]{start, end});
        texts.add(text.substring(start, end));
    }

    /** The share of the question's words in the clause that holds a span. */
    private static double inClause(String folded, int[] sp, List<String> qTokens) {
        if (qTokens.isEmpty()) {
            return 0;
        }
        int[] bounds = clause(folded, sp[0], sp[1]);
        String clause = folded.substring(bounds[0], bounds[1]);
        return qTokens.stream().filter(t -> clause.contains(t.length() > 4 ? t.substring(0, 4) : t)).count() / (double) qTokens.size();
    }

    /** Where the question's words occur in a sentence (start offsets in its folded text). */
    private List<Integer> anchorPositions(String folded, List<String> qTokens) {
        List<Integer> out = new ArrayList<>();
        for (String t : qTokens) {
            String probe = t.length() > 4 ? t.substring(0, 4) : t; // a stem still starts like the word
            for (int at = folded.indexOf(probe); at >= 0; at = folded.indexOf(probe, at + 1)) {
                out.add(at);
            }
        }
        return out;
    }

    /**
     * A figure that changes (a headcount, hospitals served) is current in its newest report: among candidates that
     * score near the best, the one from the newest dated source comes first.
     */
    private static List<Candidate> newestFirst(List<Candidate> voted) {
        Candidate best = voted.get(0);
        Candidate newest = best;
        for (Candidate c : voted) {
            java.time.Instant at = c.from().hit().source().published();
            java.time.Instant newestAt = newest.from().hit().source().published();
            if (c.score() >= NEAR_BEST * best.score() && at != null && (newestAt == null || at.isAfter(newestAt))) {
                newest = c;
            }
        }
        if (newest == best) {
            return voted;
        }
        List<Candidate> out = new ArrayList<>(voted);
        out.remove(newest);
        out.add(0, newest);
        return out;
    }

    private static final double NEAR_BEST = 0.75;

    /** Candidates that are the same value add up, once per story cluster; the best comes first. */
    private static List<Candidate> vote(List<Candidate> candidates) {
        Map<String, Map<String, Candidate>> byKey = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            String cluster = c.from().hit().source().cluster() == null ? c.from().hit().source().docId() : c.from().hit().source().cluster();
            byKey.computeIfAbsent(c.key(), k -> new HashMap<>()).merge(cluster, c, (a, b) -> a.score() >= b.score() ? a : b);
        }
        List<Candidate> out = new ArrayList<>();
        for (Map<String, Candidate> clusters : byKey.values()) {
            List<Candidate> each = new ArrayList<>(clusters.values());
            each.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(c -> c.from().hit().source().docId()));
            // The best sentence's support, and a share of every other story's: a value that many stories repeat
            // ("北京市", "一条") does not outweigh the one the best-matching sentence gives.
            Candidate best = each.get(0);
            double others = each.stream().skip(1).mapToDouble(Candidate::score).sum();
            out.add(new Candidate(best.text(), best.key(), best.from(), best.score() + OTHER_STORIES * others));
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::key));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ writing

    private Answer typedAnswer(Question q, List<Candidate> voted, List<String> suggestions) {
        String lang = q.language();
        List<Candidate> shown = new ArrayList<>();
        shown.add(voted.get(0));
        if (q.type() == QuestionType.WHICH) {
            // A list: every name the best sentences give, as long as they score near the best.
            for (Candidate c : voted.subList(1, voted.size())) {
                if (shown.size() < MAX_LIST && c.score() >= 0.5 * voted.get(0).score()) {
                    shown.add(c);
                }
            }
        }
        if (q.type() == QuestionType.WHO) {
            // "founded by Inês Carvalho and Tobias Wren": the names joined to the answer in its sentence answer too.
            for (Candidate c : voted.subList(1, voted.size())) {
                if (shown.size() < MAX_LIST && c.from().equals(shown.get(0).from()) && joined(c.from().text(), shown, c)) {
                    shown.add(c);
                }
            }
        }
        List<String> values = shown.stream().map(c -> inScript(lang, c.text())).toList();
        String value = String.join(Phrases.get("separator.list", lang), values);
        List<Sentence> quoted = new ArrayList<>();
        for (Candidate c : shown) {
            if (!quoted.contains(c.from())) {
                quoted.add(c.from());
            }
        }
        // A figure read only from rumours, talks or plans ("据报道…投后估值或达80亿元") stays a report, and says so.
        boolean reported = shown.stream().allMatch(c -> tentative(nearValue(c)) || UNCONFIRMING.matcher(c.from().folded()).find());
        String text = Script.inScriptOf(lang, Answerer.fill(Phrases.get(reported ? "evidence.typed.reported" : "evidence.typed", lang),
                Map.of("value", value))) + quotes(quoted, lang);
        return new Answer(q.text(), lang, true, text, List.of(), citations(quoted), suggestions, q.type().json(), value);
    }

    private static final Pattern JOINS = Pattern.compile("\\s*(?:,|，|、|和|与|與|及|以及|跟|同|,?\\s*and|&)\\s*");

    /** Whether a candidate is written right next to one already shown, joined by "and", "和", "、" or a comma. */
    private static boolean joined(String sentence, List<Candidate> shown, Candidate c) {
        int at = sentence.indexOf(c.text());
        if (at < 0) {
            return false;
        }
        for (Candidate s : shown) {
            int other = sentence.indexOf(s.text());
            if (other < 0) {
                continue;
            }
            String gap = other < at ? sentence.substring(Math.min(at, other + s.text().length()), at)
                    : sentence.substring(Math.min(other, at + c.text().length()), other);
            if (JOINS.matcher(gap).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Sentences that report without confirming: rumours, and a company that will not comment. */
    private static final Pattern UNCONFIRMING = Pattern.compile("据报道|据报导|知情人士|消息人士|传闻|传出|不评论|不予置评|不予评论|不作评论|不予回应|不作回应|拒绝评论|拒绝置评|未回应|未证实|未予证实|未确认"
            + "|\\breportedly\\b|\\bpeople (?:familiar|close)\\b|\\bsources? (?:said|say|close)\\b|\\bdeclined to comment\\b|\\bwould not comment\\b|\\bdid not confirm\\b|\\brumou?r");

    /**
     * A yes/no question whether one company confirmed or completed something ("鈺岩有沒有證實上市的傳聞？", "Has X
     * closed the round?") when every sentence about it that matches the question only reports talks or rumours, or
     * declines to comment: not confirmed, quoting them. Null when some sentence does state it, or none matches.
     */
    private Answer unconfirmed(Question q, List<Sentence> sentences, List<String> qTokens, List<String> suggestions) {
        String folded = Script.fold(Normalizer.nfkc(q.text()));
        if (q.names().size() != 1 || !DONE_ASKED.matcher(folded).find()) {
            return null;
        }
        String name = Script.fold(Normalizer.nfkc(q.names().get(0)));
        // The sentences that match the question, or else those of a story whose headline does ("據報導 鈺岩洽談明年上市").
        List<Sentence> about = sentences.stream().filter(s -> s.folded().contains(name))
                .filter(s -> s.coverage() >= TYPED_COVERAGE || s.chars() >= OPEN_CHARS).limit(3).toList();
        if (about.isEmpty()) {
            about = sentences.stream().filter(s -> s.folded().contains(name)).filter(s -> {
                String title = s.hit().source().title() == null ? "" : Script.fold(Normalizer.nfkc(s.hit().source().title()));
                return title.contains(name) && qTokens.stream().anyMatch(title::contains);
            }).limit(3).toList();
        }
        if (about.isEmpty() || !about.stream().allMatch(s -> tentative(s.folded()) || UNCONFIRMING.matcher(s.folded()).find())) {
            return null;
        }
        String lang = q.language();
        List<Sentence> quoted = about.stream().limit(2).toList();
        return new Answer(q.text(), lang, true, Script.inScriptOf(lang, Phrases.get("yes_no.unconfirmed", lang))
                + quotes(quoted, lang), List.of(), citations(quoted), suggestions, q.type().json(),
                Script.inScriptOf(lang, Phrases.get("yes_no.unconfirmed.short", lang)));
    }

    /** A yes/no question about something done: "已经谈成了吗", "Has X closed…", "confirmed". */
    private static final Pattern DONE_ASKED = Pattern.compile(
            "已经|已|谈成|达成|敲定|落定|签约|成交|完成|确认|证实|\\b(?:confirm|confirmed|closed|completed|finali[sz]ed|agreed|signed|done|sealed)\\b");

    /**
     * The clause that holds a candidate and the clause before it: a plan or an expectation is told there ("计划融资，规模达
     * 30亿元"), not by a word elsewhere in the sentence ("拟黑雀鲷" is a fish's name).
     */
    private static String nearValue(Candidate c) {
        String folded = c.from().folded();
        int at = folded.indexOf(c.key());
        if (at < 0) {
            return folded;
        }
        int start = at;
        for (int clauses = 0; start > 0; start--) {
            if ("，,;；。:：".indexOf(folded.charAt(start - 1)) >= 0 && (++clauses == 2
                    || NOW.matcher(folded).region(start, folded.length()).lookingAt())) {
                break; // "…预计2028年提交申请，目前团队共有72人": a clause that says "now" is told as it is
            }
        }
        int end = at + c.key().length();
        while (end < folded.length() && "，,;；。:：".indexOf(folded.charAt(end)) < 0) {
            end++;
        }
        return folded.substring(start, end);
    }

    /** A when-question that asks for a dynasty ("哪个朝代", "什么朝代"); "哪个王朝的建立者" asks for a realm. */
    private static final Pattern DYNASTY_ASKED = Pattern.compile(QuestionType.DYNASTY_ASKED);
    /**
     * A dynasty as a sentence names one: with 朝 or 代 ("宋朝", "唐代"), with a direction ("南宋", "东汉"), or before a
     * reign's years ("清康熙年间", "明万历三年"). The dynasties' characters alone are common words ("明年", "金额").
     */
    private static final Pattern DYNASTY = Pattern.compile("(?:[东西南北前后](?:汉|晋|宋|齐|梁|陈|隋|唐|元|明|清|秦|周|魏|辽|金|燕|凉)"
            + "|(?:汉|晋|宋|齐|梁|陈|隋|唐|元|明|清|秦|周|商|夏|魏|辽|金)(?:朝|代)(?!表|价|替|码|理|言|号|数|谢|课)"
            + "|(?:汉|晋|宋|隋|唐|元|明|清|秦|周)(?=[\\p{IsHan}]{2}(?:年间|[元初一二三四五六七八九十]{1,3}年)))");

    /** A question for the investors who followed the lead ("跟投", "co-invested"), not for every investor. */
    private static final Pattern FOLLOW_ON_ASKED = Pattern.compile("跟投|参投|跟进投资|\\bco-?invest|\\bfollow-on\\b|\\balongside\\b");
    private static final Pattern LEADS_AFTER = Pattern.compile("\\s*(?:联合)?(?:领投|牵头|领衔)");
    private static final Pattern LED_BEFORE = Pattern.compile("\\b(?:co-)?led by\\s*(?:[\\w.&'-]+\\s+){0,3}$");

    /** Whether a name in a sentence is the round's lead: "碧澜资本领投", "led by Harrowgate Partners". */
    private static boolean leadsTheRound(String folded, Names.Name n) {
        if (n.end() > folded.length()) {
            return false;
        }
        return LEADS_AFTER.matcher(folded).region(n.end(), folded.length()).lookingAt()
                || LED_BEFORE.matcher(folded.substring(Math.max(0, n.start() - 40), n.start())).find();
    }

    /** A clause that opens with "now": it states what is, whatever the clause before plans. */
    private static final Pattern NOW = Pattern.compile("\\s*(?:目前|现在|如今|当前|眼下|现时|currently\\b|now\\b|today\\b)");

    /** Whether a sentence tells its news as talks, plans or expectations only, with nothing marked as done. */
    private boolean tentative(String folded) {
        boolean planned = false;
        for (io.veritas.extract.CueMatcher.Found f : io.veritas.extract.CueMatcher.findWords(folded, lexicon.modalityCues())) {
            if (f.label().equals("done")) {
                return false;
            }
            planned |= f.label().equals("planned");
        }
        return planned;
    }

    /**
     * A yes/no question about a relation between two names ("Did Hollenbeck Ventures invest again in Korvane's
     * Series B?", "鼎沅资本参与了澄微半导体B轮吗？", "Did Orsolo Partners acquire Lumenfold AI?"): yes, quoting the
     * sentences that state that relation and name the other party (the subject may be named anywhere in the
     * passage); when none does, the corpus does not report it, which is not a "no". Null when the question names
     * no relation or fewer than two names.
     */
    private Answer relationChecked(Question q, List<Sentence> sentences, List<Hit> hits, List<String> suggestions) {
        if (q.names().size() < 2) {
            return null;
        }
        String folded = Script.fold(Normalizer.nfkc(q.text()));
        Relations.Relation relation = Relations.askedIn(folded, "which");
        if (relation == null) {
            relation = Relations.askedIn(folded, "who");
        }
        if (relation == null || relation.name().equals("location")) {
            return null;
        }
        List<String> names = q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).toList();
        Relations.Relation r = relation;
        List<Sentence> stating = sentences.stream().filter(s -> r.statedIn(s.folded()))
                .filter(s -> {
                    String passage = Script.fold(s.hit().text()) + " " + Script.fold(Normalizer.nfkc(
                            s.hit().source().title() == null ? "" : s.hit().source().title()));
                    // The actor, named first ("Did Hollenbeck Ventures invest…"), is in the sentence; the other
                    // party may be the passage's subject ("Existing backer Hollenbeck Ventures returned").
                    return names.stream().allMatch(passage::contains) && s.folded().contains(names.get(0));
                }).sorted(java.util.Comparator.comparingLong((Sentence s) -> -names.stream().filter(s.folded()::contains).count()))
                .limit(2).toList();
        String lang = q.language();
        if (stating.isEmpty()) {
            Answer refused = refused(q, hits, suggestions);
            return new Answer(refused.question(), lang, false, Script.inScriptOf(lang, Phrases.get("yes_no.unreported", lang))
                    + refused.answer().substring(Script.inScriptOf(lang, Phrases.get("evidence.none", lang)).length()),
                    List.of(), List.of(), suggestions, q.type().json(), null);
        }
        if (DONE_ASKED.matcher(folded).find() && stating.stream().allMatch(s -> tentative(s.folded()))) {
            // "…的收购已经谈成了吗？" when every source says "正…进行收购谈判": not as a done deal
            return new Answer(q.text(), lang, true, Script.inScriptOf(lang, Phrases.get("yes_no.unconfirmed", lang))
                    + quotes(stating, lang), List.of(), citations(stating), suggestions, q.type().json(),
                    Script.inScriptOf(lang, Phrases.get("yes_no.unconfirmed.short", lang)));
        }
        String yes = Script.inScriptOf(lang, Phrases.get("yes_no.yes", lang));
        return new Answer(q.text(), lang, true, yes + quotes(stating, lang), List.of(), citations(stating), suggestions,
                q.type().json(), Script.inScriptOf(lang, Phrases.get("yes_no.short", lang)));
    }

    private Answer sentencesAnswer(Question q, List<Sentence> best, List<String> suggestions) {
        String lang = q.language();
        String text = Script.inScriptOf(lang, Phrases.get("evidence.sentences", lang)) + quotes(best, lang);
        return new Answer(q.text(), lang, true, text, List.of(), citations(best), suggestions, q.type().json(), null);
    }

    private static String quotes(List<Sentence> sentences, String lang) {
        StringBuilder b = new StringBuilder();
        for (Sentence s : sentences) {
            b.append(Script.EN.equals(lang) ? " \u201c" : "「").append(s.text()).append(Script.EN.equals(lang) ? "\u201d" : "」");
        }
        return b.toString();
    }

    private static List<Citation> citations(List<Sentence> sentences) {
        Map<String, Citation> byDoc = new LinkedHashMap<>();
        for (Sentence s : sentences) {
            var src = s.hit().source();
            byDoc.putIfAbsent(src.docId() + "#" + s.text(), new Citation(src.docId(), src.path(), src.url(), src.title(),
                    src.published(), s.hit().language(), s.text()));
        }
        return List.copyOf(byDoc.values());
    }

    /** No sentence answers: say so, and quote what the corpus does say about the question's names, if anything. */
    private Answer refused(Question q, List<Hit> hits, List<String> suggestions) {
        String lang = q.language();
        StringBuilder text = new StringBuilder(Script.inScriptOf(lang, Phrases.get("evidence.none", lang)));
        List<String> names = q.names().stream().map(n -> Script.fold(Normalizer.nfkc(n))).toList();
        if (!names.isEmpty()) {
            for (Hit h : hits) {
                String folded = Script.fold(h.text());
                if (names.stream().allMatch(folded::contains)) {
                    for (Span sp : Sentences.split(h.text())) {
                        String sentence = h.text().substring(sp.start(), sp.end()).strip();
                        if (names.stream().anyMatch(Script.fold(sentence)::contains)) {
                            text.append(Script.inScriptOf(lang, Phrases.get("evidence.held", lang)))
                                    .append(Script.EN.equals(lang) ? "\u201c" : "「").append(sentence)
                                    .append(Script.EN.equals(lang) ? "\u201d" : "」");
                            return new Answer(q.text(), lang, false, text.toString(), List.of(), List.of(), suggestions,
                                    q.type().json(), null);
                        }
                    }
                }
            }
        }
        return new Answer(q.text(), lang, false, text.toString(), List.of(), List.of(), suggestions, q.type().json(), null);
    }

    /** A name or figure from the evidence in the asker's script (the quotes stay as the sources wrote them). */
    private static String inScript(String lang, String text) {
        return Script.HANS.equals(lang) ? Script.toSimplified(text) : Script.inScriptOf(lang, text);
    }
}
