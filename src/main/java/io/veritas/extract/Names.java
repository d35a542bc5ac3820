package io.veritas.extract;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import io.veritas.text.Script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names in running text without a lexicon, in the three scripts: organisations, people, places and other names.
 * <ul>
 *   <li>Latin: capitalised spans ("Zorbex Robotics", "Mei Lin Okafor"), mixed-case words ("xAI", "eBay"), typed by
 *       organisation words ("Labs", "Capital", "Inc") and by the preposition before them ("based in Oslo").</li>
 *   <li>Chinese: HanLP's segmenter with its person, place and organisation recognition (on text folded to
 *       Simplified, so both scripts read the same), plus organisations by suffix (科技, 智能, 机器人, 资本, 创投...):
 *       the suffix and the noun-like words before it ("红杉领投星辰科技" gives 星辰科技, not 红杉领投星辰科技).</li>
 * </ul>
 * Offsets are in the text given (folding keeps them). Overlaps resolve to the longer name.
 */
public final class Names {
    /** What kind of name. */
    public enum Kind { ORG, PERSON, PLACE, NAME }

    /** A name found at {@code [start, end)}. */
    public record Name(int start, int end, String text, Kind kind) {
    }

    private static final String ORG_WORD = "AI|Labs?|Inc\\.?|Corp\\.?|Corporation|Ltd\\.?|LLC|GmbH|Technologies|Technology|Tech"
            + "|Robotics|Capital|Ventures|Partners|Group|Holdings|Systems|Bio|Biotech|Therapeutics|Energy|Motors|Networks"
            + "|Software|Dynamics|Semiconductors?|Computing|Intelligence|Bank|Fund|Investments|University|Institute|Foundation"
            + "|Company|Co\\.?|Studios?|Games|Media|Health|Pharma|Aerospace|Analytics|Cloud|Data|Devices|Electronics|Industries";
    private static final Pattern LONE_ORG_WORD = Pattern.compile("^(?:" + ORG_WORD + ")$");
    private static final Pattern ORG_END = Pattern.compile("(?:\\s|^)(?:" + ORG_WORD + ")$");
    /** Capitalised words (with "of", "and", "&", "de" inside), or a mixed-case word such as xAI. */
    private static final Pattern LATIN = Pattern.compile(
            "(?<![\\p{IsLatin}\\d])((?:[A-Z][\\p{IsLatin}\\d'’&.-]*|[a-z]+[A-Z][\\p{IsLatin}\\d]*)"
                    + "(?:\\s+(?:(?:of|de|van|von|der|la|&)\\s+)?(?:[A-Z][\\p{IsLatin}\\d'’&.-]*|[a-z]+[A-Z][\\p{IsLatin}\\d]*)){0,4})");
    /** "a Series A in Opalith", "a stake in Zentrik": after these, "in" names a company, not a place. */
    private static final Pattern IN_A_COMPANY = Pattern.compile(
            "(?i)(?:series\\s+[a-z]\\+?|round|stake|invest\\w*|funding|financing|seed|money|shares|interest|bet)\\s+in\\s+$");
    private static final Pattern PLACE_BEFORE = Pattern.compile(
            "(?:\\b(?:in|at|from|near|based in|headquartered in|located in|moved to|born in))\\s+$");
    /** "a Pittsburgh maker of…", "the Boston company": a name between an article and a company noun says where. */
    private static final Pattern DESCRIBING_BEFORE = Pattern.compile("(?i)(?:^|\\s)(?:a|an|the)\\s+$");
    private static final Pattern PLACE_AFTER = Pattern.compile("^\\s+(?:[a-z-]+\\s+){0,2}?(?:start-?up|company|firm|maker|developer|"
            + "manufacturer|supplier|provider|operator|team|group|lab|business|venture|unicorn|designer|producer)s?\\b");
    private static final Pattern BASED_AFTER = Pattern.compile("^-based\\b");
    private static final Pattern DESCRIBED = Pattern.compile("^([A-Z][\\p{IsLatin}\\d.]*(?:\\s+[A-Z][\\p{IsLatin}\\d.]*)?)-(based|backed|headquartered)\\s+(?=[A-Z]|[a-z]+[A-Z])");
    /** Capitalised words that start sentences or questions, not names. */
    private static final Set<String> NOT_NAMES = Set.of("The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He",
            "She", "They", "We", "I", "You", "Our", "Their", "His", "Her", "In", "On", "At", "As", "And", "But", "Or", "If",
            "When", "Where", "Who", "Whom", "Whose", "What", "Which", "Why", "How", "Is", "Are", "Was", "Were", "Did", "Do",
            "Does", "Has", "Have", "Had", "Can", "Could", "Will", "Would", "Should", "May", "Might", "Compare", "After",
            "Before", "According", "Also", "Then", "Now", "Once", "There", "Here", "Some", "Many", "Most", "All", "Each",
            "For", "From", "With", "By", "To", "Of", "Not", "No", "Yes", "So", "Since", "While", "During", "Earlier", "Later",
            "Last", "Next", "First", "New", "Mr", "Ms", "Mrs", "Dr", "Tell", "List", "Name", "Give", "Show", "Please",
            // titles before a person's name ("Chief engineer Maren Solvik", "Former director Ana Ruiz")
            "Chief", "Senior", "Deputy", "Acting", "Former", "Interim", "Vice", "Professor", "Chairman", "Chairwoman",
            "Director", "Founder", "Co-founder",
            "Lead", "Led", "Investors", "Backers", "Sources", "Analysts", "Shares", "Funding", "Revenue", "Today",
            "Yesterday", "Meanwhile", "However", "Including", "Together", "Both", "Other", "Existing", "Founded",
            "Based", "Headquartered", "Under", "Over", "About", "Among", "Despite", "Unlike", "Like",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "April",
            "June", "July", "August", "September", "October", "November", "December");
    /** Chinese organisation suffixes, folded (Simplified). */
    private static final List<String> ZH_ORG_SUFFIXES = List.of("机器人", "研究院", "实验室", "半导体", "科技", "智能", "资本",
            "创投", "基金", "集团", "公司", "银行", "大学", "汽车", "生物", "医疗", "能源", "芯片", "电子", "网络", "控股", "动力",
            "数据", "传媒", "证券", "投资", "航天", "制药", "创新", "工业", "软件", "微电子", "光电", "电动", "运算", "精机", "机械",
            "生医", "生技", "航空", "材料", "新能源", "光学", "通信", "物流", "电池", "精密", "储能", "算力", "医药", "影像", "量子", "光子", "健康", "智造", "智控", "视觉",
            "制作所", "研究所", "事务所", "工作室", "会社");
    private static final Pattern ZH_APPOSITIVE = Pattern.compile("(?:公司|企业|厂商|开发商|运营商|制造商|供应商|初创|新创|独角兽|平台|品牌)"
            + "([\\p{IsHan}]{2,3}?)(?=宣布|完成|获得|获|推出|发布|表示|称|今日|今天|近日|正式|已经|已|将|于|再|又|日前|本周|计划|拟)");
    /** A short name opening a sentence before its verb ("钛脉完成新台币5亿元A轮募资"). */
    private static final Pattern ZH_LEADING = Pattern.compile("(?:^|[。！？\\n；])\\s*([\\p{IsHan}]{2,4}?)"
            + "(?=宣布完成|完成|宣布|获得|推出|发布|今日宣布|近日宣布|日前宣布|总部位于|总部设于|总部设在|成立于|位于)");
    private static final String DESCRIBING_TAIL = "商";
    private static final Pattern DESCRIBING_NOUN = Pattern.compile("(?:营运|运营|开发|制造|供应|服务|提供|承包|零售|经销|代工|厂)商$");

