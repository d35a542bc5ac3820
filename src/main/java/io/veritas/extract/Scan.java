package io.veritas.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Matcher#find} for an expression whose every match begins with one of a few characters: the expression is
 * tried only at those characters ({@link Matcher#lookingAt} on the rest of the text, bounds transparent so look-behinds
 * see before it), so a long text is not entered character by character by the regular-expression engine. It gives
 * exactly the matches {@code find} gives: find also tries each position in turn, leftmost first, and resumes after
 * the end of the match before; a match can only start where this tries one.
 */
final class Scan {
    private final Matcher m;
    private final String text;
    private final java.util.function.IntPredicate starts;
    private final int to;
    private int from;

    /**
     * @param starts the characters a match can begin with, beside the ASCII digits when {@code digits} (what
     *               {@code \d} matches without {@link Pattern#UNICODE_CHARACTER_CLASS})
     */
    Scan(Pattern p, String text, String starts, boolean digits) {
        this(p, text, digits ? c -> c >= '0' && c <= '9' || starts.indexOf(c) >= 0 : c -> starts.indexOf(c) >= 0, 0, text.length());
    }

    /** Matches within {@code [from, to)} (as {@code find} in that region with transparent bounds). */
    Scan(Pattern p, String text, java.util.function.IntPredicate starts, int from, int to) {
        this.m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        this.text = text;
        this.starts = starts;
        this.from = from;
        this.to = to;
    }

    boolean find() {
        for (int i = from; i < to; i++) {
            if (!starts.test(text.charAt(i))) {
                continue;
            }
            m.region(i, to);
            if (m.lookingAt()) {
                from = m.end() > i ? m.end() : i + 1;
                return true;
            }
        }
        from = to;
        return false;
    }

    java.util.regex.MatchResult toMatchResult() {
        return m.toMatchResult();
    }

    String group(int g) {
        return m.group(g);
    }

    int start() {
        return m.start();
    }

    int start(int g) {
        return m.start(g);
    }

    int end() {
        return m.end();
    }
}
