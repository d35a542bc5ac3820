package io.veritas.answer;

import io.veritas.extract.AliasTable;
import io.veritas.extract.CueMatcher;
import io.veritas.extract.EntityMatcher;
import io.veritas.extract.Lexicon;
import io.veritas.extract.Mention;
import io.veritas.extract.Names;
import io.veritas.extract.Rounds;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a question with the same lexicon that reads documents: the entity (known, learned or shaped like a
 * name), the attribute cue, the round, "latest/最新" and a year.
 */
public final class QuestionReader {
    private static final Pattern LATEST = Pattern.compile("latest|current|now|today|recent|newest|最新|目前|当前|现在|如今|近期");
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(19\\d{2}|20\\d{2})(?!\\d)\\s*年?");

    private final Lexicon lexicon;

    public QuestionReader(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Reads a question with the names {@code aliases} knows (the lexicon's and those learned from the corpus). */
    public Question read(String text, AliasTable aliases) {
        String normal = Normalizer.nfkc(text.strip());
        String folded = Script.fold(normal);
        String language = Script.detect(normal);

        Mention subject = null;
        int subjectRank = Integer.MAX_VALUE;
        List<Mention> known = new EntityMatcher(aliases).find(normal, folded);
        for (Mention m : known) {
            boolean object = lexicon.endsWithObjectMarker(folded.substring(Math.max(0, m.start() - 30), m.start()));
            boolean person = "person".equals(m.type());
            int rank = (object ? 2 : 0) + (person ? 1 : 0);
            if (subject == null || rank < subjectRank) {
                subject = m;
                subjectRank = rank;
            }
        }
        // Every name the question holds: those the table knows, and those only their shape tells (any new company).
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Mention m : known) {
            names.add(normal.substring(m.start(), m.end()));
        }
        Names.Name shaped = null; // with no known name, the subject is the first name only its shape tells
        for (Names.Name n : Names.find(normal)) {
            boolean inKnown = known.stream().anyMatch(m -> n.start() < m.end() && n.end() > m.start());
            if (!inKnown && !isQuestionWord(n.text())) {
                names.add(n.text());
                if (shaped == null && n.kind() != Names.Kind.PLACE) {
                    shaped = n;
                }
            }
        }
        // Stretches no recogniser knows that the question is about ("栖霞醫材的C輪募資多少？"): evidence about another
        // company cannot answer it.
        for (Names.Name topic : Names.questionTopics(normal)) {
            boolean covered = known.stream().anyMatch(m -> topic.start() < m.end() && topic.end() > m.start())
                    || names.stream().anyMatch(n -> Script.fold(n).contains(Script.fold(topic.text())));
            if (covered || isQuestionWord(topic.text())) {
                continue;
            }
            // A shorter name the recognisers found inside it is a piece of it ("杼嵐醫材": 醫材 read as a person).
            names.removeIf(n -> Script.fold(topic.text()).contains(Script.fold(n)));
            names.add(topic.text());
            if (subject == null && (shaped == null || topic.start() <= shaped.start() && topic.end() >= shaped.end())) {
                shaped = topic;
            }
        }
        // The script is the asker's, not the names': "沅澈能源和雲杉醫材哪家融资更多" is asked in Simplified.
        String rest = normal;
        for (String n : names) {
            rest = rest.replace(n, " ");
        }
        Script.Counts restCounts = Script.count(rest, 0, rest.length());
        if (!Script.EN.equals(language) && restCounts.traditional() + restCounts.simplified() > 0) {
            language = restCounts.language(); // the script's own characters outside the names decide
        } else if (!Script.EN.equals(language) && restCounts.han() == 0 && restCounts.latinLetters() >= MIN_ENGLISH_LETTERS) {
            language = Script.EN; // "Who directed 霧港來信?": only the name is Chinese, the asker writes English
        }
        String attribute = attribute(folded, language);
        String qualifier = Rounds.nearest(folded, 0, folded.length(), 0);
        Matcher y = YEAR.matcher(folded);
        int year = y.find() ? Integer.parseInt(y.group(1)) : 0;
        QuestionType type = QuestionType.of(folded);
        boolean counted = "users".equals(attribute) || "employees".equals(attribute);
        if (type == QuestionType.OPEN && attribute != null && !ASKS_FOR_A_THING.matcher(folded).find()) {
            type = counted ? QuestionType.HOW_MANY : QuestionType.HOW_MUCH;
        } else if (type == QuestionType.HOW_MUCH && counted) {
            type = QuestionType.HOW_MANY; // "有多少员工": 多少 asks for a count of people, not an amount
        }
        String subjectName = subject != null ? subject.name() : shaped != null ? Script.fold(shaped.text()) : null;
        String subjectAs = subject != null ? normal.substring(subject.start(), subject.end()) : shaped != null ? shaped.text() : null;
        return new Question(text.strip(), language, subjectName, subjectAs, attribute, qualifier,
                LATEST.matcher(folded).find(), year, type, inQuestionOrder(names, normal));
    }

    /** The names in the order the question writes them ("砺行B轮和栖云机器人A+轮": 砺行 first). */
    private static List<String> inQuestionOrder(java.util.Collection<String> names, String normal) {
        return names.stream().sorted(java.util.Comparator.comparingInt((String n) -> {
            int at = normal.indexOf(n);
            return at < 0 ? Integer.MAX_VALUE : at;
        })).toList();
    }

    /** Names.find reads Chinese question words as names now and then ("哪家公司"): they are not what is asked about. */
    private static boolean isQuestionWord(String name) {
        return QUESTION_CHARS.matcher(name).find();
    }

    /**
     * "以及什么样的行为", "什么技术": the question asks for a thing of a kind, not for a figure, even when a word of
     * an attribute occurs in it ("以什么价格", "什么水平" still ask for one).
     */
    /** Latin letters outside a question's names that make it an English question ("Who led", not "A轮" alone). */
    private static final int MIN_ENGLISH_LETTERS = 6;

    private static final Pattern ASKS_FOR_A_THING = Pattern.compile("(?:什么|何种)(?!价|金额|水平|规模|数|估值|时|地方)\\p{IsHan}"
            + "|\\bwhat (?:kind|kinds|type|types|sort) of\\b");

    private static final Pattern ROUND_WORD = Pattern.compile("轮|round|series");
    private static final Pattern QUESTION_CHARS = Pattern.compile("[谁誰哪什甚么麼几幾何吗嗎呢]|多少");

    /** The attribute asked for: English names it first ("valuation after its funding"), Chinese last ("融资后估值"). */
    private String attribute(String folded, String language) {
        List<CueMatcher.Found> found = CueMatcher.find(folded, lexicon.attributeCues());
        if (found.isEmpty()) {
            return null;
        }
        // A round word ("轮", "round", "series") names funding only when nothing more specific does:
        // "估值从B轮到C轮有什么变化" asks for the valuation.
        List<CueMatcher.Found> specific = found.stream().filter(f -> !ROUND_WORD.matcher(folded.substring(f.start(), f.end())).matches()).toList();
        List<CueMatcher.Found> use = specific.isEmpty() ? found : specific;
        return (Script.EN.equals(language) ? use.get(0) : use.get(use.size() - 1)).label();
    }
}
