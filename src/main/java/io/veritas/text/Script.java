package io.veritas.text;

import com.ibm.icu.text.Transliterator;

import java.util.BitSet;

/**
 * Tells Simplified from Traditional Chinese and English, and folds Traditional to Simplified for matching.
 *
 * <p>Detection counts characters that exist in only one script. The two character sets are computed once from
 * ICU's own Traditional-Simplified transform over the CJK Unified Ideographs block, so they agree with the
 * folding used for matching.
 */
public final class Script {
    public static final String EN = "en";
    public static final String HANS = "zh-Hans";
    public static final String HANT = "zh-Hant";
    public static final String MIXED = "mixed";

    private static final class Tables {
        static final BitSet TRADITIONAL_ONLY = new BitSet(0x10000);
        static final BitSet SIMPLIFIED_ONLY = new BitSet(0x10000);
        static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
        /** Single-character Traditional to Simplified map for U+4E00..U+9FFF; 0 where the character stays. */
        static final char[] SIMPLIFIED_CHAR = new char[0x9FFF - 0x4E00 + 1];

        static {
            Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
            for (int c = 0x4E00; c <= 0x9FFF; c++) {
                String s = String.valueOf((char) c);
                String simplified = TO_SIMPLIFIED.transliterate(s);
                if (!simplified.equals(s)) {
                    TRADITIONAL_ONLY.set(c);
                    if (simplified.length() == 1) {
                        SIMPLIFIED_CHAR[c - 0x4E00] = simplified.charAt(0);
                    }
                }
                String traditional = toTraditional.transliterate(s);
                if (!traditional.equals(s)) {
                    SIMPLIFIED_ONLY.set(c);
                }
            }
        }
    }

    private Script() {
    }

    public static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Counts of the letters that decide the language of a piece of text. */
    public record Counts(int han, int traditional, int simplified, int latinLetters) {
        public String language() {
            if (han == 0 && latinLetters == 0) {
                return EN;
            }
            // A Chinese character carries about as much as a short English word.
            boolean chinese = han * 3 >= latinLetters;
            if (!chinese) {
                return EN;
            }
            return traditional > simplified ? HANT : HANS;
        }

        /**
         * Like {@link #language()}, but {@code mixed} when the text holds a substantial share of both Chinese and
         * English (a bilingual digest): about three Latin letters weigh as much as one Chinese character.
         */
        public String languageOrMixed() {
            double zh = han;
            double en = latinLetters / 3.0;
            if (zh >= 30 && en >= 30 && Math.min(zh, en) / Math.max(zh, en) >= 0.35) {
                return MIXED;
            }
            return language();
        }
    }

    public static Counts count(CharSequence text, int start, int end) {
        int han = 0;
        int trad = 0;
        int simp = 0;
        int latin = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    latin++;
                }
            } else if (c >= 0x3400 && c <= 0x9FFF) {
                han++;
                if (Tables.TRADITIONAL_ONLY.get(c)) {
                    trad++;
                } else if (Tables.SIMPLIFIED_ONLY.get(c)) {
                    simp++;
                }
            }
        }
        return new Counts(han, trad, simp, latin);
    }

    /** The language of the text: {@code en}, {@code zh-Hans} or {@code zh-Hant}. */
    public static String detect(CharSequence text) {
        return count(text, 0, text.length()).language();
    }

    /** Traditional characters folded to Simplified; everything else unchanged. */
    public static String toSimplified(String text) {
        boolean any = false;
        for (int i = 0; i < text.length() && !any; i++) {
            any = Tables.TRADITIONAL_ONLY.get(text.charAt(i));
        }
        if (!any) {
            return text;
        }
        synchronized (Tables.TO_SIMPLIFIED) {
            return Tables.TO_SIMPLIFIED.transliterate(text);
        }
    }

    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");

    public static String toTraditional(String text) {
        synchronized (TO_TRADITIONAL) {
            return TO_TRADITIONAL.transliterate(text);
        }
    }

    /** Text in the given language's script: Traditional for {@code zh-Hant}, unchanged otherwise. */
    public static String inScriptOf(String language, String text) {
        return HANT.equals(language) ? toTraditional(text) : text;
    }

    /**
     * Folded for matching, character by character so offsets are kept: Traditional to Simplified and lower
     * case. Expects text that already went through {@link Normalizer#nfkc}.
     */
    public static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = foldChar(text.charAt(i));
        }
        return new String(out);
    }

    public static char foldChar(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (c >= 0x4E00 && c <= 0x9FFF) {
            char s = Tables.SIMPLIFIED_CHAR[c - 0x4E00];
            return s == 0 ? c : s;
        }
        char lower = Character.toLowerCase(c);
        return Character.isSurrogate(lower) ? c : lower;
    }
}
