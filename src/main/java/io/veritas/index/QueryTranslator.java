package io.veritas.index;

import io.veritas.text.Cedict;
import io.veritas.text.Script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dictionary-based query translation (CC-CEDICT, {@link Cedict}) for words the domain lexicon does not cover, as
 * structured queries in the sense of Pirkola (SIGIR 1998): every translation of one source word or phrase is one
 * {@link Translation}, and the search scores a passage by the best of them, so a word with ten translations counts
 * no more than a word with one, and the rarer translation that matches scores higher by its own IDF.
 *
 * <ul>
 *   <li>English → Chinese: the longest run of query words (up to four) that a dictionary sense spells, after the
 *       passage analysis (stems, stop words), so "speed skating" → 速滑 before "speed" and "skating" alone;</li>
 *   <li>names the dictionary does not hold, written in Pinyin ("Ye Qiaobo"): the characters names most often use for
 *       each syllable, as every pair of neighbouring syllables (a Chinese bigram), and proper nouns whose Pinyin is
 *       the word ("Shenzhen" → 深圳);</li>
 *   <li>Chinese → English: the English senses of each dictionary word of the query, and the Pinyin of a word the
 *       dictionary does not know (a Chinese name, as English text spells it).</li>
 * </ul>
 */
final class QueryTranslator {
    /** At most this many translations of one source word: the dictionary's most central senses. */
    static final int MAX_TARGETS = 8;
    /** At most this many characters tried for one syllable of a name. */
    static final int NAME_CHARACTERS = 8;
    /**
     * Dictionary senses and query words meet as keys: lower case, English stop words dropped, Snowball (Porter2)
     * stems, which keep "using" and "us" apart where the passage analysis's Porter stems do not.
     */
    static final Cedict.KeyMaker KEYS = QueryTranslator::key;
    private static final Pattern KEY_WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?");
    private static final org.apache.lucene.analysis.CharArraySet STOP = org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    private static final ThreadLocal<org.tartarus.snowball.ext.EnglishStemmer> STEMMER =
            ThreadLocal.withInitial(org.tartarus.snowball.ext.EnglishStemmer::new);

    static String key(String english) {
        StringBuilder key = new StringBuilder();
        Matcher m = KEY_WORD.matcher(english.toLowerCase(java.util.Locale.ROOT));
        org.tartarus.snowball.ext.EnglishStemmer stemmer = STEMMER.get();
        while (m.find()) {
            String w = m.group();
            if (w.endsWith("'s")) {
                w = w.substring(0, w.length() - 2);
            }
            if (w.isEmpty() || STOP.contains(w) || QUESTION_WORDS.contains(w)) {
                continue;
            }
            stemmer.setCurrent(w);
            stemmer.stem();
            key.append(key.isEmpty() ? "" : " ").append(stemmer.getCurrent());
        }
        return key.toString();
    }

    /** Words that ask rather than say: never translated. */
    private static final java.util.Set<String> QUESTION_WORDS = java.util.Set.of("what", "how", "much", "many", "does",
            "did", "do", "is", "was", "its", "who", "whom", "whose", "when", "which", "why", "where", "has", "have", "had",
            // and words that hold an English sentence together: their dictionary senses are mostly other things
            "about", "also", "very", "too", "so", "than", "would", "could", "should", "can", "may", "might", "must",
            "according", "any", "some", "other", "just", "only", "even", "still",
            "yet", "ever", "been", "being", "were", "are", "am", "from", "what's", "whats");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z'’-]*");

    private final java.util.function.Supplier<Cedict> source;
    private Cedict dictionary;

    private QueryTranslator(java.util.function.Supplier<Cedict> source) {
        this.source = source;
    }

    /**
     * The dictionary in the jar, read when the first query is translated (two to three seconds, once per process):
     * commands that never search, such as {@code ingest}, never pay for it.
     */
    static QueryTranslator standard() {
        return new QueryTranslator(() -> Cedict.get(KEYS));
    }

    /** Reads the dictionary and the segmenter now, so that the first question does not wait for them. */
    void load() {
        translate("warm 预热", new boolean[8]);
    }

