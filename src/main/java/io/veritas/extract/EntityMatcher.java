package io.veritas.extract;

import io.veritas.text.Script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds entity names in text: every name the {@link AliasTable} knows (lexicon and learned), plus Latin names
 * recognisable by shape such as {@code xAI}, {@code OpenAI}, {@code DeepPupil AI} (mixed case, optionally
 * followed by a company word). Overlaps resolve to the longest name.
 */
public final class EntityMatcher {
    private static final String COMPANY_WORD = "(?:AI|Labs|Inc|Technologies|Robotics|Capital|Ventures|Partners|Group|Holdings"
            + "|Systems|Bio|Therapeutics|Energy|Motors|Networks|Software|Dynamics|Semiconductor|Computing|Intelligence)";
    /** Mixed-case names (xAI, OpenAI, DeepPupil AI) and capitalised words before a company word (Acme Robotics). */
    private static final Pattern SHAPE = Pattern.compile(
            "(?<![A-Za-z0-9])((?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)(?:\\s" + COMPANY_WORD + ")?"
                    + "|[A-Z][A-Za-z0-9]+(?:\\s[A-Z][A-Za-z0-9]+){0,2}\\s" + COMPANY_WORD + ")(?![A-Za-z0-9])");

    private final AliasTable aliases;
    private final Set<String> notEntities;

    public EntityMatcher(AliasTable aliases) {
        this.aliases = aliases;
        this.notEntities = aliases.lexicon().notEntities();
    }

    /** Mentions in {@code original}; {@code folded} must be {@code Script.fold(original)}. */
    public List<Mention> find(String original, String folded) {
        List<Mention> found = new ArrayList<>();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (i > 0 && c < 0x80 && isAsciiWordChar(c) && isAsciiWordChar(folded.charAt(i - 1))) {
                continue; // Latin names start at a word boundary
            }
            for (String name : aliases.namesStartingWith(c)) {
                if (folded.startsWith(name, i) && boundaryAfter(folded, i + name.length(), name)) {
                    found.add(new Mention(i, i + name.length(), name, aliases.type(name)));
                    break;
                }
            }
        }
        Matcher m = SHAPE.matcher(original);
        while (m.find()) {
            int start = m.start(1);
            String written = m.group(1);
            int space = written.indexOf(' ');
            while (space > 0 && Names.isSentenceWord(written.substring(0, space))) {
                start += space + 1; // "Did Hollenbeck Ventures invest…": the question word is not the name's
                written = written.substring(space + 1);
                space = written.indexOf(' ');
            }
            String name = Script.fold(written);
            if (!notEntities.contains(name)) {
                found.add(new Mention(start, m.end(1), name, aliases.knows(name) ? aliases.type(name) : "org"));
            }
        }
        found.sort(Comparator.comparingInt(Mention::start).thenComparingInt(mm -> -(mm.end() - mm.start())));
        List<Mention> out = new ArrayList<>();
        int covered = -1;
        for (Mention mention : found) {
            if (mention.start() >= covered) {
                out.add(mention);
                covered = mention.end();
            }
        }
        return out;
    }

    private static boolean boundaryAfter(String text, int end, String name) {
        char last = name.charAt(name.length() - 1);
        if (end >= text.length() || last >= 0x80) {
            return true;
        }
        char next = text.charAt(end);
        // "x" must not match inside "xai"; "xai" may be followed by "'s".
        return !isAsciiWordChar(next);
    }

    private static boolean isAsciiWordChar(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }
}