    /**
     * Whether {@code [from, to)} is a word of the dictionary ("公司", "目前", "宣布") rather than a name: one term of
     * two or more characters that is not a proper noun, or a verb, adverb, time or function word inside it.
     */
    private static boolean isCommonWord(List<Term> terms, int from, int to) {
        for (Term t : terms) {
            String nature = t.nature == null ? "" : t.nature.toString();
            int end = t.offset + t.word.length();
            if (t.offset == from && end == to && t.word.length() > 1 && !nature.matches("n[rstzx].*")) {
                return true;
            }
            if (t.offset >= from && end <= to && t.word.length() > 1 && !nature.isEmpty()
                    && "vdtpcrmqf".indexOf(nature.charAt(0)) >= 0) {
                return true;
            }
            if ((t.offset < from && end > from || t.offset < to && end > to) && !nature.startsWith("nt")) {
                return true; // a word runs across the edge: the stretch is not a unit (a recognised organisation
                             // may: "雲杉醫材總部" read as 云杉 + 医材总部)
            }
        }
        return false;
    }

    /**
     * Whether a stretch is common nouns of the dictionary run together ("汽车市场", "电池工厂"): every piece a
     * noun of two or more characters that is not a proper noun. A name holds a piece the dictionary does not
     * know as a word ("雲杉醫材": 医 and 材 alone).
     */
    private static boolean isCompound(String stretch) {
        List<Term> pieces = Segmenter.plain(stretch);
        return pieces.size() > 1 && pieces.stream().allMatch(t -> t.word.length() > 1 && nature(t).startsWith("n")
                && !nature(t).matches("n[rstzx].*"));
    }