    /**
     * The translations of the words of {@code query} outside {@code covered} (spans the domain lexicon or an
     * entity name already carries across), in query order.
     */
    List<Translation> translate(String query, boolean[] covered) {
        if (dictionary == null) {
            dictionary = source.get(); // a benign race: every thread gets the same shared dictionary
        }
        List<Translation> out = new ArrayList<>();
        english(query, covered, out);
        chinese(query, covered, out);
        return out;
    }

    private record Word(String text, int start, int end, boolean capital) {
    }

    private void english(String query, boolean[] covered, List<Translation> out) {
        List<Word> words = new ArrayList<>();
        Matcher m = LATIN_WORD.matcher(query);
        while (m.find()) {
            if (!covered(covered, m.start(), m.end())) {
                String w = m.group().replace('’', '\'');
                words.add(new Word(w, m.start(), m.end(), Character.isUpperCase(w.charAt(0))));
            } else {
                words.add(null); // a covered word breaks phrases
            }
        }
        for (int i = 0; i < words.size(); ) {
            if (words.get(i) == null) {
                i++;
                continue;
            }
            if (pinyinRun(words, i) >= 2) { // "Ye Qiaobo": a name before it is "yes" and a bridge
                i += name(words, i, out);
                continue;
            }
            int taken = phrase(words, i, out);
            if (taken > 0) {
                i += taken;
                continue;
            }
            int names = name(words, i, out);
            i += Math.max(1, names);
        }
    }

