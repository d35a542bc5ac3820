package io.veritas.extract;

import io.veritas.text.Script;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns cross-script names from parentheticals: {@code 深瞳智能（DeepPupil AI）}, {@code Sequoia Capital（红杉资本）},
 * {@code X（前身为Twitter）}, {@code xAI (formerly ...)}. A Chinese name is cut back to what follows the last
 * function word before the bracket ("富达以及卡达投资局" gives "卡达投资局"); short all-capital acronyms such as
 * "AI" or "AGI" are not learned.
 */
public final class AliasLearner {
    private static final Pattern HAN_LATIN = Pattern.compile(
            "([\\p{IsHan}·]{2,16})\\s*[（(]\\s*([A-Za-z][A-Za-z0-9.&' -]{1,40}?)\\s*[）)]");
    private static final Pattern LATIN_HAN = Pattern.compile(
            "(?<![A-Za-z])([A-Z][A-Za-z0-9.&'-]*(?:\\s[A-Z][A-Za-z0-9.&'-]*){0,4})\\s*[（(]\\s*([\\p{IsHan}·]{2,10})\\s*[）)]");
    private static final Pattern FORMERLY = Pattern.compile(
            "(?<![A-Za-z])([A-Z][A-Za-z0-9]*)\\s*[（(]\\s*(?:前身为|前身為|前称|前稱|原名|前|formerly(?: known as)?)\\s*([A-Za-z][A-Za-z0-9 ]{0,30}?|[\\p{IsHan}]{2,10})\\s*[）)]");
    /** A capitalised name of one to four words ("Block", "Meta Platforms", "X Corp"). */
    private static final String LATIN_NAME = "([A-Z][A-Za-z0-9.&'-]*(?: [A-Z][A-Za-z0-9.&'-]*){0,3})";
    private static final Pattern FORMERLY_PROSE = Pattern.compile("(?<![A-Za-z])" + LATIN_NAME
            + "(?:,? (?:formerly|previously)(?: known as| called| named)?|, once (?:known as|called|named)) " + LATIN_NAME + "(?![A-Za-z])");
    private static final Pattern NOW_PROSE = Pattern.compile("(?<![A-Za-z])" + LATIN_NAME
            + "(?:, now(?: known as| called| named)?|,? (?:since |later )?renamed(?: as| to)?) " + LATIN_NAME + "(?![A-Za-z])");
    private static final Pattern FORMERLY_HAN_PROSE = Pattern.compile(
            "([A-Za-z][A-Za-z0-9]*|[\\p{IsHan}]{2,10})[，,]\\s*(?:前身为|前身為|原名|旧称|舊稱)\\s*([A-Za-z][A-Za-z0-9]*|[\\p{IsHan}]{2,10})");
    private static final Pattern FUNCTION_CHARS = Pattern.compile("[的和与與及、在是为為由从從向对對将將把被让讓给給以如包括即等]");

    private AliasLearner() {
    }

