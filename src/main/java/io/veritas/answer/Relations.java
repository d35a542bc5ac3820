package io.veritas.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Relations a question can ask about (founding, acquisition, lead investor, investors, leadership), kept as data in
 * {@code lexicon/relations.tsv}: what in a question names one, and what a sentence must say to state it.
 */
final class Relations {
    /**
     * A relation: its name, what names it in a question, what states it in a sentence, and whether a who / which /
     * when question that names it is answered only from sentences that state it (or those only rank first).
     */
    record Relation(String name, java.util.Set<String> types, Pattern question, Pattern evidence, boolean narrowing) {
        boolean statedIn(String folded) {
            return evidence.matcher(folded).find();
        }
    }

    private static final List<Relation> ALL = load();

    private Relations() {
    }

    /** The first relation the folded question names for its type (json name: who, when, ...), or null. */
    static Relation askedIn(String foldedQuestion, String type) {
        for (Relation r : ALL) {
            if (r.types().contains(type) && r.question().matcher(foldedQuestion).find()) {
                return r;
            }
        }
        return null;
    }

    private static List<Relation> load() {
        List<Relation> out = new ArrayList<>();
        for (String[] row : io.veritas.extract.Lexicon.rows("relations.tsv", 4)) {
            boolean ranksOnly = row.length > 4 && row[4].strip().equals("ranks");
            out.add(new Relation(row[0], java.util.Set.of(row[1].split(",")), Pattern.compile(row[2]), Pattern.compile(row[3]), !ranksOnly));
        }
        return List.copyOf(out);
    }
}