    /**
     * The headwords whose senses spell the query's words exactly, when there are any: a stem joins "compute" and
     * "computer", and the words the dictionary gives for "to compute" (计算) are the ones meant, not 电脑.
     */
    private List<Cedict.Headword> exactFirst(List<Cedict.Headword> heads, String words) {
        String lower = words.toLowerCase(java.util.Locale.ROOT);
        String stem = key(lower);
        // Only a word in its base form: senses are written that way ("to use", not "using"), so an inflected word
        // that a sense spells exactly is an odd entry (就着, "using").
        boolean base = !lower.contains(" ") && lower.startsWith(stem) && lower.length() - stem.length() <= 1;
        if (heads.size() < 2 || !base) {
            return heads;
        }
        Pattern exact = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(lower) + "(?![\\p{L}])");
        List<Cedict.Headword> out = heads.stream().filter(h -> dictionary.senses(h.simplified()).stream()
                .anyMatch(sense -> exact.matcher(sense.toLowerCase(java.util.Locale.ROOT)).find())).toList();
        return out.isEmpty() ? heads : out;
    }

    /** How many capitalised words from {@code i} on read as Pinyin. */
    private int pinyinRun(List<Word> words, int i) {
        int j = i;
        while (j < words.size() && words.get(j) != null && words.get(j).capital() && !dictionary.syllables(words.get(j).text()).isEmpty()) {
            j++;
        }
        return j - i;
    }

    /** The longest run of words from {@code i} that is a dictionary sense, as one translation; the words taken. */
    private int phrase(List<Word> words, int i, List<Translation> out) {
        for (int n = Math.min(Cedict.MAX_KEY_WORDS, words.size() - i); n >= 1; n--) {
            StringBuilder text = new StringBuilder();
            boolean whole = true;
            for (int k = i; k < i + n; k++) {
                if (words.get(k) == null) {
                    whole = false;
                    break;
                }
                text.append(k > i ? " " : "").append(words.get(k).text());
            }
            if (!whole) {
                continue;
            }
            String key = KEYS.key(text.toString());
            if (key.isEmpty()) {
                if (n == 1) {
                    return 1; // a stop word: nothing to translate
                }
                continue;
            }
            if (n > 1 && !key.contains(" ")) {
                continue; // stop words inside the run: its single word is tried on its own
            }
            List<Cedict.Headword> heads = exactFirst(dictionary.headwords(key), text.toString());
            if (!heads.isEmpty()) {
                Map<String, Float> targets = common(heads);
                if (words.get(i).capital() && n == 1) {
                    for (String p : dictionary.byPinyin(words.get(i).text())) {
                        targets.putIfAbsent(p, 1f); // "Tang" is a dynasty before it is soup
                    }
                }
                out.add(Translation.of(text.toString(), targets));
                return n;
            }
        }
        return 0;
    }

    /**
     * A run of capitalised words that read as Pinyin ("Wanyan Zongbi") as a name: proper nouns spelled so, and
     * every pair of neighbouring syllables as the characters names use for them. The words taken, 0 if none.
     */
    private int name(List<Word> words, int i, List<Translation> out) {
        int j = i;
        List<String> syllables = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (j < words.size() && words.get(j) != null && words.get(j).capital()) {
            List<String> s = dictionary.syllables(words.get(j).text());
            if (s.isEmpty()) {
                break;
            }
            syllables.addAll(s);
            text.append(j > i ? " " : "").append(words.get(j).text());
            j++;
        }
        if (j == i || syllables.size() < 2) {
            return 0;
        }
        if (j - i == 1 && !dictionary.byPinyin(words.get(i).text()).isEmpty()) {
            Map<String, Float> targets = new LinkedHashMap<>(); // a proper noun the dictionary spells so: "Qinling"
            dictionary.byPinyin(words.get(i).text()).stream().limit(MAX_TARGETS).forEach(p -> targets.put(p, 1f));
            out.add(Translation.of(words.get(i).text(), targets));
            return 1;
        }
        for (int k = 0; k + 1 < syllables.size(); k++) {
            List<String> a = dictionary.nameCharacters(syllables.get(k));
            List<String> b = dictionary.nameCharacters(syllables.get(k + 1));
            Map<String, Float> targets = new LinkedHashMap<>();
            for (int x = 0; x < Math.min(NAME_CHARACTERS, a.size()); x++) {
                for (int y = 0; y < Math.min(NAME_CHARACTERS, b.size()); y++) {
                    // the characters names use most for both syllables first
                    targets.putIfAbsent(a.get(x) + b.get(y), 1f / (1 + 0.25f * (x + y)));
                }
            }
            if (!targets.isEmpty()) {
                out.add(Translation.of(text + " (" + syllables.get(k) + " " + syllables.get(k + 1) + ")", targets));
            }
        }
        return j - i;
    }

    /**
     * The {@link #MAX_TARGETS} translations most likely meant: the dictionary's weight for the sense times how common
     * the word is in Chinese text (log frequency in HanLP's core dictionary, relative to the most common
     * candidate), so 世界 comes before 人寰 for "world". Weights are relative to the best (1).
     */
    private static Map<String, Float> common(List<Cedict.Headword> heads) {
        Map<String, Float> scored = new LinkedHashMap<>();
        double maxLog = 0;
        for (Cedict.Headword h : heads) {
            maxLog = Math.max(maxLog, Math.log(2 + frequency(h.simplified())));
        }
        for (Cedict.Headword h : heads) {
            scored.merge(h.simplified(), (float) (h.weight() * Math.log(2 + frequency(h.simplified())) / maxLog), Math::max);
        }
        List<Map.Entry<String, Float>> ranked = new ArrayList<>(scored.entrySet());
        ranked.sort(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Float> out = new LinkedHashMap<>();
        float best = ranked.get(0).getValue();
        for (Map.Entry<String, Float> e : ranked.subList(0, Math.min(MAX_TARGETS, ranked.size()))) {
            out.put(e.getKey(), e.getValue() / best);
        }
        return out;
    }

    private static int frequency(String word) {
        return Math.max(0, com.hankcs.hanlp.dictionary.CoreDictionary.getTermFrequency(word));
    }

    /**
     * Chinese words of the query with their English senses (at most {@link #MAX_TARGETS}, pieces of up to four
     * words, the first sense weighing most); a name the dictionary lacks by its Pinyin, as English text writes a
     * Chinese name: the surname apart, the given name run together ("叶乔波" → ye qiaobo), a place or a transliterated
     * foreign name in one piece ("汉森" → hansen). Words that only hold a sentence together (particles,
     * prepositions, pronouns, numbers) are not translated.
     */
    private void chinese(String query, boolean[] covered, List<Translation> out) {
        if (query.codePoints().noneMatch(Script::isHan)) {
            return;
        }
        String folded = Script.fold(query);
        for (com.hankcs.hanlp.seg.common.Term t : SEGMENT.get().seg(folded)) {
            String w = t.word;
            String nature = t.nature == null ? "" : t.nature.toString();
            // A Chinese word is left to the lexicon only when the lexicon covers all of it: its cue 轮 inside 涡轮机
            // (turbine) does not make the word a funding round.
            if (w.codePoints().noneMatch(Script::isHan) || whollyCovered(covered, t.offset, t.offset + w.length())
                    || !CONTENT.matcher(nature).lookingAt()) {
                continue;
            }
            if (w.length() < 2) {
                continue; // one character has too many senses, and is often a piece of a name the segmenter missed
            }
            Map<String, Float> targets = senses(w);
            if (!targets.isEmpty()) {
                out.add(Translation.of(w, targets));
                continue;
            }
            List<String> parts = dictionaryWords(w);
            if (!parts.isEmpty()) { // "肯尼亚田协": 肯尼亚 and what is left
                parts.forEach(part -> out.add(Translation.of(part, senses(part))));
                continue;
            }
            String pinyin = pinyin(w, nature.startsWith("nr") && !nature.equals("nrf"));
            if (pinyin != null) {
                out.add(Translation.of(w, Map.of(pinyin, 1f)));
            }
        }
    }

    /** The English senses of a dictionary word as translations, the first sense weighing most. */
    private Map<String, Float> senses(String word) {
        Map<String, Float> targets = new LinkedHashMap<>();
        List<String> senses = dictionary.senses(word);
        for (int i = 0; i < senses.size() && targets.size() < MAX_TARGETS; i++) {
            for (String piece : Cedict.pieces(senses.get(i))) {
                if (targets.size() < MAX_TARGETS) {
                    targets.putIfAbsent(piece, 1f / (1 + i));
                }
            }
        }
        // English text often names a thing by the head of the dictionary's phrase alone ("the observatory" for
        // 天文台, "astronomical observatory"): the last word, at half the phrase's weight.
        for (Map.Entry<String, Float> e : List.copyOf(targets.entrySet())) {
            String phrase = e.getKey();
            int space = phrase.lastIndexOf(' ');
            String head = space < 0 ? null : phrase.substring(space + 1);
            if (head != null && head.length() >= 4 && !key(head).isEmpty() && targets.size() < MAX_TARGETS + 4) {
                targets.putIfAbsent(head, e.getValue() / 2);
            }
        }
        return targets;
    }

    /** The dictionary words (two characters or more) a word the dictionary lacks is made of, longest first from the left. */
    private List<String> dictionaryWords(String word) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < word.length(); ) {
            int end = 0;
            for (int j = Math.min(word.length(), i + 8); j >= i + 2; j--) {
                if (!senses(word.substring(i, j)).isEmpty()) {
                    end = j;
                    break;
                }
            }
            if (end == 0) {
                i++;
            } else {
                parts.add(word.substring(i, end));
                i = end;
            }
        }
        return parts;
    }

    /** The natures (HanLP's part-of-speech tags) of words worth translating: nouns, verbs, adjectives, times, places. */
    private static final Pattern CONTENT = Pattern.compile("n|v|a|t|s|b|i|l|j|g|nr|ns|nt|nz|nx|vn|an|f");
    private static final ThreadLocal<com.hankcs.hanlp.seg.Segment> SEGMENT = ThreadLocal.withInitial(() ->
            com.hankcs.hanlp.HanLP.newSegment().enableNameRecognize(true).enablePlaceRecognize(true)
                    .enableOrganizationRecognize(true).enableTranslatedNameRecognize(true).enableOffset(true));

    /**
     * The toneless Pinyin of a word: a Chinese person's name as "surname given" ("ye qiaobo"), anything else run
     * together ("hansen"); null when a character has no reading.
     */
    private String pinyin(String word, boolean person) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            String r = dictionary.reading(word.charAt(i));
            if (r == null) {
                return null;
            }
            b.append(r);
            if (person && i == 0 && word.length() > 1) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    private static boolean whollyCovered(boolean[] covered, int start, int end) {
        for (int i = start; i < end && i < covered.length; i++) {
            if (!covered[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean covered(boolean[] covered, int start, int end) {
        for (int i = start; i < end && i < covered.length; i++) {
            if (covered[i]) {
                return true;
            }
        }
        return false;
    }
}
