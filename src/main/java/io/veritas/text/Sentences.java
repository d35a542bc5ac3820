package io.veritas.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits cleaned text into sentences with offsets. A line break always ends a sentence; so do {@code 。！？!?}
 * (with any closing quote or bracket) and a full stop followed by space and a capital, digit or Chinese
 * character, unless the word before it is a known abbreviation or an initial.
 */
public final class Sentences {
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "inc", "co", "corp", "ltd",
            "jr", "sr", "st", "vs", "etc", "e.g", "i.e", "no", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig");

    private Sentences() {
    }

    public static List<Span> split(String text) {
        List<Span> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int end = -1;
            if (c == '\n') {
                end = i;
            } else if (c == '。' || c == '！' || c == '？' || c == '!' || c == '?') {
                end = closeQuotes(text, i + 1);
            } else if (c == '.' && isEnglishStop(text, i)) {
                end = closeQuotes(text, i + 1);
            }
            if (end >= 0) {
                add(out, text, start, end);
                start = end;
                i = Math.max(i, end - 1);
            }
        }
        add(out, text, start, n);
        return out;
    }

    private static int closeQuotes(String text, int i) {
        while (i < text.length() && "”’\"」』）)】".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isEnglishStop(String text, int dot) {
        int next = dot + 1;
        if (next < text.length() && "\"”’)".indexOf(text.charAt(next)) >= 0) {
            next++;
        }
        if (next >= text.length()) {
            return true;
        }
        if (text.charAt(next) != ' ') {
            return false;
        }
        while (next < text.length() && text.charAt(next) == ' ') {
            next++;
        }
        if (next >= text.length()) {
            return true;
        }
        char after = text.charAt(next);
        if (!(Character.isUpperCase(after) || Character.isDigit(after) || Script.isHan(after) || after == '"' || after == '“')) {
            return false;
        }
        int w = dot;
        while (w > 0 && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(java.util.Locale.ROOT);
        boolean afterSpace = w == 0 || Character.isWhitespace(text.charAt(w - 1));
        if (word.length() == 1 && Character.isUpperCase(text.charAt(w)) && afterSpace) {
            return false; // an initial such as "J. Smith"
        }
        return !ABBREVIATIONS.contains(word);
    }

    private static void add(List<Span> out, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new Span(start, end));
        }
    }
}
