package io.veritas.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Relations a question can ask about (founding, acquisition, lead investor, investors, leadership), kept as data in
 * {@code lexicon/relations.tsv}: what in a question names one, and what a sentence must say to state it.
 */
final class Relations {
    /** A relation: its name, what names it in a question, and what states it in a sentence. */
    record Relation(String name, java.util.Set<String> types, Pattern question, Pattern evidence) {
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
        String resource = "/io/veritas/lexicon/relations.tsv";
        List<Relation> out = new ArrayList<>();
        try (InputStream in = Relations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar; rebuild it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 4) {
                    throw new IllegalStateException(resource + ":" + lineNo
                            + ": expected 4 tab-separated columns (relation, question types, question cue, evidence cue)");
                }
                out.add(new Relation(cols[0], java.util.Set.of(cols[1].split(",")), Pattern.compile(cols[2]), Pattern.compile(cols[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