    /**
     * Whether a span the recognisers call a name is ordinary words run together ("会有", "活动会", "第一场", "米来",
     * "任新北", "高球"): read again by the dictionary alone, it is one common word, or it starts with a numeral,
     * measure word, pronoun, verb or function word, or ends with a verb or function word. A name the dictionary
     * does not hold ("林若蘅", "澔宇") is read as pieces that are none of these.
     */
    static boolean isPhrase(String word, Kind kind) {
        if (PHRASES.size() > MAX_PHRASES) {
            PHRASES.clear(); // a pure function of the word: dropping the memo changes no result
        }
        return PHRASES.computeIfAbsent(kind.name() + ":" + word, k -> readsAsPhrase(word, kind));
    }

    /** What {@link #isPhrase} found for each word: names recur across a stream, segmenting them again is waste. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> PHRASES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_PHRASES = 200_000;

    private static boolean readsAsPhrase(String word, Kind kind) {
        List<Term> pieces = Segmenter.plain(word);
        if (pieces.isEmpty()) {
            return false;
        }
        String first = nature(pieces.get(0));
        if (pieces.size() == 1) {
            return "nxgw".indexOf(first.charAt(0)) < 0; // one dictionary word, and not a noun
        }
        String last = nature(pieces.get(pieces.size() - 1));
        if (kind == Kind.PERSON) {
            // Given names are often single characters the dictionary calls verbs or adjectives ("袁隆平": 平/v).
            // A surname may be a measure word too ("方亦澄": 方/q); a time word is not one ("时脚": 时/qt).
            return first.equals("qt") || "tmr".indexOf(first.charAt(0)) >= 0 || "fpcdu".indexOf(last.charAt(0)) >= 0
                    || last.equals("vf");
        }
        return "mqrdpcuft".indexOf(first.charAt(0)) >= 0 || "vdpcuframqt".indexOf(last.charAt(0)) >= 0;
    }

    private static String nature(Term t) {
        String n = t.nature == null ? "x" : t.nature.toString();
        return n.isEmpty() ? "x" : n;
    }

    /** Single characters that end a Chinese name walking back from its suffix: prepositions, verbs of a deal, particles. */
    private static final String ZH_STOP_CHARS = "领投由被在为是与和向获将把从对给让及的了着过于等并也都又已再就至到自以据称";
    private static final String DOTS = "·•・‧";
    private static final Pattern DOTTED = Pattern.compile("\\p{IsHan}+([" + DOTS + "])\\p{IsHan}+(?:[" + DOTS + "]\\p{IsHan}+)*");
    /** Characters that end a dotted name on either side: function words and the verbs that follow a name. */
    private static final String DOTTED_STOPS = ZH_STOP_CHARS + "有说曾会任获被";

    /** Measure words that do stop a name walking back from its suffix ("三家科技公司"). */
    private static final String MEASURE_WORDS = "个家名位种次台架辆件项只条批轮笔期";
    private static final int ZH_NAME_BEFORE_SUFFIX = 6;
    private static final Pattern ZH_ROLE_PERSON = Pattern.compile("(?:联合创始人|创始人|创办人|董事长|首席执行官|执行长|总裁|总经理|负责人|"
            + "作者|导演|主席|校长|院长|发言人|ceo|cto)\\s*(?:是|为|:|：)?\\s*([\\p{IsHan}·]{2,4}?)(?=[，。、；！？,;\\s(（]|表示|说|称|$)");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s?(?=\\s|$)");
    private static final Pattern FUNCTION_CHARS = Pattern.compile("[的了和与及在是由从向对将把被让给]");
    /** Latin names that are rounds or other labels, not names ("Series A", "Pre-A"). */
    private static final Pattern NOT_A_NAME = Pattern.compile("(?i)^(?:series [a-z]\\d?\\+?|pre-[a-z]|seed|ipo|q[1-4])$");

    private Names() {
    }

    /** Whether a capitalised word is one that opens sentences and questions ("Did", "The", "Who"), not a name. */
    public static boolean isSentenceWord(String word) {
        return NOT_NAMES.contains(word);
    }

    private static final int WORD_WINDOW = 4;

    /**
     * Whether the stretch {@code [start, end)} of a folded Chinese text stands there as whole words of the dictionary's
     * reading: "都选" in "南方州都选择" does not (都/选择), "砺行" in "砺行完成B轮" and "星辰" in "领投星辰科技" do. A name
     * read wrongly from a question ("通常都選在" read 都選 as a person) is found in passages only inside other words.
     */
    public static boolean wholeWordsAt(String folded, int start, int end) {
        return boundedAt(folded, start, end, false);
    }

    /**
     * Whether {@code [start, end)} stands as words with the recognisers' names read as words too: "若" (if) is no word
     * of its own in "创办人为梁若川", nor "曾" in "曾沐阳表示".
     */
    static boolean wordsOfTheirOwnAt(String folded, int start, int end) {
        return boundedAt(folded, start, end, true);
    }

