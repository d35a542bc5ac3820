package io.veritas.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The general Chinese–English dictionary CC-CEDICT (about 124,000 headwords in both scripts with Pinyin and English
 * senses; CC BY-SA 4.0, MDBG and the CC-CEDICT contributors), read once from the jar
 * ({@code io/veritas/dict/cedict.tsv.gz}, built by {@code tools/cedict/build.sh}).
 *
 * <p>It answers three questions for cross-language search:
 * <ul>
 *   <li>{@link #senses}: the English senses of a Chinese word (any script);</li>
 *   <li>{@link #headwords}: the Chinese words (Simplified) that have an English word or phrase as a sense, each with a
 *       weight for how central that sense is to the word (its first sense counts most);</li>
 *   <li>{@link #byPinyin} and {@link #nameCharacters}: proper nouns by their toneless Pinyin ("shenzhen" → 深圳) and
 *       the characters names most often use for a syllable, for names the dictionary does not hold.</li>
 * </ul>
 * English keys are made by the caller's analysis (lower case, stems, stop words removed), passed in as
 * {@link KeyMaker}, so that dictionary phrases and query words meet in the same form.
 */
public final class Cedict {
    /** How English text becomes the key of a sense: the words of the passage analysis, joined by spaces. */
    @FunctionalInterface
    public interface KeyMaker {
        String key(String english);
    }

    /** A Chinese word for an English key, Simplified, with how central the sense is (1 = the word's first sense). */
    public record Headword(String simplified, float weight) {
    }

    /** An English sense may be a phrase of at most this many words to become a key ("speed skating", "salt lake"). */
    public static final int MAX_KEY_WORDS = 4;
    private static final String RESOURCE = "/io/veritas/dict/cedict.tsv.gz";
    private static final Pattern BRACKETS = Pattern.compile("\\([^()]*\\)|\\[[^\\]]*]");
    private static final Pattern PIECES = Pattern.compile("\\s*(?:[;,]|\\bor\\b)\\s*");
    private static final Pattern COMMA = Pattern.compile("\\s*[;,]\\s*");
    private static final Pattern OR = Pattern.compile("\\s+or\\s+");
    /** A Western person's name: two or three capitalised words, the family name last and of four letters or more. */
    private static final Pattern PERSON = Pattern.compile("\\p{Lu}[\\p{L}.'-]+(?: \\p{Lu}[\\p{L}.'-]+)? \\p{Lu}\\p{Ll}{3,}");
    private static final Pattern LEADING = Pattern.compile("^(?:to|a|an|the|one's|sb's|sb|sth)\\s+");
    /** Senses that only point elsewhere or describe grammar: no translation in them. */
    private static final Pattern NOT_A_TRANSLATION = Pattern.compile(
            "^(?:(?:old |archaic |euphemistic |erroneous )?variant of|see |see also|CL:|used in|abbr\\. for|surname |"
                    + "classifier for|(?:Japanese|Korean) variant|also written|also pr\\.|pr\\.|interjection|particle)",
            Pattern.CASE_INSENSITIVE);

    /** "see 西藏自治區|西藏自治区[Xi1 zang4 Zi4 zhi4 qu1]": group 1 is the Simplified form pointed to. */
    private static final Pattern SEE = Pattern.compile("see (?:also )?(?:[^|\\[]+\\|)?([^|\\[\\s]+)\\[");
    /** Generic words a place, era or body ends with: the name is known without them too. */
    private static final Pattern GENERIC_END = Pattern.compile("\\s+(?:autonomous region|autonomous prefecture|"
            + "province|county|city|municipality|prefecture|district|river|mountains?|range|lake|sea|island|islands|"
            + "desert|plateau|basin|strait|bay|dynasty|kingdom|empire|period|temple|palace|university|company|party)$",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, List<String>> senses;
    private final Map<String, List<Headword>> headwords;
    private final Map<String, List<String>> byPinyin;
    private final Map<String, List<String>> nameCharacters;
    private final Map<Character, String> readings;

    private Cedict(Map<String, List<String>> senses, Map<String, List<Headword>> headwords, Map<String, List<String>> byPinyin,
                   Map<String, List<String>> nameCharacters, Map<Character, String> readings) {
        this.senses = senses;
        this.headwords = headwords;
        this.byPinyin = byPinyin;
        this.nameCharacters = nameCharacters;
        this.readings = readings;
    }

    /** The English senses of a Chinese word in either script, the first sense first; empty when it is not a headword. */
    public List<String> senses(String chinese) {
        return senses.getOrDefault(Script.fold(chinese), List.of());
    }

    /** The Chinese words with {@code key} (made by the same {@link KeyMaker}) as a sense, the most central first. */
    public List<Headword> headwords(String key) {
        return headwords.getOrDefault(key, List.of());
    }

    /** Proper nouns whose toneless Pinyin, syllables run together, is {@code pinyin} ("xinhai" → 辛亥), shortest first. */
    public List<String> byPinyin(String pinyin) {
        return byPinyin.getOrDefault(pinyin.toLowerCase(Locale.ROOT), List.of());
    }

    /** The characters (Simplified) that names write most often for a toneless syllable ("bo" → 波, 博, 伯…), best first. */
    public List<String> nameCharacters(String syllable) {
        return nameCharacters.getOrDefault(syllable, List.of());
    }

    /** Whether {@code s} is a toneless Pinyin syllable that some character is read as. */
    public boolean isSyllable(String s) {
        return nameCharacters.containsKey(s);
    }

    /**
     * A word of Latin letters cut into Pinyin syllables ("qiaobo" → qiao, bo), preferring fewer and longer
     * syllables; empty when it cannot be read as Pinyin.
     */
    public List<String> syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace("'", "").replace('ü', 'u').replace('v', 'u');
        int n = w.length();
        int[] count = new int[n + 1];
        int[] cut = new int[n + 1];
        java.util.Arrays.fill(count, Integer.MAX_VALUE);
        count[0] = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] == Integer.MAX_VALUE) {
                continue;
            }
            for (int len = Math.min(6, n - i); len >= 1; len--) {
                if (isSyllable(w.substring(i, i + len)) && count[i] + 1 < count[i + len]) {
                    count[i + len] = count[i] + 1;
                    cut[i + len] = i;
                }
            }
        }
        if (n == 0 || count[n] == Integer.MAX_VALUE) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int end = n; end > 0; end = cut[end]) {
            out.add(w.substring(cut[end], end));
        }
        Collections.reverse(out);
        return out;
    }

    /** The toneless Pinyin of a Chinese character as names read it most often; null when the dictionary has none. */
    public String reading(char c) {
        return readings.get(Script.foldChar(c));
    }

    /**
     * The translations a sense holds: its pieces (split at ";", "," and "or"), brackets and a leading "to" or
     * article removed, of at most {@link #MAX_KEY_WORDS} words; none for a sense that only points elsewhere.
     */
    public static List<String> pieces(String sense) {
        if (NOT_A_TRANSLATION.matcher(sense).lookingAt()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String piece : PIECES.split(BRACKETS.matcher(sense).replaceAll(" ").strip())) {
            String p = LEADING.matcher(piece.strip()).replaceFirst("").strip();
            if (!p.isEmpty() && words(p) <= MAX_KEY_WORDS) {
                out.add(p);
            }
        }
        return out;
    }

    /** The dictionary in the jar, read on first use (about a second) and shared. */
    public static Cedict get(KeyMaker keys) {
        return Holder.of(keys);
    }

    private static final class Holder {
        private static volatile Cedict instance;
        private static volatile KeyMaker madeWith;

        static Cedict of(KeyMaker keys) {
            Cedict c = instance;
            if (c != null && madeWith == keys) {
                return c;
            }
            synchronized (Holder.class) {
                if (instance == null || madeWith != keys) {
                    instance = load(keys);
                    madeWith = keys;
                }
                return instance;
            }
        }
    }

    static Cedict load(KeyMaker keys) {
        Map<String, List<String>> senses = new HashMap<>();
        Map<String, Map<String, Float>> heads = new HashMap<>();
        Map<String, Set<String>> pinyin = new HashMap<>();
        Map<String, Map<String, Integer>> nameChars = new HashMap<>();
        Map<Character, Map<String, Integer>> charReadings = new HashMap<>();
        List<String[]> references = new ArrayList<>();
        try (InputStream in = Cedict.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dictionary " + RESOURCE + " is missing from the jar: rebuild it with tools/cedict/build.sh");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 4) {
                    continue;
                }
                String simplified = Script.fold(f[1]);
                String[] syllables = toneless(f[2]);
                boolean proper = !f[2].isEmpty() && Character.isUpperCase(f[2].charAt(0));
                List<String> list = List.of(f[3].split("/"));
                for (String form : new String[]{Script.fold(f[0]), simplified}) {
                    senses.computeIfAbsent(form, k -> new ArrayList<>()).addAll(list);
                }
                boolean aligned = syllables.length == simplified.length();
                if (aligned) {
                    for (int i = 0; i < syllables.length; i++) {
                        char c = simplified.charAt(i);
                        if (Script.isHan(c)) {
                            charReadings.computeIfAbsent(c, k -> new HashMap<>()).merge(syllables[i], 1, Integer::sum);
                            if (proper) {
                                nameChars.computeIfAbsent(syllables[i], k -> new HashMap<>()).merge(String.valueOf(c), 1, Integer::sum);
                            }
                        }
                    }
                    if (proper && simplified.length() >= 2 && simplified.codePoints().allMatch(Script::isHan)) {
                        pinyin.computeIfAbsent(String.join("", syllables), k -> new TreeSet<>(BY_LENGTH)).add(simplified);
                    }
                }
                if (simplified.length() < 2 || !simplified.codePoints().allMatch(Script::isHan)) {
                    continue; // one character is no word of the bigram index; mixed headwords (3D打印) are rare in questions
                }
                Matcher see = SEE.matcher(f[3]);
                if (list.size() == 1 && see.lookingAt()) {
                    references.add(new String[]{simplified, Script.fold(see.group(1)), proper ? "p" : ""});
                    continue;
                }
                keySenses(list, simplified, proper, 1f, keys, heads);
            }
            // "西藏: see 西藏自治区": the short form means what the entry it points to means, a little less surely.
            for (String[] ref : references) {
                keySenses(senses.getOrDefault(ref[1], List.of()), ref[0], !ref[2].isEmpty(), 0.9f, keys, heads);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dictionary " + RESOURCE, e);
        }
        Map<String, List<Headword>> headwords = new HashMap<>(heads.size() * 2);
        heads.forEach((key, m) -> {
            List<Headword> l = new ArrayList<>();
            m.forEach((word, w) -> l.add(new Headword(word, w)));
            l.sort((a, b) -> a.weight() != b.weight() ? Float.compare(b.weight(), a.weight()) : a.simplified().compareTo(b.simplified()));
            headwords.put(key, List.copyOf(l));
        });
        Map<String, List<String>> byPinyin = new HashMap<>();
        pinyin.forEach((k, v) -> byPinyin.put(k, List.copyOf(v)));
        Map<String, List<String>> names = new TreeMap<>();
        nameChars.forEach((syllable, counts) -> {
            if (voiced(syllable)) {
                names.put(syllable, ranked(counts, 12));
            }
        });
        for (Map<String, Integer> m : charReadings.values()) {
            for (String s : m.keySet()) {
                if (voiced(s)) {
                    names.putIfAbsent(s, List.of()); // every syllable parses, even one no name uses
                }
            }
        }
        Map<Character, String> readings = new HashMap<>();
        charReadings.forEach((c, counts) -> readings.put(c, ranked(counts, 1).get(0)));
        return new Cedict(senses, headwords, byPinyin, names, readings);
    }

    /**
     * The English keys of a headword's senses. A proper noun's sense names it first and then describes it ("Yadong
     * county in Shigatse, Tibet"): only the name is a translation, and a name ending in a generic word is also
     * known without it ("Qinling mountains", "Tang dynasty", "Tibet Autonomous Region").
     */
    private static void keySenses(List<String> list, String simplified, boolean proper, float scale, KeyMaker keys,
                                  Map<String, Map<String, Float>> heads) {
        for (int i = 0; i < list.size(); i++) {
            String sense = list.get(i);
            if (NOT_A_TRANSLATION.matcher(sense).lookingAt()) {
                continue;
            }
            String bare = BRACKETS.matcher(sense).replaceAll(" ").strip();
            String[] pieces = PIECES.split(bare);
            if (proper && pieces.length > 1) { // the name, and its other spellings: "Beckenham or Beckham"
                pieces = OR.split(COMMA.split(bare, 2)[0]);
            }
            for (String piece : pieces) {
                String p = LEADING.matcher(piece.strip()).replaceFirst("").strip();
                if (p.isEmpty() || words(p) > MAX_KEY_WORDS) {
                    continue;
                }
                // The first sense names what the word means; later ones and pieces of a longer sense less so.
                float w = scale * (1f / (1 + i)) * (pieces.length == 1 ? 1f : 0.7f);
                addKey(keys.key(p), simplified, w, heads);
                Matcher generic = GENERIC_END.matcher(p);
                if (proper && generic.find() && generic.start() > 0) {
                    addKey(keys.key(p.substring(0, generic.start())), simplified, 0.8f * w, heads);
                } else if (proper && PERSON.matcher(p).matches()) { // "Elon Musk": English text says "Musk"
                    addKey(keys.key(p.substring(p.lastIndexOf(' ') + 1)), simplified, 0.8f * w, heads);
                }
            }
        }
    }

    private static void addKey(String key, String simplified, float w, Map<String, Map<String, Float>> heads) {
        if (!key.isEmpty()) {
            heads.computeIfAbsent(key, k -> new HashMap<>()).merge(simplified, w, Math::max);
        }
    }

    private static final java.util.Comparator<String> BY_LENGTH = java.util.Comparator.comparingInt(String::length)
            .thenComparing(java.util.Comparator.naturalOrder());

    private static List<String> ranked(Map<String, Integer> counts, int max) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(max).map(Map.Entry::getKey).toList();
    }

    /** "Shen1 zhen4" → shen, zhen ("lu:4" → lu). */
    static String[] toneless(String pinyin) {
        String[] s = pinyin.toLowerCase(Locale.ROOT).split(" ");
        for (int i = 0; i < s.length; i++) {
            StringBuilder b = new StringBuilder(s[i].length());
            for (int k = 0; k < s[i].length(); k++) {
                char c = s[i].charAt(k);
                if (c != ':' && (c < '0' || c > '9')) {
                    b.append(c);
                }
            }
            s[i] = b.toString();
        }
        return s;
    }

    private static int words(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            n += !space && !in ? 1 : 0;
            in = !space;
        }
        return n;
    }

    /** A syllable has a vowel: not the bare "r", "m", "ng" a few characters are read as. */
    private static boolean voiced(String syllable) {
        for (int i = 0; i < syllable.length(); i++) {
            if ("aeiou".indexOf(syllable.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