    public static List<Alias> learn(String text) {
        List<Alias> out = new ArrayList<>();
        learnRenaming(text, out);
        if (text.indexOf('（') < 0 && text.indexOf('(') < 0) {
            return out; // no parenthesis, nothing more to learn (most posts): skip the regular expressions
        }
        List<Integer> brackets = brackets(text);
        // Each expression needs, somewhere in the text, an opening bracket followed (after spaces) by what its
        // second name starts with; without one it has no match anywhere, and its windows are not searched.
        boolean formerly = anyBracketBefore(text, brackets, c -> c == '前' || c == '原' || c == 'f');
        boolean latinAfter = anyBracketBefore(text, brackets, c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z');
        boolean hanAfter = anyBracketBefore(text, brackets, AliasLearner::isHanOrDot);
        for (java.util.regex.MatchResult m : formerly ? around(FORMERLY, text, brackets, 40) : List.<java.util.regex.MatchResult>of()) {
            add(out, m.group(1), m.group(2), "org");
        }
        for (java.util.regex.MatchResult m : latinAfter ? around(HAN_LATIN, text, brackets, 24) : List.<java.util.regex.MatchResult>of()) {
            String han = trimHan(m.group(1));
            String latin = m.group(2).strip();
            if (han != null && !isAcronym(latin) && !latin.matches("(?i)(formerly.*|[A-Z]{2,5}-[A-Z]{2})")) {
                add(out, han, latin, han.contains("·") ? "person" : "org");
            }
        }
        for (java.util.regex.MatchResult m : hanAfter ? around(LATIN_HAN, text, brackets, 160) : List.<java.util.regex.MatchResult>of()) {
            String latin = m.group(1).strip();
            String han = trimHan(m.group(2));
            if (han != null && !isAcronym(latin)) {
                add(out, latin, han, "org");
            }
        }
        return out;
    }

    private static final int AFTER_BRACKET = 64;

    /**
     * Whether an opening bracket is followed, after the spaces {@code \s*} allows, by a code point {@code first}
     * accepts. The expressions' second groups cannot start with a space, so a match always has such a bracket.
     */
    private static boolean anyBracketBefore(String text, List<Integer> brackets, java.util.function.IntPredicate first) {
        for (int b : brackets) {
            int j = b + 1;
            while (j < text.length() && isRegexSpace(text.charAt(j))) {
                j++;
            }
            if (j < text.length() && first.test(text.codePointAt(j))) {
                return true;
            }
        }
        return false;
    }

    /** What {@code \s} matches without {@link Pattern#UNICODE_CHARACTER_CLASS}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isHanOrDot(int c) {
        return c == '·' || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static List<Integer> brackets(String text) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '（') {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The matches of {@code p} that hold one of the brackets, as a scan of the whole text finds them (leftmost first,
     * none overlapping the one before), searched only in a window around each bracket: a long article with one
     * bracket is not scanned character by character by expressions that start with a run of letters.
     */
    private static List<java.util.regex.MatchResult> around(Pattern p, String text, List<Integer> brackets, int before) {
        java.util.TreeMap<Integer, java.util.regex.MatchResult> found = new java.util.TreeMap<>();
        // Every expression here begins with a capital letter or a Chinese character: it is tried only there.
        java.util.function.IntPredicate starts = p == HAN_LATIN
                ? c -> c == '·' || Character.isSurrogate((char) c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                : c -> c >= 'A' && c <= 'Z';
        for (int b : brackets) {
            Scan m = new Scan(p, text, starts, Math.max(0, b - before), Math.min(text.length(), b + AFTER_BRACKET));
            while (m.find()) {
                found.putIfAbsent(m.start(), m.toMatchResult());
            }
        }
        List<java.util.regex.MatchResult> out = new ArrayList<>();
        int end = -1;
        for (java.util.regex.MatchResult r : found.values()) {
            if (r.start() >= end) {
                out.add(r);
                end = r.end();
            }
        }
        return out;
    }

    /** Renaming said in running text; the regular expressions run only when a trigger word is there. */
    private static void learnRenaming(String text, List<Alias> out) {
        if (text.contains("formerly") || text.contains("previously") || text.contains("once ")) {
            Matcher m = FORMERLY_PROSE.matcher(text);
            while (m.find()) {
                addName(out, m.group(1), m.group(2));
            }
        }
        if (text.contains("now ") || text.contains("renamed")) {
            Matcher m = NOW_PROSE.matcher(text);
            while (m.find()) {
                addName(out, m.group(1), m.group(2));
            }
        }
        if (text.contains("前身") || text.contains("原名") || text.contains("旧称") || text.contains("舊稱")) {
            Matcher m = FORMERLY_HAN_PROSE.matcher(text);
            while (m.find()) {
                String a = m.group(1).codePoints().anyMatch(Character::isIdeographic) ? trimHan(m.group(1)) : m.group(1);
                if (a != null) {
                    addName(out, a, m.group(2));
                }
            }
        }
    }

    /** Two names of one organisation, unless one is a word that starts sentences rather than a name. */
    private static void addName(List<Alias> out, String a, String b) {
        if (!COMMON_WORDS.contains(a) && !COMMON_WORDS.contains(b)) {
            add(out, a, b, "org");
        }
    }

    /** Capitalised words that start sentences, not names. */
    private static final java.util.Set<String> COMMON_WORDS = java.util.Set.of("The", "It", "This", "That", "He", "She",
            "They", "We", "Its", "A", "An", "And", "But", "In", "On", "At", "As", "Now", "Once", "Then");

    private static void add(List<Alias> out, String a, String b, String type) {
        String fa = Script.fold(a.strip());
        String fb = Script.fold(b.strip());
        boolean oneLetterName = fa.length() == 1 && Character.isLetter(fa.charAt(0)) && fb.length() >= 3; // X, formerly Twitter
        if ((fa.length() >= 2 || oneLetterName) && fb.length() >= 1 && !fa.equals(fb)) {
            out.add(new Alias(fa, fb, type));
        }
    }

    private static String trimHan(String run) {
        Matcher f = FUNCTION_CHARS.matcher(run);
        int cut = 0;
        while (f.find()) {
            cut = f.end();
        }
        String name = run.substring(cut);
        return name.length() >= 2 && name.length() <= 8 ? name : null;
    }

    private static boolean isAcronym(String s) {
        return s.matches("[A-Z]{1,4}");
    }
}