    private static boolean boundedAt(String folded, int start, int end, boolean names) {
        int from = Math.max(0, start - WORD_WINDOW);
        int to = Math.min(folded.length(), end + WORD_WINDOW);
        boolean opens = false;
        boolean closes = false;
        int at = from;
        String window = folded.substring(from, to);
        for (Term t : names ? Segmenter.segment(window) : Segmenter.plain(window)) {
            opens |= at == start;
            at += t.word.length();
            closes |= at == end;
        }
        return opens && closes;
    }

    /** Names in {@code text} (cleaned, NFKC-normalised), in order. */
    public static List<Name> find(String text) {
        List<Name> found = new ArrayList<>();
        latin(text, found);
        if (text.codePoints().anyMatch(Script::isHan)) {
            chinese(text, found);
        }
        return resolve(found);
    }

    /**
     * The stretches a Chinese question asks about that no recogniser knows: the one it opens with before the words
     * that ask about it ("栖霞醫材的C輪募資多少？", "雲杉醫材有多少員工？", "比较A和B的估值") and each one joined to it by
     * 和/与/跟/及/、 ("沅澈能源和雲杉醫材哪家融资更多"); in an English question, every run of Chinese characters ("Compare
     * Marrowfield and 雲杉醫材"). A stretch the dictionary reads as common words, a compound of common nouns or a
     * phrase ("公司的", "去年的", "汽车市场的") is not one.
     */
    public static List<Name> questionTopics(String question) {
        String folded = Script.fold(question);
        List<Name> out = new ArrayList<>();
        boolean english = folded.codePoints().filter(Character::isLetter).filter(c -> !Script.isHan(c)).count()
                > folded.codePoints().filter(Script::isHan).count();
        // The question read by the dictionary alone: a topic starts and ends where its words do, and a conjunction
        // joins two topics only when it is a word of its own ("和", not the 及 of 提及).
        List<Term> words = english ? List.of() : Segmenter.plain(folded);
        java.util.Set<Integer> edges = new java.util.HashSet<>();
        java.util.Set<Integer> joins = new java.util.HashSet<>();
        int at = 0;
        for (Term t : words) {
            int offset = folded.indexOf(t.word, at);
            if (offset < 0) {
                break;
            }
            edges.add(offset);
            edges.add(offset + t.word.length());
            if (t.word.length() == 1 && JOINED.indexOf(t.word.charAt(0)) >= 0) {
                joins.add(offset);
            }
            at = offset + t.word.length();
        }
        Matcher m = (english ? HAN_RUN : QUESTION_TOPIC).matcher(folded);
        int from = 0;
        while (from <= folded.length() && m.find(from)) {
            int s0 = m.start(1);
            int e0 = m.end(1);
            if (!english && m.start() > 0 && !joins.contains(m.start() - 1)
                    && !OPENING.matcher(folded.substring(0, m.start())).matches()) {
                from = nextJoin(joins, m.start());
                continue; // after the opening, only a stretch joined by a conjunction to the one before counts
            }
            boolean joinedAfter = e0 < folded.length() && JOINED.indexOf(folded.charAt(e0)) >= 0;
            boolean fits = english || edges.contains(s0) && edges.contains(e0) && (!joinedAfter || joins.contains(e0));
            String stretch = m.group(1);
            List<Term> pieces = Segmenter.plain(stretch);
            boolean oneWord = pieces.size() == 1 && !nature(pieces.get(0)).matches("n[rstzx].*|x.*|g.*|w.*");
            if (fits && !(oneWord || isCompound(stretch) || readsAsWords(pieces) || FUNCTION_CHARS.matcher(stretch).find())) {
                out.add(new Name(s0, e0, question.substring(s0, e0), Kind.ORG));
            }
            from = english ? m.end() : nextJoin(joins, e0);
        }
        return out;
    }

    private static int nextJoin(java.util.Set<Integer> joins, int from) {
        return joins.stream().filter(j -> j >= from).min(Integer::compare).map(j -> j + 1).orElse(Integer.MAX_VALUE);
    }

    private static final String JOINED = "和与跟同及、对"; // "X对Y的收购": Y is the other party
    private static final Pattern OPENING = Pattern.compile("\\s*(?:请)?(?:比较|对比|比一比)?(?:一下)?\\s*");
    private static final Pattern HAN_RUN = Pattern.compile("([\\p{IsHan}]{2,12})");

    /**
     * Whether dictionary pieces are ordinary words rather than a name: a word of two or more characters that is a
     * verb, adverb, time, preposition, conjunction, pronoun, numeral, measure or position word ("去年", "这家"), or a
     * single pronoun, numeral or function character first ("该", "第"). A rare character the dictionary tags as a
     * measure word ("榀") may start a name.
     */
    private static boolean readsAsWords(List<Term> pieces) {
        for (Term t : pieces) {
            if (t.word.length() > 1 && "vdtpcrmqf".indexOf(nature(t).charAt(0)) >= 0) {
                return true;
            }
        }
        for (int i = 0; i < pieces.size(); i++) {
            Term t = pieces.get(i);
            String n = nature(t);
            if (t.word.length() == 1 && ("dpcurfyeo".indexOf(n.charAt(0)) >= 0 // "韓國最貴", "關島為於", "國民黨中"
                    || i > 0 && "mq".indexOf(n.charAt(0)) >= 0)) {
                return true;
            }
        }
        Term first = pieces.get(0);
        return first.word.length() == 1 && ("rmpcudtv".indexOf(nature(first).charAt(0)) >= 0 && !nature(first).equals("vg")
                || MEASURE_WORDS.indexOf(first.word.charAt(0)) >= 0);
    }

