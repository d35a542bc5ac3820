package io.veritas.extract;

import io.veritas.text.Script;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds lexicon cue words in folded text. Longer cues win where two overlap ("债务融资" over "融资"). English cues
 * match whole words or their inflections ("raise", "raised", "raising"), never a prefix ("invest" is not found in
 * "investors"). A cue with a gap ("values ... at") spans its head, the few words after it and its tail.
 */
public final class CueMatcher {
    /** A cue found at {@code [start, end)}, with its attribute or modality label. */
    public record Found(int start, int end, String label) {
    }

    private CueMatcher() {
    }

    /** Cues in the text, in order of position; {@code cues} must be sorted longest first (as the lexicon keeps them). */
    public static List<Found> find(String folded, List<Lexicon.Cue> cues) {
        return find(folded, cues, false);
    }

    /**
     * Like {@link #find(String, List)}, but a one-character Chinese cue counts only where it is a word of its own:
     * modality cues such as 若 (if) and 曾 (once) are also characters of names ("梁若川", "曾沐阳") and of other words
     * ("若干").
     */
    public static List<Found> findWords(String folded, List<Lexicon.Cue> cues) {
        return find(folded, cues, true);
    }

    private static List<Found> find(String folded, List<Lexicon.Cue> cues, boolean words) {
        List<Found> out = new ArrayList<>();
        boolean[] taken = new boolean[folded.length()];
        for (Lexicon.Cue cue : cues) {
            String head = cue.head();
            String tail = cue.tail();
            int from = 0;
            while (true) {
                int at = folded.indexOf(head, from);
                if (at < 0) {
                    break;
                }
                from = at + 1;
                int end = at + head.length();
                if (cue.latin() && (at > 0 && Character.isLetter(folded.charAt(at - 1)) || !inflection(folded, end))) {
                    continue;
                }
                if (words && head.length() == 1 && Script.isHan(head.charAt(0)) && tail.isEmpty()
                        && !Names.wordsOfTheirOwnAt(folded, at, end)) {
                    continue;
                }
                if (!tail.isEmpty()) {
                    end = gapEnd(folded, end, tail);
                    if (end < 0) {
                        continue;
                    }
                }
                boolean free = true;
                for (int k = at; k < end && free; k++) {
                    free = !taken[k];
                }
                if (free) {
                    for (int k = at; k < end; k++) {
                        taken[k] = true;
                    }
                    out.add(new Found(at, end, cue.label()));
                }
            }
        }
        out.sort(Comparator.comparingInt(Found::start));
        return out;
    }

    /** Words a gap may hold: "values Velmora Robotics at", never across a clause or sentence. */
    private static final int GAP_CHARS = 48;

    /**
     * Where the cue ends when its tail follows within {@link #GAP_CHARS} characters of {@code from} as a whole word,
     * with no clause or sentence mark between; -1 when it does not.
     */
    private static int gapEnd(String folded, int from, String tail) {
        int limit = Math.min(folded.length(), from + GAP_CHARS + tail.length());
        for (int k = from; k < limit; k++) {
            char c = folded.charAt(k);
            if (c == ',' || c == ';' || c == '.' || c == '!' || c == '?' || c == '，' || c == '。' || c == '；') {
                return -1;
            }
            if (k > from && folded.startsWith(tail, k) && !Character.isLetter(folded.charAt(k - 1))
                    && (k + tail.length() == folded.length() || !Character.isLetter(folded.charAt(k + tail.length())))) {
                return k + tail.length();
            }
        }
        return -1;
    }

    private static boolean inflection(String folded, int end) {
        int k = end;
        while (k < folded.length() && Character.isLetter(folded.charAt(k)) && folded.charAt(k) < 0x80) {
            k++;
        }
        String suffix = folded.substring(end, k);
        return suffix.isEmpty() || suffix.equals("s") || suffix.equals("es") || suffix.equals("d") || suffix.equals("ed")
                || suffix.equals("ing") || suffix.equals("ment") || suffix.equals("ments");
    }
}