    private static final Pattern QUESTION_TOPIC = Pattern.compile("(?:请)?(?:比较|对比|比一比)?(?:一下)?\\s*([\\p{IsHan}]{2,8}?)"
            + "(?=[和与跟同及、对]|哪|谁|相比|比较|对比|(?:pre-?)?[a-h]\\+?轮|天使轮|种子轮|的|有多少|有几|在哪|位于|总部|成立|创办|创立|获得|完成|融资|募资|估值|员工|营收|是谁|是什么|由谁"
            + "|去年|今年|明年|前年|目前|现在|最新|近期|\\d{2,4}年|收入|利润|市值|用户|营业额|销售额|产能|出货|有没有|是否|有无|会不会|是不是|已经|已)");

    private static void latin(String text, List<Name> out) {
        Matcher m = LATIN.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            Matcher possessive = POSSESSIVE.matcher(name);
            if (possessive.find()) {
                name = name.substring(0, possessive.start()); // "Velmora Optics' Series B" names Velmora Optics
            }
            name = name.replaceAll("[.'’-]+$", "");
            int start = m.start(1);
            final int end = start + name.length();
            Matcher described = DESCRIBED.matcher(name);
            if (described.find()) {
                // "Seattle-based Lumenfold AI": a place (or a backer), then the name it describes.
                String first = described.group(1);
                out.add(new Name(start, start + first.length(), first,
                        described.group(2).equalsIgnoreCase("backed") ? Kind.ORG : Kind.PLACE));
                start += described.end();
                name = name.substring(described.end());
            }
            // A leading sentence word ("The", "Who") is dropped; what follows may still be a name.
            String[] words = name.split("\\s+");
            int skip = 0;
            while (skip < words.length && NOT_NAMES.contains(words[skip])) {
                start += words[skip].length();
                skip++;
                while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                    start++;
                }
            }
            if (skip == words.length) {
                continue;
            }
            name = text.substring(start, end);
            if (name.length() < 2 && !name.matches("[A-Z]")) {
                continue;
            }
            if (name.length() == 1 || NOT_A_NAME.matcher(name).matches() || LONE_ORG_WORD.matcher(name).matches()) {
                continue; // a single capital letter ("X" is a company, but only the lexicon can tell), a round
            }
            Kind kind = ORG_END.matcher(name).find() ? Kind.ORG
                    : PLACE_BEFORE.matcher(text.substring(Math.max(0, start - 20), start)).find()
                    && !IN_A_COMPANY.matcher(text.substring(Math.max(0, start - 24), start)).find()
                    || PLACE_AFTER.matcher(text.substring(start + name.length(), Math.min(text.length(), start + name.length() + 24))).find()
                    && DESCRIBING_BEFORE.matcher(text.substring(Math.max(0, start - 6), start)).find()
                    || BASED_AFTER.matcher(text.substring(start + name.length(), Math.min(text.length(), start + name.length() + 8))).find()
                    ? Kind.PLACE : Kind.NAME;
            out.add(new Name(start, start + name.length(), name, kind));
        }
    }

    private static void chinese(String text, List<Name> out) {
        String folded = Script.fold(text);
        List<Term> terms = Segmenter.segment(folded);
        int[] owner = new int[folded.length()]; // index of the term covering each character
        java.util.Arrays.fill(owner, -1);
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            for (int k = t.offset; k < Math.min(folded.length(), t.offset + t.word.length()); k++) {
                owner[k] = i;
            }
        }
        // A person named after a role word: segmenters miss unusual given names ("创办人为林若蘅").
        List<Name> roles = new ArrayList<>();
        Matcher role = ZH_ROLE_PERSON.matcher(folded);
        while (role.find()) {
            roles.add(new Name(role.start(1), role.end(1), text.substring(role.start(1), role.end(1)), Kind.PERSON));
        }
        out.addAll(roles);
        // A short name after the noun that describes it and before its verb ("卡车公司砺行宣布完成…"): no suffix
        // and no dictionary says it is a name; its place in the sentence does.
        for (Pattern p : List.of(ZH_APPOSITIVE, ZH_LEADING)) {
            Matcher appositive = p.matcher(folded);
            while (appositive.find()) {
                int from = appositive.start(1);
                int to = appositive.end(1);
                boolean recognised = terms.stream().anyMatch(t -> t.offset == from && t.offset + t.word.length() == to
                        && nature(t).matches("n[rs].*")); // "北京位于华北": the recognisers know a place or person
                if (!recognised && !isCommonWord(terms, from, to) && !isCompound(folded.substring(from, to))) {
                    out.add(new Name(from, to, text.substring(from, to), Kind.ORG));
                }
            }
        }
        // A name written in Chinese from another language joins its parts with a middle dot ("卡尔·路德维希·冯·贝塔郎非").
        Matcher dotted = DOTTED.matcher(folded);
        while (dotted.find()) {
            int from = dotted.start();
            int firstDot = dotted.start(1);
            for (int k = firstDot - 1; k >= from; k--) {
                Term at = owner[k] < 0 ? null : terms.get(owner[k]);
                boolean wordEnds = at != null && at.offset + at.word.length() == k + 1 && k < firstDot - 1 && at.word.length() > 1
                        && "vdtpcurfmq".indexOf(nature(at).charAt(0)) >= 0; // "使用拉里·伯德": 使用 is not the name's
                if (DOTTED_STOPS.indexOf(folded.charAt(k)) >= 0 || firstDot - k > 6 || wordEnds) {
                    from = k + 1;
                    break;
                }
            }
            int to = dotted.end();
            int lastDot = to - 1;
            while (DOTS.indexOf(folded.charAt(lastDot)) < 0) {
                lastDot--;
            }
            for (int k = lastDot + 1; k < to; k++) {
                Term at = owner[k] < 0 ? null : terms.get(owner[k]);
                String nature = at == null ? "x" : nature(at);
                boolean wordStarts = at != null && at.offset == k && k > lastDot + 1 && at.word.length() > 1
                        && ("vdtpcurf".indexOf(nature.charAt(0)) >= 0 || nature.equals("n") && k > lastDot + 2);
                // "奥利奇现在效力", "罗伯斯女友": 现在 and 女友 are not the name's
                if (DOTTED_STOPS.indexOf(folded.charAt(k)) >= 0 || k - lastDot > 8 || wordStarts) {
                    to = k;
                    break;
                }
            }
            if (firstDot - from >= 1 && to - lastDot > 1) {
                out.add(new Name(from, to, text.substring(from, to), Kind.PERSON));
            }
        }
        for (Term t : terms) {
            String nature = t.nature == null ? "" : t.nature.toString();
            int end = t.offset + t.word.length();
            if (roles.stream().anyMatch(r -> t.offset < r.end() && end > r.start())) {
                continue; // the role word told who it is ("创始人是欧阳明澈")
            }
            if (nature.startsWith("nr") && "于在".indexOf(t.word.charAt(0)) >= 0 && t.offset > 0
                    && "位立生设建居落坐处".indexOf(folded.charAt(t.offset - 1)) >= 0) {
                // "位于合肥" read as the person 于合肥 ("位于成都" as 于成 + 都): the preposition belongs to the verb,
                // what follows up to the next stop is a place.
                int placeEnd = t.offset + 1;
                while (placeEnd < folded.length() && placeEnd - t.offset - 1 < 4 && Script.isHan(folded.charAt(placeEnd))
                        && !FUNCTION_CHARS.matcher(String.valueOf(folded.charAt(placeEnd))).matches()) {
                    placeEnd++;
                }
                if (placeEnd - t.offset - 1 >= 2) {
                    out.add(new Name(t.offset + 1, placeEnd, text.substring(t.offset + 1, placeEnd), Kind.PLACE));
                }
                continue;
            }
            Kind kind = nature.startsWith("nr") ? Kind.PERSON : nature.startsWith("ns") ? Kind.PLACE
                    : nature.startsWith("nt") && !nature.equals("nto") ? Kind.ORG : null;
            if (kind == Kind.PLACE && t.word.length() >= 3 && "于在".indexOf(t.word.charAt(0)) >= 0 && t.offset > 0
                    && "位立生设建居落坐处".indexOf(folded.charAt(t.offset - 1)) >= 0) {
                // "設於台中" read as the place 于台中: the preposition belongs to the verb before it.
                out.add(new Name(t.offset + 1, end, text.substring(t.offset + 1, end), Kind.PLACE));
                continue;
            }
            if (kind != null && t.word.length() >= 2 && t.word.length() <= 12 && t.word.codePoints().allMatch(Script::isHan)
                    && !FUNCTION_CHARS.matcher(t.word).find() && !isPhrase(t.word, kind)) {
                out.add(new Name(t.offset, t.offset + t.word.length(), text.substring(t.offset, t.offset + t.word.length()), kind));
            }
        }
        for (String suffix : ZH_ORG_SUFFIXES) {
            for (int at = folded.indexOf(suffix); at >= 0; at = folded.indexOf(suffix, at + 1)) {
                int start = at;
                while (start > 0 && at - start < ZH_NAME_BEFORE_SUFFIX && Script.isHan(folded.charAt(start - 1))
                        && nameChar(terms, owner[start - 1], folded.charAt(start - 1)) && !isSuffixHead(folded, start - 1)) {
                    start--;
                }
                // A Latin name right before the suffix ("Zorbex科技") belongs to it.
                if (start == at && at > 0 && isLatinLetterOrDigit(folded.charAt(at - 1))) {
                    while (start > 0 && (isLatinLetterOrDigit(folded.charAt(start - 1)) || folded.charAt(start - 1) == ' ')
                            && at - start < 30) {
                        start--;
                    }
                    while (start < at && folded.charAt(start) == ' ') {
                        start++;
                    }
                }
                if (start < at && start > 0 && DESCRIBING_TAIL.indexOf(folded.charAt(start)) >= 0
                        && DESCRIBING_NOUN.matcher(folded.substring(Math.max(0, start - 3), start + 1)).find()) {
                    start++; // "营运商霖港数据": 商 ends the noun that describes the company, not its name
                }
                if (start < at) {
                    int end = at + suffix.length();
                    out.add(new Name(start, end, text.substring(start, end), Kind.ORG));
                }
            }
        }
    }

    private static boolean isLatinLetterOrDigit(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    /**
     * Whether HanLP tags some word of a Chinese noun phrase as a person or organisation name (nr, nt): a noun phrase
     * that may be a party the recognisers missed, unlike "芯片公司" or a place.
     */
    public static boolean taggedAsName(String phrase) {
        for (Term t : Segmenter.segment(Script.fold(phrase))) {
            String nature = t.nature == null ? "" : t.nature.toString();
            if (nature.startsWith("nr") || nature.startsWith("nt")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The place a Chinese phrase opens with, as HanLP tags it (ns), or null: "台南" in "台南光学镜头公司", which the
     * suffix rule reads as one organisation. Offsets are those of the folded phrase, the same length as the phrase.
     */
    public static Name leadingPlace(String phrase) {
        List<Term> terms = Segmenter.segment(Script.fold(phrase));
        if (terms.size() < 2) {
            return null;
        }
        Term first = terms.get(0);
        String nature = first.nature == null ? "" : first.nature.toString();
        return nature.startsWith("ns") && first.word.length() >= 2
                ? new Name(0, first.word.length(), phrase.substring(0, first.word.length()), Kind.PLACE) : null;
    }

    /**
     * Whether a stretch of Chinese reads as a name rather than a phrase: no word of two or more characters in it is a
     * verb, a time, a direction, an adverb, a preposition, a conjunction, a particle or a pronoun ("澄岫", "翠嶺行雲" are names;
     * "今年以来", "九城申报", "住宅楼夜间遭强拆" are not), and it is not one word of the dictionary ("公司").
     */
    public static boolean nameLike(String stretch) {
        String folded = Script.fold(stretch);
        if (com.hankcs.hanlp.dictionary.CoreDictionary.contains(folded)) {
            return false;
        }
        for (Term t : Segmenter.segment(folded)) {
            String nature = t.nature == null ? "" : t.nature.toString();
            // one character may be tagged anything in a coined name ("中鋼": 中/f, "大立光": 立/v); a word may not
            if (t.word.length() >= 2 && !nature.isEmpty() && "tfvdpcurqeoy".indexOf(nature.charAt(0)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Chinese noun phrases (runs of nouns as HanLP tags them, at most eight characters): the common nouns that
     * answer "which sport" or "who hands out the towels".
     */
    public static List<Name> nounPhrases(String text) {
        List<Name> out = new ArrayList<>();
        if (text.codePoints().noneMatch(Script::isHan)) {
            return out;
        }
        List<Term> terms = Segmenter.segment(Script.fold(text));
        int start = -1;
        int end = -1;
        for (Term t : terms) {
            String nature = t.nature == null ? "" : t.nature.toString();
            boolean noun = nature.startsWith("n") && !nature.equals("nx") && t.word.codePoints().allMatch(Script::isHan);
            if (noun && start >= 0 && t.offset == end && end - start + t.word.length() <= 8) {
                end = t.offset + t.word.length();
                continue;
            }
            if (start >= 0 && end - start >= 2) {
                out.add(new Name(start, end, text.substring(start, end), Kind.NAME));
            }
            start = noun ? t.offset : -1;
            end = noun ? t.offset + t.word.length() : -1;
        }
        if (start >= 0 && end - start >= 2) {
            out.add(new Name(start, end, text.substring(start, end), Kind.NAME));
        }
        return out;
    }

    /**
     * Whether a character may belong to a company name before its suffix: anything but punctuation, numbers,
     * measure words, pronouns, adverbs, prepositions, conjunctions, particles, verbs of two or more characters
     * and the single characters of {@link #ZH_STOP_CHARS}. Unusual names ("云岫", "岚石") are tagged anything.
     */
    private static boolean nameChar(List<Term> terms, int index, char c) {
        if (index < 0 || ZH_STOP_CHARS.indexOf(c) >= 0) {
            return false;
        }
        Term t = terms.get(index);
        String nature = t.nature == null ? "x" : t.nature.toString();
        if (nature.equals("nnt") || nature.equals("nis") || nature.equals("vn") && t.word.length() > 1) {
            return false; // a title or a deal word ("创始人", "融资")
        }
        char head = nature.isEmpty() ? 'x' : nature.charAt(0);
        if (head == 'w' && Script.isHan(c)) {
            return true; // a character the dictionary does not know ("澔") is read as a symbol: in a name, it is one
        }
        if (head == 'q' && t.word.length() == 1 && MEASURE_WORDS.indexOf(c) < 0) {
            return true; // a rare character tagged as a measure word ("曜声科技": 声/qv)
        }
        if ("wmqrdpcuyeof".indexOf(head) >= 0 || head == 't' && t.word.length() > 1) {
            return false; // "目前启衡智能": a time word is not part of the name after it
        }
        return head != 'v' || t.word.length() == 1;
    }

    /** A name does not run back across another organisation's suffix ("红杉资本星辰科技" is two names). */
    private static boolean isSuffixHead(String folded, int end) {
        for (String suffix : ZH_ORG_SUFFIXES) {
            if (folded.startsWith(suffix, end + 1 - suffix.length()) && end + 1 - suffix.length() >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Words a segmenter glues to the end of an organisation's name that are not part of it ("启衡智能总部"). */
    private static final Pattern ZH_TRAILING = Pattern.compile("(?:总部|團隊|团队|工厂|工廠|员工|員工|旗下|方面|总裁|董事长|创始人|创办人|估值|融资)$");
    /**
     * Words a segmenter glues to the front of a name that describe it ("储能公司沅澈能源": 公司 is not its name), and
     * determiners with their measure word ("一间铁道公司", "哪家公司": what is left may be no name at all).
     */
    private static final Pattern ZH_LEADING_NOUN = Pattern.compile("^(?:公司|企业|厂商|初创|新创|平台|品牌|独角兽"
            + "|[一这那该某哪每各][家间个所座位名支条只])");

    /** Longest first, then earliest; names that overlap a longer one are dropped. */
    private static List<Name> resolve(List<Name> found) {
        List<Name> byLength = new ArrayList<>();
        for (Name n : found) {
            Matcher trailing = ZH_TRAILING.matcher(Script.fold(n.text()));
            if (n.kind() != Kind.PERSON && trailing.find()) {
                int cut = trailing.start();
                if (cut < 2) {
                    continue;
                }
                n = new Name(n.start(), n.start() + cut, n.text().substring(0, cut), n.kind());
            }
            Matcher leading = ZH_LEADING_NOUN.matcher(Script.fold(n.text()));
            if (n.kind() == Kind.ORG && leading.find() && n.text().length() - leading.end() >= 2) {
                n = new Name(n.start() + leading.end(), n.end(), n.text().substring(leading.end()), n.kind());
                if (ZH_ORG_SUFFIXES.contains(Script.fold(n.text()))) {
                    continue; // "哪家公司": a kind of organisation, not one
                }
            }
            byLength.add(n);
        }
        byLength.sort(Comparator.comparingInt((Name n) -> n.end() - n.start()).reversed()
                .thenComparingInt(Name::start).thenComparing(n -> n.kind().ordinal()));
        List<Name> kept = new ArrayList<>();
        for (Name n : byLength) {
            boolean overlaps = false;
            for (Name k : kept) {
                overlaps |= n.start() < k.end() && n.end() > k.start();
            }
            if (!overlaps) {
                kept.add(n);
            }
        }
        kept.sort(Comparator.comparingInt(Name::start));
        return kept;
    }

    /** HanLP's segmenter with person, place and organisation recognition, loaded on first use (about a second). */
    static final class Segmenter {
        private static final ThreadLocal<Segment> SEGMENT = ThreadLocal.withInitial(() -> HanLP.newSegment()
                .enableNameRecognize(true).enablePlaceRecognize(true).enableOrganizationRecognize(true).enableOffset(true));

        private Segmenter() {
        }

        private static final ThreadLocal<Segment> PLAIN = ThreadLocal.withInitial(() -> HanLP.newSegment()
                .enableNameRecognize(false).enablePlaceRecognize(false).enableOrganizationRecognize(false)
                .enableTranslatedNameRecognize(false).enableJapaneseNameRecognize(false));

        static List<Term> segment(String text) {
            return SEGMENT.get().seg(text);
        }

        /** The dictionary's words alone, no name recognition. */
        static List<Term> plain(String text) {
            return PLAIN.get().seg(text);
        }
    }
}
